import { z } from "zod";
import type { LinkedInApi, LinkedInCall } from "./linkedin.api";

// A post's lightweight counts from GET /v2/socialActions/{urn} (fact sheet §5): total likes and
// first-level comments. LinkedIn's member post statistics need a scope we do not request and have
// undocumented date fields, so personal profiles get post counts only.

const actions = z.object({
  likesSummary: z.object({ totalLikes: z.number() }).partial().optional(),
  commentsSummary: z.object({ totalFirstLevelComments: z.number() }).partial().optional(),
});

export async function socialActionCounts(api: LinkedInApi, call: LinkedInCall, urn: string): Promise<Record<string, number>> {
  const a = actions.parse(await api.get(call, `/v2/socialActions/${encodeURIComponent(urn)}`, "read the post's likes and comments"));
  const likes = a.likesSummary?.totalLikes ?? 0;
  const comments = a.commentsSummary?.totalFirstLevelComments ?? 0;
  return { likes, comments, engagements: likes + comments };
}
