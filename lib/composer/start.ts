import { isAppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { getPost, type PostView } from "@/lib/posts/queries";
import { EDITABLE } from "@/lib/posts/status";
import { dateToWallTime } from "@/lib/time/zone";
import { emptyItem, stateFromPost } from "./state";
import { channelLabel } from "@/lib/channels/label";
import type { ComposerChannel, ComposerState, Descriptor } from "./types";
import { withoutAutoSignatures, type AutoSignature } from "@/lib/signatures/apply";
import { getProvider } from "@/providers/registry";
import { serverMark } from "./autosave-store";

// What the composer opens with: a new post (an hour from now), an existing post's editable
// channels (the sent ones shown as locked), a copy of a post, or the read-only view of a post
// that has been sent in full.

export type Locked = { channelName: string; status: string; links: string[] };
export type ComposerStart =
  | { kind: "missing" }
  | { kind: "read-only"; post: PostView }
  | { kind: "compose"; initial: ComposerState; locked: Locked[]; draft?: boolean; serverMark?: string };

export async function composerStart(
  ctx: OrgContext,
  channels: ComposerChannel[],
  timeZone: string,
  ask: { post?: string; copy?: string; at?: string; channel?: string },
  now = new Date(),
  autoSignatures: AutoSignature[] = [],
): Promise<ComposerStart> {
  const inAnHour = dateToWallTime(new Date(now.getTime() + 60 * 60_000), timeZone);
  const id = ask.post ?? ask.copy;
  if (!id) {
    const active = channels.filter((c) => c.status === "active");
    // From a free slot on the calendar: that time, that channel.
    const at = ask.at ? new Date(ask.at) : null;
    const when = at && at.getTime() > now.getTime() ? dateToWallTime(at, timeZone) : inAnHour;
    const slotChannel = active.find((c) => c.id === ask.channel);
    const picked = slotChannel ? [slotChannel.id] : active.length === 1 ? [active[0]!.id] : [];
    return { kind: "compose", locked: [], initial: { picked, global: [emptyItem()], variants: {}, settings: {}, when } };
  }
  const found = await getPost(ctx, id).catch((e) => {
    if (isAppError(e) && e.status === 404) return null;
    throw e;
  });
  if (!found) return { kind: "missing" };
  const source = unsigned(found, autoSignatures);
  if (!ask.post) return { kind: "compose", locked: [], initial: stateFromPost(source, inAnHour, true) };

  const editable = source.targets.filter((t) => (EDITABLE as string[]).includes(t.status));
  if (editable.length === 0) return { kind: "read-only", post: source };
  const ahead = source.publishAt && new Date(source.publishAt).getTime() > now.getTime();
  const when = ahead ? dateToWallTime(new Date(source.publishAt!), timeZone) : inAnHour;
  return {
    kind: "compose",
    // Only a draft may be saved by autosave; a scheduled post's edits wait for the user.
    draft: source.status === "draft",
    serverMark: serverMark(found),
    initial: stateFromPost({ ...source, targets: editable }, when),
    locked: source.targets
      .filter((t) => !editable.includes(t))
      .map((t) => ({ channelName: channelLabel(t.channel), status: t.status, links: t.links.map((l) => l.url) })),
  };
}

/** The post with its automatic signatures taken off again (the composer adds them back in view). */
function unsigned(post: PostView, signatures: AutoSignature[]): PostView {
  if (!signatures.length) return post;
  return {
    ...post,
    targets: post.targets.map((t) => {
      const editor: Descriptor["editor"] | undefined = getProvider(t.channel.provider)?.manifest.editor;
      return editor ? { ...t, items: withoutAutoSignatures(t.items, signatures, t.channel, editor) } : t;
    }),
  };
}
