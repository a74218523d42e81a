import type { Metadata } from "next";
import { FeedsView } from "@/components/feeds/feeds-view";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { listFeeds } from "@/lib/feeds/queries";

export const metadata: Metadata = { title: "Feeds" };

export default async function FeedsPage() {
  const ctx = await requirePageContext();
  const [feeds, channels] = await Promise.all([listFeeds(ctx), listChannels(ctx)]);
  return (
    <>
      <PageHeader title="Feeds" description="RSS and Atom feeds whose new items become posts on your channels." />
      <FeedsView
        feeds={feeds}
        channels={channels.map((c) => ({ id: c.id, name: c.name, providerName: c.providerName, status: String(c.status) }))}
      />
    </>
  );
}
