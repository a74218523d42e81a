import type { Metadata } from "next";
import { SetsManager } from "@/components/library/sets-manager";
import { SignaturesManager } from "@/components/library/signatures-manager";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { listSets } from "@/lib/sets/operations";
import { listSignatures } from "@/lib/signatures/operations";

export const metadata: Metadata = { title: "Sets & signatures" };

// /sets: the organization's channel sets and signatures, both used from the composer.
export default async function SetsPage() {
  const ctx = await requirePageContext();
  const [sets, signatures, channels] = await Promise.all([listSets(ctx), listSignatures(ctx), listChannels(ctx)]);
  const choices = channels.map((c) => ({ id: c.id, name: c.name, provider: c.provider, providerName: c.providerName, status: c.status }));
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Sets & signatures" description="Channel sets and signatures for the composer, shared by your organization." />
      <SetsManager sets={sets} channels={choices} />
      <SignaturesManager signatures={signatures} channels={choices} />
    </div>
  );
}
