import type { Metadata } from "next";
import { Suspense } from "react";
import { OverviewView } from "@/components/analytics/overview-view";
import { Skeleton } from "@/components/analytics/skeleton";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage() {
  const ctx = await requirePageContext();
  return (
    <>
      <PageHeader
        title="Analytics"
        description={`Followers, impressions, engagements and posts published across your channels, by day in ${ctx.user.timezone ?? "UTC"}.`}
      />
      <Suspense fallback={<Skeleton />}>
        <OverviewView />
      </Suspense>
    </>
  );
}
