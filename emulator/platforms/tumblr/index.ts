import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { postRoutes } from "./posts";
import { blogsOf, ok, PLATFORM, requireUser, tumblrError } from "./support";

// Tumblr API v2 as tumblr/docs api.md describes it (../shared/platforms/tumblr.md), never from
// providers/ (a lint rule refuses the import). OAuth2: www.tumblr.com/oauth2/authorize (response_type
// code, space-separated scopes basic/write/offline_access, no PKCE) and POST /v2/oauth2/token with
// the client id and secret in the form; a refresh token only when offline_access was granted, and a
// refresh answers a new one (the old one is spent). 401 on a refused grant ("refresh token has
// expired"). Every account has two blogs to pick from (support.ts); posts are NPF (posts.ts, npf.ts).

/** Tumblr's token endpoint documents 200 and 401 only: a refused code or refresh token is a 401. */
const tokenError = (status: number, error: string, description: string) =>
  json(error === "invalid_grant" || error === "invalid_client" ? 401 : status, { error, error_description: description });

// A 1×1 PNG: the avatar route's image.
const AVATAR = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

function oauthRoutes(state: EmulatorState): Route[] {
  const token = tokenRoute(state, {
    platform: PLATFORM,
    path: "/v2/oauth2/token",
    clientAuth: "body",
    refresh: true,
    scopeSeparator: " ",
    error: tokenError,
  });
  return [
    authorizeRoute(state, {
      platform: PLATFORM,
      platformName: "Tumblr",
      path: "/oauth2/authorize",
      pkceRequired: false,
      scopeSeparator: " ",
    }),
    {
      ...token,
      async handle(req, params) {
        const answer = await token.handle(req, params);
        // Without offline_access Tumblr answers no refresh token.
        const body = answer.body as Record<string, unknown> | undefined;
        if (
          answer.status === 200 &&
          body &&
          !String(body.scope ?? "")
            .split(" ")
            .includes("offline_access")
        )
          delete body.refresh_token;
        return answer;
      },
    },
  ];
}

function userRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: "GET",
      path: "/v2/user/info",
      name: "profile",
      handle(req) {
        const acc = requireUser(state, req, ["basic"]);
        if ("status" in acc) return acc;
        return ok({
          user: {
            name: acc.username,
            likes: 0,
            following: 12,
            default_post_format: "html",
            blogs: blogsOf(acc).map((b) => ({
              name: b.name,
              title: b.title,
              url: `https://${b.name}.tumblr.com/`,
              primary: b.primary,
              followers: b.followers,
              type: "public",
              uuid: b.uuid,
              admin: true,
            })),
          },
        });
      },
    },
    {
      method: "GET",
      path: "/v2/blog/:blog/avatar/:size",
      name: "avatar",
      handle(_req, p): EmuResponse {
        const sizes = ["16", "24", "30", "40", "48", "64", "96", "128", "512"];
        if (!sizes.includes(p.size!)) return tumblrError(400, "Bad Request", 0, `Avatar size must be one of ${sizes.join(", ")}`);
        return { status: 200, headers: { "content-type": "image/png" }, body: AVATAR };
      },
    },
  ];
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Tumblr",
  notes:
    "<p>Sign in at <code>/tumblr/oauth2/authorize</code>. Every account has two blogs to pick: its primary blog (named as the user) and “&lt;user&gt;-art”. Posts are NPF, checked block by block.</p>",
  routes: (state) => [...oauthRoutes(state), ...userRoutes(state), ...postRoutes(state)],
  faults: {
    "expired-token": () => tumblrError(401, "Unauthorized", 1016, "Unable to authorize"),
    "missing-scope": () => tumblrError(403, "Forbidden", 1016, "This token lacks the scope this call needs (write)"),
    // Tumblr documents no rate-limit headers; its 429 "Limit Exceeded" comes with Retry-After.
    "rate-limit": ({ retryAfterSeconds }) =>
      tumblrError(429, "Limit Exceeded", 0, "Rate limit exceeded", { "retry-after": String(retryAfterSeconds) }),
    "server-error": () => tumblrError(500, "Internal Server Error", 8006, "There was an unknown upload error"),
  },
};

export default emulator;
