import { anyScope, bearerGrant, type Refusals } from "@/emulator/kit/access";
import { envelope } from "@/emulator/kit/envelope";
import { escapeHtml as esc } from "@/emulator/kit/html";
import { dayOf, followersOn, postCounter, seeded } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState, Grant, RecordedPost } from "@/emulator/state";
import type { EmuRequest, EmuResponse } from "@/emulator/types";

// Pieces the Mastodon emulator's routes share: bearer checks with Mastodon's error texts, and the
// Account, MediaAttachment and Status entities in their documented shapes.

export const PLATFORM = "mastodon";
/** Mastodon's error body: {"error": text}. */
export const error = envelope((_status, text: string) => ({ error: text }));

/** Media the emulator is still "transcoding": id -> GET polls left before it is ready. */
export type Processing = Map<string, number>;

/** The grant behind the bearer token, if it holds one of `scopes` (a broad scope covers its children). */
export const requireGrant = (state: EmulatorState, req: EmuRequest, scopes: string[]): Grant | EmuResponse =>
  bearerGrant(state, PLATFORM, req.bearer(), REFUSALS, anyScope(scopes));

const invalidToken = () => error(401, "The access token is invalid");
const REFUSALS: Refusals = {
  missing: invalidToken,
  invalid: invalidToken,
  expired: () => error(401, "The access token expired"),
  // An app token (client_credentials) has no user behind it.
  noUser: () => error(422, "This method requires an authenticated user"),
  scope: () => error(403, "This action is outside the authorized scopes"),
};

export function accountJson(base: string, acc: Account | undefined, state?: EmulatorState) {
  const username = acc?.username ?? "unknown";
  return {
    id: acc?.id ?? "0",
    username,
    acct: username,
    display_name: acc?.name ?? "",
    locked: false,
    bot: false,
    url: `${base}/@${username}`,
    avatar: acc?.picture ?? `${base}/avatars/original/missing.png`,
    avatar_static: acc?.picture ?? `${base}/avatars/original/missing.png`,
    // Deterministic per account and day (emulator/kit/metrics.ts), so collected figures can be checked.
    followers_count: acc ? followersOn(acc.id, dayOf(Date.now())) : 0,
    following_count: acc ? 20 + Math.floor(seeded(acc.id, "following") * 300) : 0,
    statuses_count: acc && state ? recorded(state, PLATFORM).byAccount(acc.id).length : 0,
  };
}

export function mediaJson(base: string, id: string, mimeType: string, alt: string | undefined, ready: boolean) {
  const type = mimeType === "image/gif" ? "gifv" : mimeType.startsWith("video/") ? "video" : "image";
  return {
    id,
    type,
    url: ready ? `${base}/system/media_attachments/files/${id}/original.${type === "image" ? "png" : "mp4"}` : null,
    preview_url: `${base}/system/media_attachments/files/${id}/small.png`,
    remote_url: null,
    description: alt ?? null,
    blurhash: null,
    meta: {},
  };
}

export function statusJson(state: EmulatorState, base: string, post: RecordedPost) {
  const acc = state.getAccount(PLATFORM, post.accountId);
  const username = acc?.username ?? "unknown";
  const parent = post.replyTo ? recorded(state, PLATFORM).find(post.replyTo) : undefined;
  const extra = (post.extra ?? {}) as { visibility?: string; spoiler_text?: string; sensitive?: boolean };
  const poll = post.poll as { options: string[]; expires_in: number; multiple?: boolean } | undefined;
  return {
    id: post.id,
    created_at: new Date(post.receivedAt).toISOString(),
    in_reply_to_id: post.replyTo ?? null,
    in_reply_to_account_id: parent?.accountId ?? null,
    sensitive: extra.sensitive ?? false,
    spoiler_text: extra.spoiler_text ?? "",
    visibility: extra.visibility ?? "public",
    language: null,
    uri: `${base}/users/${username}/statuses/${post.id}`,
    url: `${base}/@${username}/${post.id}`,
    replies_count: recorded(state, PLATFORM).repliesTo(post.id).length,
    reblogs_count: postCounter(post.id, "reposts", post.receivedAt),
    favourites_count: postCounter(post.id, "likes", post.receivedAt),
    quotes_count: postCounter(post.id, "quotes", post.receivedAt),
    content: `<p>${esc(post.text)}</p>`,
    account: accountJson(base, acc, state),
    media_attachments: post.media.map((id) => {
      const m = state.media.get(id);
      return mediaJson(base, id, m?.mimeType ?? "image/png", m?.alt, true);
    }),
    poll: poll
      ? {
          id: `${post.id}-poll`,
          expires_at: new Date(post.receivedAt + poll.expires_in * 1000).toISOString(),
          expired: false,
          multiple: poll.multiple ?? false,
          votes_count: 0,
          options: poll.options.map((title) => ({ title, votes_count: 0 })),
        }
      : null,
  };
}
