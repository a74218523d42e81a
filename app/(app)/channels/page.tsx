import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Channels" };

export default function ChannelsPage() {
  return (
    <>
      <PageHeader title="Channels" />
      <ComingSoon what="Connect your accounts on X, LinkedIn, Mastodon, Bluesky and more, and manage their status." />
    </>
  );
}
