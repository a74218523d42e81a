import { recorded } from "@/emulator/kit/recording";
import { isAnswer } from "@/emulator/kit/access";
import { postCounter } from "@/emulator/kit/metrics";
import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { grantFor, liError } from "./common";

// GET /v2/socialActions/{urn}: a post's like and first-level comment counts. Likes are
// deterministic per post (emulator/kit/metrics.ts); comments are the comments really made on it.

export function socialActionRoutes(state: EmulatorState, platform: string): Route[] {
  return [
    {
      method: "GET",
      path: "/v2/socialActions/:urn",
      name: "post-stats",
      handle(req, params) {
        const grant = grantFor(state, platform, req);
        if (isAnswer(grant)) return grant;
        const urn = params.urn ?? "";
        const post = recorded(state, platform).find(urn);
        if (!post || post.replyTo) return liError(404, "NOT_FOUND", `No social actions found for ${urn}`);
        const likes = postCounter(urn, "likes", post.receivedAt);
        const comments = recorded(state, platform).repliesTo(urn).length;
        return json(200, {
          $URN: `urn:li:socialActions:${urn}`,
          target: urn,
          likesSummary: { totalLikes: likes, aggregatedTotalLikes: likes, likedByCurrentUser: false },
          commentsSummary: { totalFirstLevelComments: comments, aggregatedTotalComments: comments },
        });
      },
    },
  ];
}
