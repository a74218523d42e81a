import type { EmulatorState } from "@/emulator/state";
import type { PlatformEmulator, Route } from "@/emulator/types";
import { apiRoutes } from "./api";
import { vkIdRoutes } from "./auth";
import { PLATFORM, vkError } from "./support";

// VK as its documentation describes it (../shared/platforms/vk.md; id.vk.com VK ID docs; dev.vk.com
// and VKCOM/vk-api-schema v5.199), never from providers/ (a lint rule refuses the import): VK ID's
// sign-in and token endpoint (auth.ts), and the API methods a wall publisher calls (api.ts), with
// VK's errors as HTTP 200 envelopes. In production VK ID and the API are two hosts (id.vk.com,
// api.vk.com); here both live under /vk.

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "VK",
  notes:
    "<p>Sign in through <code>/vk/authorize</code> (VK ID, PKCE); the redirect carries a <code>device_id</code> the token calls must send back. Each account manages the communities “Garden club” (admin) and “Chess friends” (editor).</p>",
  routes(state: EmulatorState): Route[] {
    return [...vkIdRoutes(state), ...apiRoutes(state)];
  },
  faults: {
    "expired-token": () => vkError(5, "User authorization failed: access_token has expired."),
    "missing-scope": () => vkError(7, "Permission to perform this action is denied"),
    // VK says no more than the code: no reset time or header exists for its method quotas.
    "rate-limit": () => vkError(29, "Rate limit reached"),
    "server-error": () => vkError(10, "Internal server error"),
  },
};

export default emulator;
