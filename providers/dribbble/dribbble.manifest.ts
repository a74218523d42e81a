import type { PlatformManifest } from "../core/manifest";
import { dribbbleSettings, type DribbbleSettings } from "./dribbble.settings";

// Dribbble's publishing API v2 (../shared/platforms/dribbble.md), as data the browser may load.

const MB = 1024 * 1024;

export const dribbbleManifest = {
  identifier: "dribbble",
  name: "Dribbble",
  badge: { text: "Dr", colour: "#c32361", icon: "dribbble" },
  // §1: `public` reads the user and their teams, `upload` creates shots.
  auth: { kind: "oauth2", scopes: ["public", "upload"] },
  // §2: the description keeps a little HTML (a, em, strong, code) and links URLs itself; plain text is what is sent.
  editor: "normal",
  counting: "chars",
  // §3: Dribbble documents no description limit; 40,000 characters is this server's cap.
  maxLength: 40_000,
  // §3: 60 requests a minute per token and a daily upload limit per user: one upload at a time.
  maxConcurrentJob: 1,
  // §1: Dribbble's tokens do not expire and come without a refresh token; a revoked one means reconnecting.
  oneTimeToken: true,
  media: {
    // §2/§3: a shot is exactly one image, GIF, JPEG or PNG, at most 8 MB, at one of the sizes
    // Dribbble takes: 400×300 or 800×600 (the API documentation) and 1600×1200 (the official
    // Sketch plugin's largest). Video shots cannot be made through the API.
    maxItems: 1,
    minItems: 1,
    image: {
      mimeTypes: ["image/png", "image/jpeg", "image/gif"],
      maxBytes: 8 * MB,
      maxCount: 1,
      dimensions: {
        exact: [
          { width: 400, height: 300 },
          { width: 800, height: 600 },
          { width: 1600, height: 1200 },
        ],
      },
    },
    mixKinds: false,
  },
  settings: dribbbleSettings,
  // §5: v2 has no statistics endpoints.
  analytics: { account: false, post: false },
  // §2/§6: POST /v2/shots takes no idempotency key, and a new shot is processed asynchronously (its
  // URL answers 404 for a while), so a lost answer cannot be settled by reading shots back: the
  // target is marked unconfirmed for the user to check.
  publishSafety: "unconfirmed",
  env: {
    credentials: ["DRIBBBLE_CLIENT_ID", "DRIBBBLE_CLIENT_SECRET"],
    hosts: [
      // The consent page, token endpoint and shot pages are on dribbble.com; the API on api.dribbble.com/v2.
      { name: "auth", envVar: "DRIBBBLE_AUTH_URL", default: "https://dribbble.com" },
      { name: "api", envVar: "DRIBBBLE_API_URL", default: "https://api.dribbble.com" },
    ],
  },
} satisfies PlatformManifest<DribbbleSettings>;
