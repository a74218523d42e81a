import type { PlatformManifest } from "../core/manifest";
import { meweSettings, type MeweSettings } from "./mewe.settings";

// MeWe through its Open API, a Developer Preview (../shared/platforms/mewe.md), as data the browser
// may load. Numbers MeWe does not publish are marked as this server's own caps below.

const MB = 1024 * 1024;

export const meweManifest = {
  identifier: "mewe",
  name: "MeWe",
  badge: { text: "Me", colour: "#1e3a8a", icon: "mewe" },
  // §1: the user is sent to MeWe's /login with the App ID and comes back with a loginRequestToken
  // (not an OAuth code), exchanged once for an apiToken. The scopes are the permissions the operator
  // enables on the app in MeWe's developer settings (posting, and groups for the group picker):
  // MeWe's link asks for none, the user approves the app's on MeWe.
  auth: { kind: "oauth2", scopes: ["post_content", "user_group"], grantParam: "loginRequestToken" },
  // §2: plain text; whether MeWe renders Markdown is not documented.
  editor: "normal",
  counting: "chars",
  // §3: MeWe documents no text limit. 63,206 is the cap other schedulers use for MeWe (it is
  // Facebook's figure); kept as this server's cap until MeWe documents one.
  maxLength: 63_206,
  maxConcurrentJob: 1,
  // §1: no refresh token; an expired apiToken means signing in again.
  oneTimeToken: true,
  media: {
    // §3: MeWe documents no photo count, type or size limits; these are this server's conservative caps.
    maxItems: 10,
    image: { mimeTypes: ["image/jpeg", "image/png"], maxBytes: 10 * MB, maxCount: 10 },
    mixKinds: false,
  },
  settings: meweSettings,
  // §5: MeWe has no analytics endpoints, and a post's id is never returned.
  analytics: { account: false, post: false },
  // §2/§6: a created post answers 204 with no id and no idempotency key exists, so a lost answer
  // cannot be settled: the target is marked unconfirmed for the user to check.
  publishSafety: "unconfirmed",
  // §2: 204 No Content, no post id.
  returnsPostId: false,
  env: {
    credentials: ["MEWE_APP_ID", "MEWE_API_KEY"],
    hosts: [{ name: "api", envVar: "MEWE_API_URL", default: "https://mewe.com" }],
  },
  availability: {
    status: "limited",
    reason: "MeWe's Open API is a Developer Preview: an operator must apply and be approved to get an App ID and API key",
  },
} satisfies PlatformManifest<MeweSettings>;
