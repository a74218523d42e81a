import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { isAnswer as isResponse } from "@/emulator/kit/access";
import { accountJson, PLATFORM, requireGrant } from "./support";

// What the emulated server says about itself (GET /api/v2/instance, the OAuth discovery document)
// and about the signed-in account (verify_credentials). The limits are Mastodon's defaults.

export const INSTANCE_CONFIG = {
  statuses: { max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 },
  media_attachments: {
    supported_mime_types: [
      "image/jpeg",
      "image/png",
      "image/gif",
      "image/heic",
      "image/heif",
      "image/webp",
      "image/avif",
      "video/webm",
      "video/mp4",
      "video/quicktime",
      "video/x-m4v",
    ],
    image_size_limit: 16_777_216,
    image_matrix_limit: 33_177_600,
    video_size_limit: 103_809_024,
    video_frame_rate_limit: 120,
    video_matrix_limit: 8_294_400,
    description_limit: 1500,
  },
  polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 },
};

export const SUPPORTED_SCOPES = [
  "read",
  "write",
  "follow",
  "push",
  "profile",
  "read:accounts",
  "read:statuses",
  "read:notifications",
  "read:favourites",
  "read:lists",
  "write:statuses",
  "write:media",
  "write:accounts",
  "write:favourites",
  "write:lists",
];

export function instanceRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: "GET",
      path: "/api/v2/instance",
      name: "instance",
      handle: (req) =>
        json(200, {
          domain: new URL(req.base).host,
          title: "Mastodon (emulator)",
          version: "4.3.0",
          source_url: "https://github.com/mastodon/mastodon",
          description: "A Mastodon server emulated for Postmill tests and the sandbox.",
          usage: { users: { active_month: state.accounts.size } },
          languages: ["en"],
          configuration: { urls: { streaming: null }, ...INSTANCE_CONFIG },
          registrations: { enabled: false, approval_required: false, message: null },
          contact: { email: "admin@example.test", account: null },
          rules: [],
        }),
    },
    {
      method: "GET",
      path: "/.well-known/oauth-authorization-server",
      name: "discovery",
      handle: (req) =>
        json(200, {
          issuer: `${req.base}/`,
          service_documentation: "https://docs.joinmastodon.org/",
          authorization_endpoint: `${req.base}/oauth/authorize`,
          token_endpoint: `${req.base}/oauth/token`,
          revocation_endpoint: `${req.base}/oauth/revoke`,
          app_registration_endpoint: `${req.base}/api/v1/apps`,
          scopes_supported: SUPPORTED_SCOPES,
          response_types_supported: ["code"],
          response_modes_supported: ["query", "fragment", "form_post"],
          code_challenge_methods_supported: ["S256"],
          grant_types_supported: ["authorization_code", "client_credentials"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        }),
    },
    {
      method: "GET",
      path: "/api/v1/accounts/verify_credentials",
      name: "profile",
      handle(req) {
        const grant = requireGrant(state, req, ["profile", "read:accounts"]);
        if (isResponse(grant)) return grant;
        return json(200, accountJson(req.base, state.getAccount(PLATFORM, grant.accountId), state));
      },
    },
  ];
}
