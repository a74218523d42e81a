import type { Metadata } from "next";
import type { Channel } from "@/components/channels/types";
import { ComposeForm } from "@/components/posts/compose-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { allProviders, describeProvider } from "@/providers/registry";

export const metadata: Metadata = { title: "Compose" };

export default async function ComposePage() {
  const ctx = await requirePageContext();
  const channels = await listChannels(ctx);
  return (
    <>
      <PageHeader title="Compose" description="Write once, publish to every channel you pick." />
      <ComposeForm channels={channels as Channel[]} providers={allProviders().map(describeProvider)} timeZone={ctx.user.timezone ?? "UTC"} />
    </>
  );
}
