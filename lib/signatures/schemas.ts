import { z } from "zod";
import { idText, safeText } from "@/lib/validation";
import { manifests } from "@/providers/manifests";

// The input of a signature, shared by the composer, the management page and the API.

export const SIGNATURE_NAME_MAX = 80;
/** Longer than any signature is meant to be, short enough to fit most platforms beside a post. */
export const SIGNATURE_BODY_MAX = 2_000;

const providerId = safeText().refine((p) => Object.hasOwn(manifests, p), "is not a platform of this server");

export const signatureInputSchema = z.object({
  name: safeText()
    .trim()
    .min(1, "give the signature a name")
    .max(SIGNATURE_NAME_MAX, `a signature name is at most ${SIGNATURE_NAME_MAX} characters`),
  body: safeText()
    .refine((s) => s.trim().length > 0, "write the signature's text")
    .refine((s) => s.length <= SIGNATURE_BODY_MAX, `a signature is at most ${SIGNATURE_BODY_MAX} characters`),
  auto: z.boolean({ message: "auto must be true or false" }).default(false),
  /** Limits the signature to these channels (and to the platforms below); none of either is every channel. */
  channelIds: z
    .array(idText("pick a channel"))
    .max(100, "at most 100 channels")
    .default([])
    .refine((l) => new Set(l).size === l.length, "each channel once"),
  providers: z
    .array(providerId)
    .max(100, "at most 100 platforms")
    .default([])
    .refine((l) => new Set(l).size === l.length, "each platform once"),
});

export const signaturePatchSchema = signatureInputSchema
  .partial()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { path: ["name"], message: "give at least one field to change" });

export type SignatureInput = z.infer<typeof signatureInputSchema>;
