import type { Metadata } from "next";
import { PostList } from "@/components/posts/post-list";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { defaultListRange, listPosts } from "@/lib/posts/queries";

export const metadata: Metadata = { title: "Calendar" };

export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ post?: string; saved?: string }> }) {
  const ctx = await requirePageContext();
  const { post, saved } = await searchParams;
  const range = defaultListRange();
  const posts = await listPosts(ctx, { from: new Date(range.from), to: new Date(range.to), drafts: true });
  return (
    <>
      <PageHeader title="Calendar" description="The last two weeks and the next three months, in your time zone." actions={<a href="/compose" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">New post</a>} />
      <PostList initialPosts={posts} timeZone={ctx.user.timezone ?? "UTC"} range={range} highlight={post} saved={saved} />
    </>
  );
}
