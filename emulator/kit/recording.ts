import type { EmulatorState, RecordedPost } from "../state";

// What one platform has received: the posts the emulator recorded for it (shown on its home page
// and read back by tests), looked up the ways the platforms' read endpoints need.

export type Recorded = {
  find(id: string): RecordedPost | undefined;
  byAccount(accountId: string): RecordedPost[];
  repliesTo(id: string): RecordedPost[];
  record(p: Omit<RecordedPost, "platform" | "id" | "receivedAt"> & { id?: string }): RecordedPost;
};

export function recorded(state: EmulatorState, platform: string): Recorded {
  const mine = (p: RecordedPost) => p.platform === platform;
  return {
    find: (id) => state.posts.find((p) => mine(p) && p.id === id),
    byAccount: (accountId) => state.posts.filter((p) => mine(p) && p.accountId === accountId),
    repliesTo: (id) => state.posts.filter((p) => mine(p) && p.replyTo === id),
    record: (p) => state.record({ ...p, platform }),
  };
}
