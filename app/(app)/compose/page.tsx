import type { Metadata } from "next";
import { Composer } from "@/components/composer/composer";
import { ReadOnlyPost } from "@/components/composer/read-only-post";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { emptyItem, stateFromPost } from "@/lib/composer/state";
import type { ComposerChannel, ComposerState } from "@/lib/composer/types";
import { isAppError } from "@/lib/errors";
import { getPost, type PostView } from "@/lib/posts/queries";
import { EDITABLE } from "@/lib/posts/status";
import { dateToWallTime } from "@/lib/time/zone";
import { allProviders, describeProvider } from "@/providers/registry";

export const metadata: Metadata = { title: "Compose" };

type Search = { post?: string; copy?: string };

// /compose: a new post; ?post=ID edits one (read-only once nothing of it can change);
// ?copy=ID starts a new post from an existing one.
export default async function ComposePage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requirePageContext();
  const { post: postId, copy } = await searchParams;
  const timeZone = ctx.user.timezone ?? "UTC";
  const channels = (await listChannels(ctx)) as ComposerChannel[];
  const descriptors = allProviders().map(describeProvider);
  const inAnHour = dateToWallTime(new Date(Date.now() + 60 * 60_000), timeZone);
  const source = await loadPost(ctx, postId ?? copy);
  if ((postId || copy) && !source) return <PageHeader title="Post not found" description="It may have been deleted, or it belongs to another organization." />;

  let initial: ComposerState = { picked: channels.filter((c) => c.status === "active").length === 1 ? [channels.find((c) => c.status === "active")!.id] : [], global: [emptyItem()], variants: {}, settings: {}, when: inAnHour };
  let locked: { channelName: string; status: string; links: string[] }[] = [];
  if (source && copy) {
    initial = stateFromPost(source, inAnHour, true);
  } else if (source) {
    const editable = source.targets.filter((t) => (EDITABLE as string[]).includes(t.status));
    if (editable.length === 0) {
      return (
        <>
          <PageHeader title="Post" description="This post has been sent; it can no longer be changed." />
          <ReadOnlyPost post={source} timeZone={timeZone} />
        </>
      );
    }
    const future = source.publishAt && new Date(source.publishAt).getTime() > Date.now() ? dateToWallTime(new Date(source.publishAt), timeZone) : inAnHour;
    initial = stateFromPost({ ...source, targets: editable }, future);
    locked = source.targets.filter((t) => !editable.includes(t)).map((t) => ({ channelName: t.channel.name, status: t.status, links: t.links.map((l) => l.url) }));
  }
  return (
    <>
      <PageHeader title={initial.postId ? "Edit post" : "Compose"} description="Write once, adjust per channel, and publish to every channel you pick." />
      <Composer channels={channels} descriptors={descriptors} timeZone={timeZone} initial={initial} locked={locked} />
    </>
  );
}

async function loadPost(ctx: Awaited<ReturnType<typeof requirePageContext>>, id: string | undefined): Promise<PostView | null> {
  if (!id) return null;
  try {
    return await getPost(ctx, id);
  } catch (e) {
    if (isAppError(e) && e.status === 404) return null;
    throw e;
  }
}
