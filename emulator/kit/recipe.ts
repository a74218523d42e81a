import type { FaultKind } from "../types";

// What the conformance suite (tests/conformance) needs to know about a platform that its manifest
// does not say: test-side data beside the platform's emulator, in emulator/platforms/<id>/recipe.ts.
// The suite connects through the app's own flows by the manifest's auth kind; the recipe only
// fills in what a user would type or name, and which emulator routes the suite breaks.

export type ConformanceRecipe = {
  /** "fields" and "bot" auth: what a user types into the connect form, with `base` the platform's emulator URL. */
  fields?: (base: string, username: string) => Record<string, string>;
  /**
   * "bot" auth with a link code (manifest auth.link): does what a person does in the platform's
   * app to link a chat named after `username`: adds the bot and sends `command` ("/connect CODE") there.
   */
  link?: (base: string, command: string, username: string) => Promise<void>;
  /**
   * How access is lost on this platform when it is not an OAuth grant (a chat that removed the bot):
   * done to the connected channel. Absent: the grant behind the stored token is revoked.
   */
  revoke?: (base: string, channel: { internalId: string; profile: unknown }) => Promise<void>;
  /** "instance-oauth" auth: the server the user names. */
  instance?: (base: string) => string;
  /**
   * The per-post settings the suite sends with every post it publishes, valid for the platform's
   * settings schema (providers/<id>/<id>.settings.ts): required where the schema refuses {}, e.g.
   * `{ title: "Conformance post" }`. Absent: {}.
   */
  settings?: Record<string, unknown>;
  /**
   * Other kinds of post the browser test also publishes, one post per settings set (Google
   * Business Profile's offer beside its event). The first value names the step, so put the field
   * that tells the kind first.
   */
  morePosts?: Record<string, unknown>[];
  /**
   * The pixel size of the image the browser test attaches (a generated PNG), where the platform
   * takes only some sizes (manifest media.image.dimensions). Absent: a 1×1 PNG.
   */
  image?: { width: number; height: number };
  /**
   * The kind of file the browser test attaches: "image" (a generated PNG) or "video" (a tiny MP4
   * built from bytes). Absent: an image where the platform takes images, else a video where it
   * takes videos (a video-only platform such as YouTube), else none.
   */
  media?: "image" | "video";
  /**
   * Operator settings the platform needs to publish what the suite sends, given the address the
   * suite serves its files from (a URL prefix verified with the platform, manifest
   * media.<kind>.verifiedPrefix). Set while the platform's cases run, restored after.
   */
  env?: (files: { url: string }) => Record<string, string>;
  /** Emulator route names (Route.name) of the calls the suite makes fail. */
  routes: {
    /** The non-idempotent call that creates a post: faults here test retries and publish safety. */
    create: string;
    /** A call analytics collection makes, refused to check a missing metric is tolerated (when analytics are declared). */
    analytics?: { route: string; fault: FaultKind };
  };
};
