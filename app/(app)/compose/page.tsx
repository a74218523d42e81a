import type { Metadata } from "next";
import { Composer } from "@/components/composer/composer";
import { ReadOnlyPost } from "@/components/composer/read-only-post";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { composerStart } from "@/lib/composer/start";
import type { ComposerChannel } from "@/lib/composer/types";
import { allProviders, describeProvider } from "@/providers/registry";

export const metadata: Metadata = { title: "Compose" };

// /compose: a new post; ?post=ID edits one (read-only once nothing of it can change);
// ?copy=ID starts a new post from an existing one; ?at=ISO&channel=ID starts one in a free queue slot.
export default async function ComposePage({
  searchParams,
}: {
  searchParams: Promise<{ post?: string; copy?: string; at?: string; channel?: string }>;
}) {
  const ctx = await requirePageContext();
  const timeZone = ctx.user.timezone ?? "UTC";
  const channels = (await listChannels(ctx)) as ComposerChannel[];
  const start = await composerStart(ctx, channels, timeZone, await searchParams);
  if (start.kind === "missing")
    return <PageHeader title="Post not found" description="It may have been deleted, or it belongs to another organization." />;
  if (start.kind === "read-only") {
    return (
      <>
        <PageHeader title="Post" description="This post has been sent; it can no longer be changed." />
        <ReadOnlyPost post={start.post} timeZone={timeZone} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={start.initial.postId ? "Edit post" : "Compose"}
        description="Write once, adjust per channel, and publish to every channel you pick."
      />
      <Composer
        channels={channels}
        descriptors={allProviders().map(describeProvider)}
        timeZone={timeZone}
        initial={start.initial}
        locked={start.locked}
      />
    </>
  );
}
