import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ChannelView } from "@/components/analytics/channel-view";
import { Skeleton } from "@/components/analytics/skeleton";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";

export const metadata: Metadata = { title: "Channel analytics" };

export default async function ChannelAnalyticsPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext();
  const { id } = await params;
  return (
    <>
      <PageHeader
        title="Channel analytics"
        description={
          <>
            Daily figures in {ctx.user.timezone ?? "UTC"}.{" "}
            <Link href="/analytics" className="text-brand-700 underline">
              All channels
            </Link>
          </>
        }
      />
      <Suspense fallback={<Skeleton />}>
        <ChannelView channelId={id} />
      </Suspense>
    </>
  );
}
