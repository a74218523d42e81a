import "server-only";
import type { NextRequest } from "next/server";
import type { ResolvedContext } from "@/lib/orgs/context";
import { z } from "zod";
import { idText, parseOrThrow } from "@/lib/validation";
import { periodFrom, periodQuery, type Period } from "./periods";

/** The period a dashboard request asks for (?range=7|30|90 or ?from=&to=), in the user's time zone. */
export function requestedPeriod(req: NextRequest, ctx: ResolvedContext): { period: Period; timeZone: string } {
  const timeZone = ctx.user.timezone ?? "UTC";
  const q = parseOrThrow(periodQuery, Object.fromEntries(req.nextUrl.searchParams));
  return { period: periodFrom(q, timeZone), timeZone };
}

/** POST /api/analytics/refresh {channelId?} */
export const refreshBodySchema = z.object({ channelId: idText("channelId must not be empty").optional() });
