import type { Metadata } from "next";
import Link from "next/link";
import { PostView } from "@/components/analytics/post-view";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";

export const metadata: Metadata = { title: "Post analytics" };

export default async function PostAnalyticsPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext();
  const { id } = await params;
  return (
    <>
      <PageHeader
        title="Post analytics"
        description={
          <Link href="/analytics" className="text-brand-700 underline">
            All channels
          </Link>
        }
      />
      <PostView targetId={id} timeZone={ctx.user.timezone ?? "UTC"} />
    </>
  );
}
