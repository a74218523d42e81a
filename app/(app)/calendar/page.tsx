import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Calendar" };

export default function CalendarPage() {
  return (
    <>
      <PageHeader title="Calendar" />
      <ComingSoon what="Your scheduled and published posts on a day, week, month or list calendar, in your time zone." />
    </>
  );
}
