import { withHeaders } from "@/emulator/kit/envelope";
import type { EmulatorState } from "@/emulator/state";
import type { PlatformEmulator, Route } from "@/emulator/types";
import { authRoutes } from "./auth";
import { publishRoutes } from "./publish";
import { apiError, PLATFORM } from "./support";

// TikTok as its documentation describes it (developers.tiktok.com: Login Kit, Content Posting API,
// API v2 error handling and rate limits; ../shared/platforms/tiktok.md), never from providers/ (a
// lint rule refuses the import): the sign-in and token endpoint (auth.ts) and the Content Posting
// API with its chunk rules, upload host and status transitions (publish.ts). In production these
// are three hosts (www.tiktok.com, open.tiktokapis.com, open-upload.tiktokapis.com); here all live under /tiktok.

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "TikTok",
  notes:
    "<p>Sign in through <code>/tiktok/v2/auth/authorize/</code> with <code>client_key</code>. Every creator offers all four privacy levels, has Stitch turned off and may post videos up to 600 s. Videos go by FILE_UPLOAD with TikTok's chunk rules; Photo posts go by PULL_FROM_URL from the prefix or domain in <code>EMULATOR_TIKTOK_VERIFIED_PREFIX</code> (else <code>TIKTOK_VERIFIED_MEDIA_PREFIX</code>; other addresses answer <code>url_ownership_unverified</code>), and each photo is downloaded: one that cannot be fetched fails the publish with <code>photo_pull_failed</code>. A video by PULL_FROM_URL answers <code>url_ownership_unverified</code>.</p>",
  routes(state: EmulatorState): Route[] {
    return [...authRoutes(state), ...publishRoutes(state)];
  },
  faults: {
    "expired-token": () => apiError(401, "access_token_invalid", "The access token is invalid or not found in the request."),
    "missing-scope": () =>
      apiError(401, "scope_not_authorized", "The user did not authorize the scope required for completing this request."),
    // TikTok documents a one-minute sliding window and no reset header; a Retry-After is sent here
    // as an HTTP gateway may, so the suite can check that a wait the platform asks for is kept.
    "rate-limit": ({ retryAfterSeconds }) =>
      withHeaders(apiError(429, "rate_limit_exceeded", "API rate limit exceeded, please retry later."), {
        "retry-after": String(retryAfterSeconds),
      }),
    "server-error": () => apiError(500, "internal_error", "Something went wrong. Please try again later."),
  },
};

export default emulator;
