import { Prisma, type Media } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/orgs/context";

// One copy of a file per organization: an upload is identified by the sha256 of its bytes, and
// (organization_id, content_hash) is unique (migration 0018). ctx.db is scoped to the signed-in
// organization, so the same file in another organization is never found here: each organization
// keeps its own item, and one organization can never learn what another has uploaded.

/** The organization's item with these bytes, if it has one. */
export function existingUpload(ctx: OrgContext, contentHash: string): Promise<Media | null> {
  return ctx.db.media.findFirst({ where: { contentHash } });
}

/**
 * Whether a failed insert may have lost the race to a concurrent upload of the same bytes (a unique
 * violation: the only unique key an insert with a fresh id can hit); the caller then reads the winner.
 */
export function isDuplicateHash(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}
