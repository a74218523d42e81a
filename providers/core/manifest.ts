import type { z } from "zod";
import type { MarkupProfileName } from "@/lib/markup/profiles";
import type { CountingMethod } from "./counting";

// What a platform is and accepts, as plain data: one object per platform in
// providers/<id>/<id>.manifest.ts. The provider class reads its capabilities from it, the server
// describes the platform to the browser with it (registry.ts describeProvider), and the composer
// and the rules text (rules-text.ts) are built from the same numbers. Nothing here may import
// server code: the browser loads every manifest (providers/manifests.ts).

/**
 * A platform's small badge beside a channel's name: one or two characters on a colour dark enough
 * for white text, and the platform's logo where the Simple Icons set has one (its slug; the badge
 * text stands in for the brands it lacks, e.g. LinkedIn and Slack, which it removed).
 */
export type PlatformBadge = { text: string; colour: string; icon?: string };

export type EditorKind = "normal" | "poll" | "markdown" | "html";

export type PixelSize = { width: number; height: number };

export type MediaKindRules = {
  mimeTypes: string[];
  maxBytes: number;
  maxCount: number;
  /**
   * Pixel bounds the platform documents, when it has any; `exact` lists the only sizes it takes
   * (Dribbble's shots), checked before the bounds.
   */
  dimensions?: { minWidth?: number; minHeight?: number; maxWidth?: number; maxHeight?: number; exact?: PixelSize[] };
  /** Playing time bounds in seconds (video, animated GIF), when the platform documents them. */
  durationSeconds?: { min?: number; max: number };
  /**
   * Files of this kind are not shown in the post itself but shared as a reply in its thread (Slack
   * videos: a message's ts is known only after it is posted, and a file share gives none back).
   * The composer says so; the post's link is the message's.
   */
  sharedInThread?: boolean;
  /**
   * Files of this kind are taken only by link, from a URL prefix or domain the operator verified
   * with the platform (TikTok's photos, PULL_FROM_URL), named by the setting `envVar`; `where`
   * says where it is verified. The kind is offered only when this server's public media address
   * is under it (lib/media/verified-prefix.ts); otherwise the composer says why before scheduling.
   */
  verifiedPrefix?: { envVar: string; where: string };
};

export type MediaRules = {
  /** Most attachments in one post item, whatever their kind. 0 = text only. */
  maxItems: number;
  /**
   * Fewest attachments the first item needs, where the platform refuses a post without media
   * (a Pinterest pin, a Dribbble shot). Absent: 0.
   */
  minItems?: number;
  image?: MediaKindRules;
  video?: MediaKindRules;
  gif?: MediaKindRules;
  /** Whether images and videos may be mixed in one item. */
  mixKinds: boolean;
  /**
   * Longest alt text (a file's description) the platform takes, in characters (code points).
   * Absent when it takes none. The composer shows and enforces it; the server refuses longer.
   */
  maxAltTextLength?: number;
  /**
   * A shorter text limit for an item that carries media (its caption), where the platform has one
   * (Telegram's 1,024 against 4,096 for a message); counted like maxLength.
   */
  maxCaptionLength?: number;
  /**
   * The platform downloads each attachment from a public address itself (DEV's cover image): it
   * takes attachments given by link, and a file uploaded here is sent as a signed, expiring public
   * URL (PublishContext.publicMediaUrl). While the server has no public address for uploads (a
   * private APP_URL and no object store, lib/media/public-reach.ts) an upload is refused before
   * scheduling, naming why.
   */
  byLinkOnly?: boolean;
  /**
   * With byLinkOnly: the platform never copies the file; readers' apps load it from the link for as
   * long as the post exists (a Nostr note, a Farcaster embed). An expiring signed URL would break
   * the post a day later, so uploaded files are always refused; attach them by a lasting link.
   */
  keepsLink?: boolean;
  /**
   * A video goes out with exactly one image of the same item as its poster, the still shown before
   * it plays (Reddit's video_poster_url): the platform requires one and this server cannot take a
   * frame from a video. The pair is not a mix of kinds; a video without its image is refused.
   */
  videoPoster?: boolean;
  /**
   * The provider sends files in ranges read from storage (MediaItem.read) instead of whole in
   * memory (MediaItem.bytes), as a resumable chunked upload does: library files are not loaded
   * at publish time, so their size is bounded by the kind's maxBytes, not by MEDIA_MAX_BYTES.
   */
  streamed?: boolean;
};

/**
 * A daily allowance the platform counts per app (per deployment, not per user): YouTube's 10,000
 * units and 100 uploads. Used units are kept in the database (lib/quota) and shown before they run out.
 */
export type QuotaRules = {
  /** Buckets, each with its daily allowance: e.g. { units: 10000, uploads: 100 }. */
  buckets: Record<string, { label: string; perDay: number }>;
  /** What one publish spends, per bucket (the composer shows how many posts are left). */
  perPost: Record<string, number>;
  /** The IANA zone whose midnight resets the counts (YouTube: America/Los_Angeles). */
  resetTimeZone: string;
  /** Warn when this share of a bucket is used (0–1). */
  warnAt: number;
};

export type PollRules = {
  minOptions: number;
  maxOptions: number;
  maxOptionLength: number;
  /** Allowed durations in minutes: a range, or a fixed list of choices. */
  durationMinutes: { min: number; max: number } | { choices: number[] };
  /** Whether a poll may be combined with media in the same item. */
  withMedia: boolean;
  /** The item's text is the poll's question, with this shorter limit (Telegram's 300), counted like maxLength. */
  maxQuestionLength?: number;
};

export type ThreadRules = { kind: "replies" | "comments"; maxItems: number };

export type CustomField = {
  key: string;
  label: string;
  type: "text" | "password" | "url";
  placeholder?: string;
  help?: string;
  defaultValue?: string;
  /**
   * The field's default follows one of the platform's configurable hosts (manifest.env.hosts):
   * the operator's override, the emulator in sandbox mode, else the host's real default.
   */
  defaultHost?: string;
};

/** The server a user names before connecting, on platforms where every server is its own (Mastodon). */
export type InstanceField = { label: string; placeholder: string; defaultValue?: string };

/**
 * A bot linked to a chat by a one-time code (Telegram): the app shows `<command> <code>`, the user
 * sends it in the chat where the bot was added, and the app reads it through the bot
 * (SocialProvider.linkRequests). The code is random, single use, kept for `ttlMinutes` and bound to
 * the organization that asked for it (lib/channels/link-codes.ts).
 */
export type LinkCodeFlow = { command: string; ttlMinutes: number };

/**
 * How a user connects an account:
 * - "oauth2": sign in on the platform and consent to `scopes`;
 * - "oauth2-pick": the same, then pick one of the pages/organizations the account manages;
 * - "fields": type credentials into a form (an app password, an API key);
 * - "bot": add the platform's bot to a chat or channel, then give its id in a form, or, with `link`,
 *   send the one-time command the app shows in that chat (no form: `fields` is empty);
 * - "instance-oauth": name a server first; the app registers itself there and signs in there.
 */
export type AuthManifest =
  | {
      kind: "oauth2";
      scopes: string[];
      /**
       * Seconds between checks that each connected channel's token is still good, where the
       * platform requires apps to check (Twitch: at start and hourly). The periodic job calls the
       * provider's validateToken() for every active channel of the platform; a token the platform
       * refuses, and that cannot be renewed, flags the channel "reconnect needed".
       */
      validateEvery?: number;
      /**
       * The query parameter the platform's redirect back carries the grant in, where it is not
       * OAuth's `code` (MeWe sends a `loginRequestToken`); the provider's authenticate() gets it as `code`.
       */
      grantParam?: string;
    }
  | { kind: "oauth2-pick"; scopes: string[] }
  | { kind: "fields"; fields: CustomField[] }
  | { kind: "bot"; fields: CustomField[]; instructions: string; link?: LinkCodeFlow }
  | { kind: "instance-oauth"; scopes: string[]; instanceField: InstanceField };

export type AuthKind = AuthManifest["kind"];

/** A configurable host: `envVar` overrides `default` (null: no fixed host, the user's own server). */
export type HostSetting = { name: string; envVar: string; default: string | null };

export type EnvManifest = {
  /** Settings the operator must set before users can connect (sandbox mode supplies the emulator's). */
  credentials: string[];
  /** Every host the provider talks to, named `<PROVIDER>_<HOST>_URL` (providers/core/hosts.ts). */
  hosts: HostSetting[];
  /** Optional tuning the provider reads, with its default. */
  options?: { envVar: string; default: string }[];
};

/**
 * How a publish call whose answer was lost is made safe to repeat (see docs/publishing.md):
 * - "idempotency-key": the platform recognises a repeat by a key we send (Mastodon's
 *   Idempotency-Key, Bluesky's record key), so the engine simply repeats it with the same key;
 * - "reconcile": the provider can read back recent posts (`findPublished`) to find the one we
 *   may have made;
 * - "unconfirmed": neither, so the target is marked unconfirmed for the user to check.
 */
export type PublishSafety = "idempotency-key" | "reconcile" | "unconfirmed";

/**
 * A platform this server can describe but not fully offer, and why, in words for the person
 * connecting: "limited" can be connected, with the reason shown on its connect card (e.g. a
 * platform whose API no longer publishes some kinds of post); "unavailable" cannot be connected
 * at all (e.g. the platform closed its API to new applications), and the reason replaces the
 * connect button.
 */
export type PlatformAvailability = { status: "limited" | "unavailable"; reason: string };

/**
 * How a platform shows a link of the post as a card (a preview of the page: title, description,
 * image), for the composer's preview and for publishing:
 * - "card": it shows a card only when the post carries one; the server reads the page and sends
 *   its title, description and image (Bluesky's embed.external, LinkedIn's content.article).
 * - "link": the post names the link and the platform reads the page itself (Facebook's `link`,
 *   Threads' link_attachment).
 * - "auto": the platform makes a card from a link in the text by itself (X, Mastodon); nothing is
 *   sent and the user cannot choose, but the preview shows it.
 * Absent: no cards. On every platform that has them an item's media take the card's place (each
 * post carries one embed: Bluesky's images OR external, LinkedIn's media OR article, Threads' link
 * only on a text post), so an item with media gets no card.
 */
export type LinkCardKind = "card" | "link" | "auto";

/** Whether a post's card choice is sent to the platform (as a card or as its link). */
export const sendsLinkCard = (m: { linkCard?: LinkCardKind }): boolean => m.linkCard === "card" || m.linkCard === "link";

export type PlatformManifest<Settings = unknown> = {
  /** The id stored in the database and used in URLs; equals the key in the registry. */
  identifier: string;
  name: string;
  /** The small badge that marks the platform beside a channel's name (white text on `colour`). */
  badge: PlatformBadge;
  auth: AuthManifest;
  editor: EditorKind;
  /** The HTML the platform takes (allow-list and form), for html editors; default "rich-text". */
  markup?: MarkupProfileName;
  counting: CountingMethod;
  /** The platform's default text limit; a channel's server may set its own (provider.maxLength(channel)). */
  maxLength: number;
  /** A limit in UTF-8 bytes on top of maxLength, where the platform has one (Bluesky's 3,000). */
  maxBytes?: number;
  /** Characters the platform refuses in the text (YouTube's description: "<>"); the composer and the server name them. */
  forbiddenCharacters?: string;
  /** Whether a channel's server sets its own text limit (maxLength is then the usual default). */
  maxLengthPerServer?: boolean;
  maxConcurrentJob: number;
  /** Providers that share one platform quota share one concurrency limit (LinkedIn and LinkedIn Page). */
  concurrencyGroup?: string;
  /** True when tokens cannot be refreshed: an expired token means "reconnect". */
  oneTimeToken: boolean;
  threads?: ThreadRules;
  polls?: PollRules;
  media: MediaRules;
  /** The per-post settings form; a browser-safe zod object from providers/<id>/<id>.settings.ts. */
  settings: z.ZodType<Settings>;
  /** Whether the platform documents analytics for accounts and/or posts. */
  analytics: { account: boolean; post: boolean };
  publishSafety: PublishSafety;
  /** A per-app daily quota the platform enforces, tracked in the database; absent: none. */
  quota?: QuotaRules;
  /**
   * False where the platform answers a created post without its id (MeWe's 204 No Content): the
   * id stored is one the app makes up, the link is the page the post appears on, and nothing can
   * be read back or measured. Absent: the platform returns the post's id.
   */
  returnsPostId?: false;
  /**
   * Days within which the platform may refuse the same text again on one account as a duplicate;
   * evergreen re-shares keep out of it. Absent: the conservative default of lib/evergreen (30 days).
   */
  duplicateWindowDays?: number;
  /** Link cards: see LinkCardKind. Absent: the platform shows none. */
  linkCard?: LinkCardKind;
  env: EnvManifest;
  /** Absent: fully available. */
  availability?: PlatformAvailability;
};
