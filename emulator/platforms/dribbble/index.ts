import { rateLimitFault } from "@/emulator/kit/faults";
import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import { withRateLimits } from "@/emulator/kit/rate-limit";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type PlatformEmulator, type Route } from "@/emulator/types";
import { shotRoutes } from "./shots";
import { message, PLATFORM, requireUser, teamsOf } from "./support";

// Dribbble's publishing API v2 as its documentation describes it (../shared/platforms/dribbble.md),
// never from providers/ (a lint rule refuses the import). OAuth web flow on the site: /oauth/authorize
// (client_id, redirect_uri, scope "public upload", state; no PKCE) and POST /oauth/token with the
// client in the body, answering a token that never expires and no refresh token. The API is /v2 with
// X-RateLimit-* headers (60 requests a minute) on every answer.

/** Doorkeeper's OAuth errors, as Dribbble's token endpoint answers them. */
const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });

const tooMany = () => message(429, "API rate limit exceeded.");

function userRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/v2/user",
    name: "profile",
    handle(req) {
      const acc = requireUser(state, req, ["public"]);
      if ("status" in acc) return acc;
      return json(200, {
        id: Number.parseInt(acc.id.replace(/\D/g, "").slice(0, 9) || "1", 10),
        name: acc.name,
        login: acc.username,
        html_url: `${req.base}/${encodeURIComponent(acc.username)}`,
        avatar_url: `https://cdn.dribbble.com/emulated/${encodeURIComponent(acc.username)}.png`,
        bio: "",
        location: null,
        pro: true,
        followers_count: 42,
        type: "Player",
        can_upload_shot: true,
        teams: teamsOf(acc).map((t) => ({ ...t, html_url: `${req.base}/${t.login}`, avatar_url: null, type: "Team" })),
      });
    },
  };
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Dribbble",
  notes:
    "<p>Sign in at <code>/dribbble/oauth/authorize</code>. Shots must be one GIF, JPEG or PNG image of exactly 400×300, 800×600 or 1600×1200 pixels, at most 8 MB, with a title. Every user belongs to one team.</p>",
  routes(state) {
    const limited = (r: Route): Route =>
      withRateLimits(state, r, { platform: PLATFORM, limit: 60, windowSeconds: 60, dialect: "x-ratelimit", refuse: tooMany });
    return [
      authorizeRoute(state, {
        platform: PLATFORM,
        platformName: "Dribbble",
        path: "/oauth/authorize",
        pkceRequired: false,
        scopeSeparator: /[\s+]+/,
        responseType: null,
      }),
      tokenRoute(state, {
        platform: PLATFORM,
        path: "/oauth/token",
        clientAuth: "body",
        refresh: false,
        scopeSeparator: " ",
        error: oauthError,
        omitExpiresIn: true,
        extra: () => ({ created_at: Math.floor(Date.now() / 1000) }),
      }),
      limited(userRoute(state)),
      ...shotRoutes(state).map(limited),
      {
        method: "GET",
        path: "/shots/:id",
        name: "web",
        handle(_req, p) {
          const shot = recorded(state, PLATFORM).find(p.id!.split("-")[0]!);
          const page = (body: string) =>
            `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shot · Dribbble emulator</title></head><body><main>${body}</main></body></html>`;
          if (!shot) return htmlAnswer(404, page("<h1>Whoops, that page is gone.</h1>"));
          return htmlAnswer(200, page(`<h1>${esc(String(shot.extra?.title ?? "Shot"))}</h1><p>${esc(shot.text)}</p>`));
        },
      },
    ];
  },
  faults: {
    // Tokens never expire: a refused one was revoked.
    "expired-token": () => message(401, "Bad credentials"),
    "missing-scope": () => message(403, "This action requires the 'upload' scope"),
    "rate-limit": rateLimitFault("x-ratelimit", 60, tooMany, 60),
    "server-error": () => message(500, "Internal Server Error"),
  },
};

export default emulator;
