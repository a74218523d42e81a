import type { Metadata } from "next";
import Link from "next/link";
import { Composer } from "@/components/composer/composer";
import { AutosaveScopeProvider } from "@/components/composer/autosave-scope";
import { ReadOnlyPost } from "@/components/composer/read-only-post";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { composerStart } from "@/lib/composer/start";
import { seriesOfPost } from "@/lib/posts/series-queries";
import type { ComposerChannel } from "@/lib/composer/types";
import { allProviders, describeProvider } from "@/providers/registry";
import { listSets } from "@/lib/sets/operations";
import { listSignatures } from "@/lib/signatures/operations";
import { listGroups } from "@/lib/channel-groups/operations";
import { scheduleZone, wallTimeIn } from "@/lib/composer/channel-search";

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
  const [sets, signatures, groups] = await Promise.all([listSets(ctx), listSignatures(ctx), listGroups(ctx)]);
  const autoSignatures = signatures.filter((s) => s.auto);
  const start = await composerStart(ctx, channels, timeZone, await searchParams, undefined, autoSignatures);
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
  // The start time is worked out in the user's zone; a post whose channels are all one group's opens in that group's.
  const when = wallTimeIn(start.initial.when, timeZone, scheduleZone(start.initial.picked, groups, timeZone).timeZone);
  return (
    <>
      <PageHeader
        title={start.initial.postId ? "Edit post" : "Compose"}
        description="Write once, adjust per channel, and publish to every channel you pick."
        actions={
          start.initial.postId ? undefined : (
            <Link href="/compose/import" className="text-sm font-medium text-brand-700 underline">
              Import from CSV
            </Link>
          )
        }
      />
      <AutosaveScopeProvider
        value={{
          owner: { organizationId: ctx.organizationId, userId: ctx.userId },
          draft: !!start.draft,
          serverMark: start.serverMark ?? "",
        }}
      >
        <Composer
          channels={channels}
          descriptors={allProviders().map(describeProvider)}
          timeZone={timeZone}
          initial={{ ...start.initial, when, autoSignatures }}
          locked={start.locked}
          sets={sets}
          signatures={signatures}
          groups={groups}
          series={start.initial.postId ? await seriesOfPost(ctx, start.initial.postId) : null}
        />
      </AutosaveScopeProvider>
    </>
  );
}
