import { z } from "zod";
import { setInputSchema } from "@/lib/sets/schemas";
import { signatureInputSchema } from "@/lib/signatures/schemas";
import { defineOperation } from "../operation";

// Declarations of channel sets and signatures, what the composer reuses from one post to the
// next (handlers: app/api/v1/{channel-sets,signatures}/route.ts).

export const channelSetSchema = z.object({
  id: z.string(),
  name: z.string(),
  channels: z.array(
    z.object({
      channelId: z.string(),
      name: z.string(),
      provider: z.string(),
      status: z.string(),
      settings: z.record(z.string(), z.unknown()).describe("The settings the channel's target starts with when the set is picked"),
    }),
  ),
});

export const signatureSchema = z.object({
  id: z.string(),
  name: z.string(),
  body: z.string(),
  auto: z.boolean().describe("Appended to every post of the channels in scope when it is saved"),
  channelIds: z.array(z.string()).describe("Limited to these channels (none and no providers: every channel)"),
  providers: z.array(z.string()).describe("Limited to these platforms"),
});

export const listChannelSetsOp = defineOperation({
  id: "listChannelSets",
  method: "GET",
  path: "/api/v1/channel-sets",
  scope: "read",
  summary: "List channel sets",
  description: "Named groups of channels, each channel with the settings it starts with, in name order.",
  tags: ["Channel sets"],
  response: z.object({ data: z.array(channelSetSchema) }),
});

export const createChannelSetOp = defineOperation({
  id: "createChannelSet",
  method: "POST",
  path: "/api/v1/channel-sets",
  scope: "write",
  summary: "Create a channel set",
  description: "A name (unique in the organization) and its channels with their default settings (checked with each channel's rules).",
  tags: ["Channel sets"],
  body: setInputSchema,
  response: channelSetSchema,
  successStatus: 201,
});

export const listSignaturesOp = defineOperation({
  id: "listSignatures",
  method: "GET",
  path: "/api/v1/signatures",
  scope: "read",
  summary: "List signatures",
  tags: ["Signatures"],
  response: z.object({ data: z.array(signatureSchema) }),
});

export const createSignatureOp = defineOperation({
  id: "createSignature",
  method: "POST",
  path: "/api/v1/signatures",
  scope: "write",
  summary: "Create a signature",
  description:
    "Reusable text, optionally limited to some channels or platforms. With auto, it is appended to the posts of those channels when they are saved (also through this API).",
  tags: ["Signatures"],
  body: signatureInputSchema,
  response: signatureSchema,
  successStatus: 201,
});
