import type { PlatformEmulator } from "@/emulator/types";
import { permissionDenied, serverError, tooManyRequests, whopError } from "./common";
import { fileRoutes } from "./files";
import { forumRoutes } from "./forums";
import { oauthRoutes } from "./oauth";
import { postRoutes } from "./posts";

// Whop as the provider sees it, written from Whop's documentation (../shared/platforms/whop.md,
// docs.whop.com) and never from providers/: OAuth 2.1 with PKCE and rotating refresh tokens, the
// user's companies and forums, the files flow, and forum posts and comments, under one host
// (the emulator serves both https://api.whop.com/oauth/* and /api/v1/*).

const emulator: PlatformEmulator = {
  id: "whop",
  name: "Whop",
  notes: "Every user owns one company with two forums (Announcements, Community); sign in with any username.",
  routes: (state) => [...oauthRoutes(state), ...forumRoutes(state), ...fileRoutes(state), ...postRoutes(state)],
  faults: {
    "expired-token": () => whopError(401, "unauthorized", "The access token is invalid or has expired"),
    "missing-scope": () => permissionDenied("forum:read"),
    // No rate-limit headers are documented; the SDK honours Retry-After.
    "rate-limit": ({ retryAfterSeconds }) => tooManyRequests(retryAfterSeconds),
    "server-error": serverError,
  },
};

export default emulator;
