import { z } from "zod";
import type { PostCursor, PostView } from "@/lib/posts/queries";

// A post as /api/v1 shows it: the UI's PostView (lib/posts/queries.ts) without what only the
// browser draws (platform badges). Times are ISO 8601 in UTC.

const TARGET_STATUSES = ["draft", "scheduled", "publishing", "published", "failed", "cancelled", "unconfirmed"] as const;
export const targetStatusSchema = z.enum(TARGET_STATUSES, { message: `must be one of ${TARGET_STATUSES.join(", ")}` });

const storedMedia = z.object({
  mediaId: z.string().optional(),
  url: z.string().optional(),
  mimeType: z.string(),
  size: z.number().optional(),
  fileName: z.string().optional(),
  alt: z.string().optional(),
});

const targetSchema = z.object({
  id: z.string().describe("The target's id: this post on one channel (used by /api/v1/targets/{id}/retry)"),
  channel: z.object({
    id: z.string(),
    name: z.string(),
    provider: z.string(),
    providerName: z.string(),
    username: z.string().nullable(),
    instanceUrl: z.string().nullable(),
    picture: z.string().nullable(),
    status: z.string(),
  }),
  status: targetStatusSchema,
  items: z.array(
    z.object({
      text: z.string(),
      media: z.array(storedMedia),
      poll: z.object({ question: z.string().optional(), options: z.array(z.string()), durationMinutes: z.number() }).optional(),
    }),
  ),
  settings: z.unknown().describe("The channel's settings, as given (see the channel's platform.settingsSchema)"),
  links: z.array(z.object({ id: z.string(), url: z.string() })).describe("The published items on the platform"),
  warnings: z.array(z.string()),
  errorKind: z.string().nullable(),
  errorMessage: z.string().nullable(),
  attempts: z.number().int(),
  publishedAt: z.iso.datetime().nullable(),
  dueAt: z.iso.datetime().nullable(),
  canRetry: z.boolean(),
  retry: z.object({ at: z.iso.datetime(), attempt: z.number().int(), maxAttempts: z.number().int(), reason: z.string() }).nullable(),
  progress: z.string().nullable(),
});

export const postSchema = z.object({
  id: z.string(),
  publishAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  status: z
    .enum(["draft", "scheduled", "publishing", "retrying", "published", "partial", "failed", "unconfirmed", "cancelled"])
    .describe("Derived from the targets' statuses"),
  targets: z.array(targetSchema),
});
export type PostOut = z.infer<typeof postSchema>;

export function postView(p: PostView): PostOut {
  return {
    ...p,
    targets: p.targets.map((t) => {
      const { badge: _badge, sandbox: _sandbox, ...channel } = t.channel;
      return { ...t, status: t.status as PostOut["targets"][number]["status"], channel };
    }),
  };
}

// A cursor is opaque to clients: the last post's time and id, base64url-encoded.
export const encodeCursor = (c: PostCursor) => Buffer.from(`${c.publishAt?.toISOString() ?? ""}|${c.id}`).toString("base64url");

export function decodeCursor(raw: string): PostCursor | null {
  const text = Buffer.from(raw, "base64url").toString("utf8");
  const m = /^([0-9T:.Z-]*)\|([\w-]{1,200})$/.exec(text);
  if (!m) return null;
  const publishAt = m[1] ? new Date(m[1]) : null;
  if (publishAt && Number.isNaN(publishAt.getTime())) return null;
  return { publishAt, id: m[2]! };
}
