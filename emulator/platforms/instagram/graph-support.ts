import { randomBytes } from "node:crypto";
import { bearerGrant, type Refusals } from "@/emulator/kit/access";
import { withHeaders } from "@/emulator/kit/envelope";
import type { MediaFetch } from "@/emulator/kit/fetch-media";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator } from "@/emulator/types";

// The pieces of the Instagram Graph emulation that are not routes (graph.ts): Meta's error envelope
// and documented fault answers, token checks, the container store with its status rules, and the
// caption, list and quota checks the routes share.

export const HOUR = 3_600_000;
export const QUOTA_TOTAL = 100;
export const CAPTION_MAX = 2200;
export const CAROUSEL_MAX = 10;

export const fbtrace = () => randomBytes(8).toString("base64url");

/** Meta's error envelope. */
export function graphError(
  status: number,
  code: number,
  message: string,
  extra: { subcode?: number; transient?: boolean; userMsg?: string } = {},
) {
  return json(status, {
    error: {
      message,
      type: code === 190 || code === 10 || code === 200 ? "OAuthException" : "IGApiException",
      code,
      ...(extra.subcode ? { error_subcode: extra.subcode } : {}),
      is_transient: extra.transient ?? false,
      ...(extra.userMsg ? { error_user_title: "Cannot publish", error_user_msg: extra.userMsg } : {}),
      fbtrace_id: fbtrace(),
    },
  });
}

export const invalidParam = (message: string, subcode?: number) => graphError(400, 100, `(#100) ${message}`, { subcode });

export const refusals: Refusals = {
  missing: () => graphError(400, 2500, "An active access token must be used to query information about the current user."),
  invalid: () => graphError(400, 190, "Invalid OAuth access token - Cannot parse access token"),
  expired: () => graphError(400, 190, "Error validating access token: Session has expired.", { subcode: 463 }),
  revoked: () => graphError(400, 190, "Error validating access token: The user has not authorized application.", { subcode: 458 }),
  scope: () => graphError(403, 10, "(#10) Application does not have permission for this action"),
};

/** The documented answers of the injectable faults. */
export const graphFaults: PlatformEmulator["faults"] = {
  "expired-token": () => refusals.expired(),
  "missing-scope": () => refusals.scope!(),
  // Instagram's Business Use Case limit: code 80002, and how long to wait in X-Business-Use-Case-Usage (minutes).
  "rate-limit": ({ retryAfterSeconds }) =>
    withHeaders(graphError(400, 80002, "There have been too many calls to this Instagram account. Wait a bit and try again."), {
      "x-business-use-case-usage": JSON.stringify({
        emulated: [
          {
            type: "instagram",
            call_count: 100,
            total_cputime: 20,
            total_time: 20,
            estimated_time_to_regain_access: Math.ceil(retryAfterSeconds / 60),
          },
        ],
      }),
    }),
  "server-error": () => graphError(500, 2, "An unexpected error has occurred. Please retry your request later.", { transient: true }),
};

/** Query and form parameters together: Graph takes either. */
export function params(req: EmuRequest): URLSearchParams {
  const p = new URLSearchParams(req.query);
  if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) for (const [k, v] of req.form()) p.set(k, v);
  return p;
}

/** The grant of the call's token (Authorization: Bearer, or access_token), or Meta's refusal. */
export function graphGrant(state: EmulatorState, platform: string, req: EmuRequest, scope?: string): Grant | EmuResponse {
  const token = req.bearer() ?? params(req).get("access_token") ?? undefined;
  return bearerGrant(state, platform, token, refusals, scope ? (held) => held.includes(scope) : undefined);
}

export type Container = {
  id: string;
  accountId: string;
  createdAt: number;
  kind: "IMAGE" | "VIDEO" | "REELS" | "STORIES" | "CAROUSEL";
  carouselItem: boolean;
  caption?: string;
  urls: string[];
  fetches: MediaFetch[];
  children?: string[];
  /** Reads of the status so far: a video is IN_PROGRESS on its first. */
  reads: number;
  error?: string;
  published?: string;
  extra: Record<string, unknown>;
};

export const containersOf = new WeakMap<EmulatorState, Map<string, Container>>();
export const containers = (state: EmulatorState) => {
  let m = containersOf.get(state);
  if (!m) containersOf.set(state, (m = new Map()));
  return m;
};

export function statusOf(c: Container): { status_code: string; status: string } {
  if (c.published) return { status_code: "PUBLISHED", status: "Published" };
  if (c.error) return { status_code: "ERROR", status: c.error };
  if (Date.now() - c.createdAt > 24 * HOUR)
    return { status_code: "EXPIRED", status: "Expired: the container was not published within 24 hours" };
  if ((c.kind === "VIDEO" || c.kind === "REELS" || c.kind === "STORIES") && c.reads < 1)
    return { status_code: "IN_PROGRESS", status: "In Progress" };
  return { status_code: "FINISHED", status: "Finished" };
}

export const HASHTAG = /(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu;
export const MENTION = /(^|[^\p{L}\p{N}_.])@[A-Za-z0-9._]+/gu;

export function captionProblem(caption: string | undefined): EmuResponse | undefined {
  if (caption === undefined) return undefined;
  if ([...caption].length > CAPTION_MAX) return invalidParam(`The caption is longer than ${CAPTION_MAX} characters`, 2207010);
  if ((caption.match(HASHTAG)?.length ?? 0) > 30) return invalidParam("The caption has more than 30 hashtags");
  if ((caption.match(MENTION)?.length ?? 0) > 20) return invalidParam("The caption has more than 20 @ tags");
  return undefined;
}

export function jsonList(raw: string | null, what: string): unknown[] | EmuResponse | undefined {
  if (raw === null) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v : invalidParam(`${what} must be a JSON array`);
  } catch {
    return invalidParam(`${what} must be a JSON array`);
  }
}

export const IMAGE_TYPES = ["image/jpeg", "image/png"];
export const VIDEO_TYPES = ["video/mp4", "video/quicktime"];

export function publishedInLastDay(state: EmulatorState, platform: string, accountId: string): number {
  return recorded(state, platform)
    .byAccount(accountId)
    .filter((p) => !p.replyTo && p.receivedAt > Date.now() - 24 * HOUR).length;
}

export const metaTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+0000");
