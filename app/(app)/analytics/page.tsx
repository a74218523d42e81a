import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Analytics" };

export default function AnalyticsPage() {
  return (
    <>
      <PageHeader title="Analytics" />
      <ComingSoon what="Followers, impressions and engagement per channel over time, with honest comparisons." />
    </>
  );
}
