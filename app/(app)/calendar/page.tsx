import type { Metadata } from "next";
import { Suspense } from "react";
import { CalendarTabs } from "@/components/calendar/calendar-tabs";
import { parseChannels, VIEWS, type View } from "@/components/calendar/calendar-url";
import { CalendarView, type CalendarMode } from "@/components/calendar/calendar-view";
import type { Channel } from "@/components/channels/types";
import { PostList } from "@/components/posts/post-list";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { defaultListRange, listPosts } from "@/lib/posts/queries";
import { todayIn } from "@/lib/time/zone";

export const metadata: Metadata = { title: "Calendar" };

export default async function CalendarPage({
  searchParams,
}: {
  searchParams: Promise<{ post?: string; saved?: string; view?: string; date?: string; channels?: string }>;
}) {
  const ctx = await requirePageContext();
  const q = await searchParams;
  // A link to one post (after saving it, or from a notification) opens the list where it is shown in full.
  const view: View = VIEWS.includes(q.view as View) ? (q.view as View) : q.post ? "list" : "week";
  const timeZone = ctx.user.timezone ?? "UTC";
  const tabs = (
    <Suspense>
      <CalendarTabs view={view} explicit={VIEWS.includes(q.view as View) || !!q.post} />
    </Suspense>
  );
  const header = (
    <PageHeader
      title="Calendar"
      description={`Your posts in ${timeZone}.`}
      actions={
        <div className="flex flex-wrap items-center gap-3">
          {tabs}
          <a href="/compose" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            New post
          </a>
        </div>
      }
    />
  );
  if (view === "list") {
    const range = defaultListRange();
    const [posts, channels] = await Promise.all([
      listPosts(ctx, { from: new Date(range.from), to: new Date(range.to), drafts: true }),
      listChannels(ctx),
    ]);
    return (
      <>
        {header}
        <PostList
          initialPosts={posts}
          timeZone={timeZone}
          range={range}
          highlight={q.post}
          saved={q.saved}
          hasChannels={channels.length > 0}
        />
      </>
    );
  }
  const channels = await listChannels(ctx);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(q.date ?? "") ? q.date! : todayIn(timeZone);
  return (
    <>
      {header}
      <CalendarView
        key={`${view}-${date}`}
        timeZone={timeZone}
        channels={channels as Channel[]}
        mode={view as CalendarMode}
        initialDate={date}
        initialChannels={parseChannels(q.channels)}
      />
    </>
  );
}
