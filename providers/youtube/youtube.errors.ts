import { msUntilMidnightIn } from "@/lib/quota/day";
import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Google's API errors (../shared/platforms/youtube.md §4; developers.google.com/youtube/v3/docs/errors):
// {"error":{"code","message","errors":[{"message","domain","reason"}],"status"}}. The documented
// reason of the first entry decides; the message is Google's, with what to do.

type GoogleError = {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; domain?: string; message?: string }[] };
};

const reasonOf = (b: GoogleError) => (typeof b.error === "object" ? b.error?.errors?.[0]?.reason : undefined);
const textOf = (b: GoogleError, raw: string, status: number) =>
  (typeof b.error === "object" && b.error?.message?.trim()) || raw.trim().slice(0, 300) || `HTTP ${status}`;

const BAD_METADATA = [
  "invalidTitle",
  "invalidDescription",
  "invalidTags",
  "invalidCategoryId",
  "invalidPublishAt",
  "invalidVideoMetadata",
  "invalidFilename",
  "invalidRecordingDetails",
  "invalidVideoGameRating",
  "mediaBodyRequired",
  "defaultLanguageNotSet",
  "uploadLimitExceeded",
];
const THUMBNAIL = ["imageFormatUnsupported", "imageTooTall", "imageTooWide", "mediaBodyRequired"];

/** quotaExceeded: the project's daily quota is used up until midnight Pacific Time. */
export const QUOTA_REASON = "quotaExceeded";
export const untilQuotaReset = () => msUntilMidnightIn("America/Los_Angeles");

const classify = errorTable<GoogleError>({
  code: reasonOf,
  text: textOf,
  rows: [
    {
      code: QUOTA_REASON,
      kind: "retry",
      message: (f) =>
        `YouTube's daily API quota for this server is used up (${f.text}); the upload waits until it resets at midnight Pacific Time`,
      retryAfterMs: () => untilQuotaReset(),
    },
    {
      code: "uploadLimitExceeded",
      kind: "bad-body",
      message: (f) => `the channel has reached YouTube's daily upload limit (${f.text}); post it again in 24 hours`,
    },
    { code: ["rateLimitExceeded", "userRateLimitExceeded"], kind: "retry", message: (f) => `YouTube asks to slow down (${f.text})` },
    {
      code: "youtubeSignupRequired",
      kind: "disconnect",
      message: (f) => `this Google account has no YouTube channel (${f.text}): create the channel on YouTube, then reconnect`,
    },
    {
      code: ["authenticatedUserAccountSuspended", "authenticatedUserAccountClosed", "accountDelegationForbidden"],
      kind: "disconnect",
      message: (f) => `YouTube no longer lets this account post (${f.text}): check the channel on YouTube, then reconnect`,
    },
    {
      code: "insufficientPermissions",
      kind: "disconnect",
      message: (f) => `YouTube says the sign-in lacks a permission (${f.text}): reconnect the channel and allow every permission asked for`,
    },
    { code: ["authError", "expired", "invalidCredentials"], kind: "refresh-token" },
    { status: 401, kind: "refresh-token" },
    { code: BAD_METADATA, kind: "bad-body", message: (f) => `YouTube refused the video's details: ${f.text}` },
    { code: THUMBNAIL, kind: "bad-body", message: (f) => `YouTube refused the thumbnail: ${f.text}` },
    { code: "forbidden", kind: "bad-body", message: (f) => `YouTube refused the request for this channel: ${f.text}` },
    { status: 429, kind: "retry", message: (f) => `YouTube asks to slow down (${f.text})` },
    { status: serverError, kind: "retry", message: (f) => `YouTube is having trouble (${f.text}); the upload can resume later` },
  ],
});

export function classifyYoutubeError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}

/** Whether a refused call said the daily quota is used up (so the ledger marks it until the reset). */
export function isQuotaExceeded(body: string | undefined): boolean {
  return !!body && body.includes(`"${QUOTA_REASON}"`);
}
