import { z } from "zod";
import { AppError, notFound, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/orgs/context";
import { inDateWindow, parseOrThrow, safeText, unsafeTextReason } from "@/lib/validation";
import { ALT_TEXT_CEILING, altTextLength } from "./alt-text";
import { toMediaDto } from "./dto";
import { removeStoredFile } from "./files";
import type { MediaDto, MediaPage } from "./types";

// The organization's media library: list (newest first, a page at a time), alt text, delete.
// Every query goes through ctx.db, so another organization's file is simply "not found".

export const listQuerySchema = z.object({
  cursor: safeText().max(200, "cursor is at most 200 characters").optional(),
  limit: z.coerce
    .number({ message: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit is at least 1")
    .max(100, "limit is at most 100")
    .default(30),
  type: z.enum(["image", "video", "gif"], { message: "type must be image, video or gif" }).optional(),
});

// The cursor is the last item's (createdAt, id): stable while files are added or deleted.
const encodeCursor = (m: { createdAt: Date; id: string }) => Buffer.from(`${m.createdAt.toISOString()}|${m.id}`).toString("base64url");
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  // A cursor names an upload, so its time is inside the window and its id is plain text; a
  // forged one (year -271821, a NUL in the id) would otherwise reach PostgreSQL and fail there.
  if (!id || unsafeTextReason(id) || Number.isNaN(createdAt.getTime()) || !inDateWindow(createdAt)) {
    throw new ValidationError({ cursor: "is not a cursor this list gave out" });
  }
  return { createdAt, id };
}

const typeFilter = (type?: "image" | "video" | "gif"): Prisma.MediaWhereInput =>
  type === "gif" ? { mimeType: "image/gif" } : type ? { mimeType: { startsWith: `${type}/` } } : {};

export async function listMedia(ctx: OrgContext, query: unknown): Promise<MediaPage> {
  const q = parseOrThrow(listQuerySchema, query);
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await ctx.db.media.findMany({
    where: {
      ...typeFilter(q.type),
      ...(after && { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return { items: page.map(toMediaDto), nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null };
}

export async function getMedia(ctx: OrgContext, id: string): Promise<MediaDto> {
  const row = await ctx.db.media.findFirst({ where: { id } });
  if (!row) throw notFound("Media");
  return toMediaDto(row);
}

export const altSchema = z.object({
  // The longest any platform takes; each channel's own limit applies when a post uses the file.
  alt: safeText("alt must be text")
    .refine((s) => altTextLength(s) <= ALT_TEXT_CEILING, `alt text is at most ${ALT_TEXT_CEILING} characters (the most any platform takes)`)
    .nullable(),
});

export async function updateMediaAlt(ctx: OrgContext, id: string, input: unknown): Promise<MediaDto> {
  const { alt } = parseOrThrow(altSchema, input);
  const clean = alt?.trim() || null;
  const { count } = await ctx.db.media.updateMany({ where: { id }, data: { alt: clean } });
  if (count === 0) throw notFound("Media");
  return getMedia(ctx, id);
}

// Targets that may still be sent: the worker reads the file at publish time (and on a retry of
// a failed target), so only published and cancelled ones no longer need it.
async function pendingUses(ctx: OrgContext, mediaId: string): Promise<number> {
  const rows = await ctx.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM post_targets
    WHERE organization_id = ${ctx.organizationId}
      AND status NOT IN ('published', 'cancelled')
      AND items @> jsonb_build_array(jsonb_build_object('media', jsonb_build_array(jsonb_build_object('mediaId', ${mediaId}::text))))`;
  return Number(rows[0]?.n ?? 0);
}

export async function deleteMedia(ctx: OrgContext, id: string): Promise<void> {
  const row = await ctx.db.media.findFirst({ where: { id } });
  if (!row) throw notFound("Media");
  const uses = await pendingUses(ctx, id);
  if (uses > 0) {
    const where = uses === 1 ? "a post that is not published yet" : `${uses} channel posts that are not published yet`;
    throw new AppError(`${row.fileName} is attached to ${where}; remove it from the post or delete the post first`, 409, "id");
  }
  await ctx.db.media.deleteMany({ where: { id } });
  await removeStoredFile(row.path);
}
