import type { Metadata } from "next";
import { ChannelGroups } from "@/components/channels/channel-groups";
import { ChannelsView } from "@/components/channels/channels-view";
import type { Channel } from "@/components/channels/types";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { listGroups } from "@/lib/channel-groups/operations";
import type { ComposerChannel } from "@/lib/composer/types";
import { sandboxMode } from "@/providers/core/hosts";
import { allProviders, describeProvider } from "@/providers/registry";

export const metadata: Metadata = { title: "Channels" };

export default async function ChannelsPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; connected?: string; pick?: string }>;
}) {
  const ctx = await requirePageContext();
  const [channels, flash, groups] = await Promise.all([listChannels(ctx), searchParams, listGroups(ctx)]);
  return (
    <>
      <PageHeader title="Channels" description="The accounts and pages you publish to." />
      <ChannelsView
        initialChannels={channels as Channel[]}
        providers={allProviders().map(describeProvider)}
        flash={flash}
        sandbox={sandboxMode()}
      />
      {channels.length > 0 && (
        <div className="mt-8">
          <ChannelGroups initialGroups={groups} initialChannels={channels as ComposerChannel[]} />
        </div>
      )}
    </>
  );
}
