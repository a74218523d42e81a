import { notFound, ValidationError } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { assertNameFree, onNameClash } from "@/lib/db/unique-name";
import { parseOrThrow } from "@/lib/validation";
import type { AutoSignature } from "./apply";
import { signatureInputSchema, signaturePatchSchema } from "./schemas";

// Signatures of an organization: reusable text, optionally limited to some channels or platforms,
// inserted from the composer or (auto) appended when a post is saved (auto.ts).

export type SignatureView = AutoSignature & { name: string; auto: boolean };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export async function listSignatures(ctx: OrgContext): Promise<SignatureView[]> {
  const rows = await ctx.db.signature.findMany({ orderBy: { name: "asc" } });
  // A channel deleted since is left out of the scope (it can never match again anyway).
  const ids = [...new Set(rows.flatMap((r) => strings(r.channelIds)))];
  const live = ids.length
    ? new Set((await ctx.db.integration.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((c) => c.id))
    : new Set();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    body: r.body,
    auto: r.auto,
    channelIds: strings(r.channelIds).filter((id) => live.has(id)),
    providers: strings(r.providers),
  }));
}

async function checkChannels(ctx: OrgContext, channelIds: string[] | undefined): Promise<void> {
  if (!channelIds?.length) return;
  const found = new Set((await ctx.db.integration.findMany({ where: { id: { in: channelIds } }, select: { id: true } })).map((c) => c.id));
  const errors: Record<string, string> = {};
  channelIds.forEach((id, i) => {
    if (!found.has(id)) errors[`channelIds.${i}`] = "this channel does not exist in your organization";
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

export async function createSignature(ctx: OrgContext, raw: unknown): Promise<{ id: string }> {
  const input = parseOrThrow(signatureInputSchema, raw);
  await assertNameFree((a) => ctx.db.signature.findFirst(a), input.name, "A signature");
  await checkChannels(ctx, input.channelIds);
  const row = await onNameClash("A signature", input.name, () =>
    ctx.db.signature.create({ data: { ...input, organizationId: ctx.organizationId } }),
  );
  return { id: row.id };
}

export async function updateSignature(ctx: OrgContext, id: string, raw: unknown): Promise<{ id: string }> {
  const input = parseOrThrow(signaturePatchSchema, raw);
  const row = await ctx.db.signature.findFirst({ where: { id } });
  if (!row) throw notFound("Signature");
  if (input.name !== undefined) await assertNameFree((a) => ctx.db.signature.findFirst(a), input.name, "A signature", id);
  await checkChannels(ctx, input.channelIds);
  await onNameClash("A signature", input.name ?? row.name, () => ctx.db.signature.updateMany({ where: { id }, data: input }));
  return { id };
}

export async function deleteSignature(ctx: OrgContext, id: string): Promise<void> {
  const { count } = await ctx.db.signature.deleteMany({ where: { id } });
  if (!count) throw notFound("Signature");
}
