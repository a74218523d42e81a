import { rateLimitFault } from "@/emulator/kit/faults";
import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import { withRateLimits } from "@/emulator/kit/rate-limit";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type PlatformEmulator, type Route } from "@/emulator/types";
import { mediaRoutes, type Upload } from "./media";
import { pinRoutes } from "./pins";
import { boardsOf, paged, pinError, PLATFORM, requireUser } from "./support";

// Pinterest API v5 as its documentation describes it (../shared/platforms/pinterest.md), never
// from providers/ (a lint rule refuses the import). OAuth: www.pinterest.com/oauth/ (no PKCE,
// comma-separated scopes), /v5/oauth/token with HTTP Basic client authentication and continuous
// refresh tokens that rotate. Every account owns three boards ("Recipes" and "Travel ideas" with
// two sections each, "Studio moodboard" secret); pins go to one of its own boards only.

/** Pinterest's v5 token errors are Pinterest.Lib.Error bodies, not RFC 6749 ones. */
const tokenError = (status: number, error: string, description: string) =>
  pinError(status === 400 && error === "invalid_grant" ? 400 : status, error === "invalid_client" ? 2 : 1, `${description} (${error})`);

function accountRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: "GET",
      path: "/v5/user_account",
      name: "profile",
      handle(req) {
        const acc = requireUser(state, req, ["user_accounts:read"]);
        if ("status" in acc) return acc;
        const boards = boardsOf(acc);
        return json(200, {
          account_type: "BUSINESS",
          id: acc.id,
          username: acc.username,
          business_name: acc.name,
          profile_image: `https://i.pinimg.com/emulated/${encodeURIComponent(acc.username)}.jpg`,
          website_url: null,
          board_count: boards.length,
          pin_count: recorded(state, PLATFORM).byAccount(acc.id).length,
          follower_count: 120,
          following_count: 40,
          monthly_views: 5000,
        });
      },
    },
    {
      method: "GET",
      path: "/v5/boards",
      name: "boards",
      handle(req) {
        const acc = requireUser(state, req, ["boards:read"]);
        if ("status" in acc) return acc;
        // Secret boards only with boards:read_secret, as the scope's name says; the emulator grants it with boards:read.
        const page = paged(
          boardsOf(acc).map((b) => ({ id: b.id, name: b.name, privacy: b.privacy, owner: { username: acc.username } })),
          req,
        );
        return "status" in page ? page : json(200, page);
      },
    },
    {
      method: "GET",
      path: "/v5/boards/:id/sections",
      name: "sections",
      handle(req, p) {
        const acc = requireUser(state, req, ["boards:read"]);
        if ("status" in acc) return acc;
        const board = boardsOf(acc).find((b) => b.id === p.id);
        if (!board) return pinError(404, 40, "Board not found.");
        const page = paged(board.sections, req);
        return "status" in page ? page : json(200, page);
      },
    },
  ];
}

const tooMany = () => pinError(429, 8, "You have exceeded your rate limit. Try again later.");

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Pinterest",
  notes:
    "<p>Sign in at <code>/pinterest/oauth/</code>. Every account owns the boards “Recipes”, “Travel ideas” (each with the sections “Favourites” and “To try”) and the secret “Studio moodboard”.</p>",
  routes(state) {
    const uploads = new Map<string, Upload>();
    const limited = (r: Route): Route =>
      withRateLimits(state, r, { platform: PLATFORM, limit: 100, windowSeconds: 60, dialect: "x-ratelimit", refuse: tooMany });
    return [
      authorizeRoute(state, { platform: PLATFORM, platformName: "Pinterest", path: "/oauth/", pkceRequired: false, scopeSeparator: "," }),
      tokenRoute(state, {
        platform: PLATFORM,
        path: "/v5/oauth/token",
        clientAuth: "basic",
        refresh: true,
        scopeSeparator: ",",
        error: tokenError,
        // Continuous refresh tokens (60 days, renewed with every refresh).
        extra: () => ({
          response_type: "authorization_code",
          refresh_token_expires_in: 5_184_000,
          refresh_token_expires_at: Math.floor(Date.now() / 1000) + 5_184_000,
        }),
      }),
      ...accountRoutes(state).map(limited),
      ...pinRoutes(state, uploads).map(limited),
      ...mediaRoutes(state, uploads),
      {
        method: "GET",
        path: "/pin/:id/",
        name: "web",
        handle(_req, p) {
          const pin = recorded(state, PLATFORM).find(p.id!);
          const page = (body: string) =>
            `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pin · Pinterest emulator</title></head><body><main>${body}</main></body></html>`;
          if (!pin) return htmlAnswer(404, page("<h1>Pin not found</h1>"));
          return htmlAnswer(200, page(`<h1>${esc(String(pin.extra?.title ?? "Pin"))}</h1><p>${esc(pin.text)}</p>`));
        },
      },
    ];
  },
  faults: {
    "expired-token": () => pinError(401, 2, "Authentication failed.", { status: "failure" }),
    "missing-scope": () => pinError(403, 3, "Your application consumer type is not supported. Missing scopes: pins:write"),
    "rate-limit": rateLimitFault("x-ratelimit", 100, tooMany, 60),
    "server-error": () => pinError(500, 0, "Something went wrong on our end. Sorry about that."),
  },
};

export default emulator;
