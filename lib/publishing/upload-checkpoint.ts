import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UploadCheckpoint } from "@/providers/social.integrations.interface";

// Where a resumable upload stands, on the target's row (post_targets.upload_state), written each
// time the platform confirms a chunk. A worker killed mid-file leaves it there: the next attempt
// asks the platform for its offset in that session and continues, instead of sending the file
// again. Only the claim holder writes (claimedBy), so a lost lease cannot overwrite a newer attempt.

export function uploadCheckpoint(targetId: string, claimedBy: string | null): UploadCheckpoint {
  const mine = { id: targetId, ...(claimedBy ? { claimedBy } : {}) };
  return {
    async load() {
      const row = await db.postTarget.findUnique({ where: { id: targetId }, select: { uploadState: true } });
      const s = row?.uploadState;
      return s && typeof s === "object" && !Array.isArray(s) ? (s as Record<string, unknown>) : null;
    },
    async save(state) {
      await db.postTarget.updateMany({
        where: mine,
        data: { uploadState: state === null ? Prisma.DbNull : (state as Prisma.InputJsonValue) },
      });
    },
    async progress(text) {
      await db.postTarget.updateMany({ where: mine, data: { uploadProgress: text } });
    },
  };
}
