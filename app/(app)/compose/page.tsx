import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Compose" };

export default function ComposePage() {
  return (
    <>
      <PageHeader title="Compose" />
      <ComingSoon what="Write one post with a variant per channel, with live character counters, media, threads and polls." />
    </>
  );
}
