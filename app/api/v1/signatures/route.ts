import { notFound } from "@/lib/errors";
import { v1Handler } from "@/lib/api/v1/handler";
import { createSignatureOp, listSignaturesOp } from "@/lib/api/v1/operations/reuse";
import { createSignature, listSignatures } from "@/lib/signatures/operations";

export const GET = v1Handler(listSignaturesOp, async ({ ctx }) => ({ data: await listSignatures(ctx) }));

export const POST = v1Handler(createSignatureOp, async ({ ctx, body }) => {
  const { id } = await createSignature(ctx, body);
  const signature = (await listSignatures(ctx)).find((s) => s.id === id);
  if (!signature) throw notFound("Signature"); // deleted in between by another request
  return signature;
});
