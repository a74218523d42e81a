import type { Metadata } from "next";
import type { Channel } from "@/components/channels/types";
import { EvergreenPool } from "@/components/schedules/evergreen-pool";
import { SchedulesView } from "@/components/schedules/schedules-view";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { listEvergreen } from "@/lib/evergreen/pool";
import { listSchedules } from "@/lib/schedules/store";

export const metadata: Metadata = { title: "Schedules" };

// /schedules: each channel's weekly posting slots (the queue "Add to queue" fills) and the evergreen pool.
export default async function SchedulesPage() {
  const ctx = await requirePageContext();
  const [channels, schedules, evergreen] = await Promise.all([listChannels(ctx), listSchedules(ctx), listEvergreen(ctx)]);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Schedules"
        description="Weekly posting slots per channel: “Add to queue” in the composer puts a post in each channel’s next free slot."
      />
      <SchedulesView channels={channels as Channel[]} initial={schedules} userTimeZone={ctx.user.timezone} />
      <EvergreenPool initial={evergreen} channels={channels as Channel[]} timeZone={ctx.user.timezone ?? "UTC"} />
    </div>
  );
}
