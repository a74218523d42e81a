import { z } from "zod";
import type { getChannel } from "@/lib/channels/queries";
import type { PlatformManifest } from "@/providers/core/manifest";
import { manifestOf } from "@/providers/manifests";
import { toJsonSchema } from "../json-schema";

// A channel as /api/v1 shows it: never its tokens; with its platform's manifest (text limits,
// media rules, threads, polls, and the per-channel settings as JSON Schema) so a client can
// build a valid post without reading our source.

const mediaKind = z.object({
  mimeTypes: z.array(z.string()),
  maxBytes: z.number(),
  maxCount: z.number(),
  dimensions: z.record(z.string(), z.unknown()).optional(),
  durationSeconds: z.object({ min: z.number().optional(), max: z.number() }).optional(),
});

export const platformSchema = z.object({
  identifier: z.string(),
  name: z.string(),
  editor: z.enum(["normal", "poll", "markdown", "html"]),
  counting: z.string().describe("How text length is counted: chars, graphemes, x-weighted, mastodon, utf8-bytes, emoji-bytes"),
  maxLength: z.number().int(),
  threads: z.object({ kind: z.enum(["replies", "comments"]), maxItems: z.number().int() }).nullable(),
  polls: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("Poll rules (options, lengths, durations), or null when the platform has no polls"),
  media: z.object({
    maxItems: z.number().int(),
    minItems: z.number().int(),
    mixKinds: z.boolean(),
    maxAltTextLength: z.number().int().nullable(),
    maxCaptionLength: z.number().int().nullable(),
    byLinkOnly: z.boolean(),
    image: mediaKind.nullable(),
    video: mediaKind.nullable(),
    gif: mediaKind.nullable(),
  }),
  analytics: z.object({ account: z.boolean(), post: z.boolean() }),
  settingsSchema: z.record(z.string(), z.unknown()).describe("JSON Schema of the channel's settings object in a post's target"),
});

export const channelSchema = z.object({
  id: z.string(),
  provider: z.string(),
  providerName: z.string(),
  name: z.string(),
  username: z.string().nullable(),
  picture: z.string().nullable(),
  status: z.enum(["active", "refresh_needed", "pending", "disabled"]).describe("disabled channels publish nothing until enabled again"),
  instanceUrl: z.string().nullable(),
  maxLength: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  platform: platformSchema.nullable().describe("null when the platform is not available on this server"),
});
export type ChannelOut = z.infer<typeof channelSchema>;

const kind = (k: PlatformManifest["media"]["image"]) =>
  k
    ? {
        mimeTypes: k.mimeTypes,
        maxBytes: k.maxBytes,
        maxCount: k.maxCount,
        ...(k.dimensions ? { dimensions: k.dimensions } : {}),
        ...(k.durationSeconds ? { durationSeconds: k.durationSeconds } : {}),
      }
    : null;

const platforms = new Map<string, z.infer<typeof platformSchema>>();

export function platformView(id: string): z.infer<typeof platformSchema> | null {
  const cached = platforms.get(id);
  if (cached) return cached;
  const m = manifestOf(id);
  if (!m) return null;
  const settingsSchema = toJsonSchema(m.settings, "input");
  const view = {
    identifier: m.identifier,
    name: m.name,
    editor: m.editor,
    counting: m.counting,
    maxLength: m.maxLength,
    threads: m.threads ?? null,
    polls: (m.polls as Record<string, unknown> | undefined) ?? null,
    media: {
      maxItems: m.media.maxItems,
      minItems: m.media.minItems ?? 0,
      mixKinds: m.media.mixKinds,
      maxAltTextLength: m.media.maxAltTextLength ?? null,
      maxCaptionLength: m.media.maxCaptionLength ?? null,
      byLinkOnly: !!m.media.byLinkOnly,
      image: kind(m.media.image),
      video: kind(m.media.video),
      gif: kind(m.media.gif),
    },
    analytics: m.analytics,
    settingsSchema,
  };
  platforms.set(id, view);
  return view;
}

type ChannelRow = Awaited<ReturnType<typeof getChannel>>;

export function channelView(c: ChannelRow): ChannelOut {
  return {
    id: c.id,
    provider: c.provider,
    providerName: c.providerName,
    name: c.name,
    username: c.username,
    picture: c.picture,
    status: c.status,
    instanceUrl: c.instanceUrl,
    maxLength: c.maxLength,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    platform: platformView(c.provider),
  };
}
