import type { z } from "zod";
import type { MarkupProfileName } from "@/lib/composer/markup-profiles";
import type { CountingMethod } from "./core/counting";
import type { HandledError } from "./core/errors";

// The contract every platform implements. Capabilities are data (editor, limits, media and poll
// rules, settings schema) so the composer and the server read them without platform-specific code.

/** A platform's small badge beside a channel's name: one or two characters on a colour dark enough for white text. */
export type PlatformBadge = { text: string; colour: string };

export type EditorKind = "normal" | "poll" | "markdown" | "html";
export type AuthKind = "oauth2" | "fields";

export type MediaKindRules = { mimeTypes: string[]; maxBytes: number; maxCount: number };
export type MediaRules = {
  /** Most attachments in one post item, whatever their kind. 0 = text only. */
  maxItems: number;
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
};

export type PollRules = {
  minOptions: number;
  maxOptions: number;
  maxOptionLength: number;
  /** Allowed durations in minutes: a range, or a fixed list of choices. */
  durationMinutes: { min: number; max: number } | { choices: number[] };
  /** Whether a poll may be combined with media in the same item. */
  withMedia: boolean;
};

export type ThreadRules = { kind: "replies" | "comments"; maxItems: number };

export type CustomField = {
  key: string;
  label: string;
  type: "text" | "password" | "url";
  placeholder?: string;
  help?: string;
  defaultValue?: string;
};

/** What a successful connection or refresh yields. */
export type AuthResult = {
  id: string; // the platform's stable account (or page) id
  name: string;
  username?: string;
  picture?: string;
  accessToken: string;
  refreshToken?: string;
  expiresIn?: number; // seconds
  scopes?: string[];
  /** Anything else worth keeping about the account (e.g. the instance's limits). */
  profile?: Record<string, unknown>;
  /** True when the user must still pick a page/company before the channel can post. */
  needsPagePick?: boolean;
};

/** What a token refresh yields. A missing refreshToken means "keep the one you have". */
export type TokenSet = { accessToken: string; refreshToken?: string; expiresIn?: number };

export type OAuthStart = { url: string; codeVerifier: string; state: string; data?: Record<string, unknown> };

/** An OAuth client the app registered itself on one server (Mastodon's POST /api/v1/apps). */
export type AppClient = { clientId: string; clientSecret: string; redirectUri: string; scopes: string[] };

/**
 * Where a provider keeps the clients it registers on the servers of a multi-instance platform, one
 * per server, so it registers once per server instead of on every connection. The caller gives it
 * (bound to the provider); without one the provider registers each time.
 */
export type AppClientStore = {
  get(server: string): Promise<AppClient | null>;
  save(server: string, client: AppClient): Promise<void>;
  /** Drops the stored client after the server refused it, unless another one replaced it meanwhile. */
  forget(server: string, clientId: string): Promise<void>;
};

export type AuthUrlContext = {
  redirectUri: string;
  state: string;
  codeVerifier: string;
  /** Instance URL for federated platforms (Mastodon). */
  instanceUrl?: string;
  appClients?: AppClientStore;
};

export type AuthenticateParams = {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  instanceUrl?: string;
  /** Provider data saved when the flow began (e.g. a Mastodon app's client id and secret). */
  data?: Record<string, unknown>;
  appClients?: AppClientStore;
};

/** The channel as a provider sees it while publishing: decrypted credentials, never stored. */
export type ChannelAccess = {
  id: string;
  internalId: string;
  username?: string | null;
  instanceUrl?: string | null;
  accessToken: string;
  profile?: Record<string, unknown> | null;
};

export type MediaItem = { url?: string; path?: string; mimeType: string; bytes?: Uint8Array; alt?: string; width?: number; height?: number };
export type PollInput = { question?: string; options: string[]; durationMinutes: number };
export type PostItem = { text: string; media?: MediaItem[]; poll?: PollInput };

/**
 * One published item: the platform's id, a public link, whatever a reply needs, and what the
 * platform would not take along (e.g. an image's alt text), shown on the target as a warning.
 */
export type PublishedItem = { id: string; url: string; ref?: Record<string, string>; warnings?: string[] };

export type PublishContext = {
  /** A key the same publish attempt reuses on retry, for platforms with idempotency keys. */
  idempotencyKey?: string;
  /** Called by SocialAbstract.fetch on a refresh-token outcome; returns a fresh access token. */
  refreshAccessToken?: () => Promise<string>;
  /**
   * Longest rate-limit wait to sit through in-process; a longer one is thrown as a "retry"
   * ProviderError carrying retryAfterMs, for the caller to reschedule (background jobs).
   */
  maxWaitMs?: number;
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

export type MetricPoint = { metric: string; day: string; value: number };

/**
 * Metrics a collection could not read, and why; what it could read is still stored.
 * "unavailable": the platform refused or failed (retryAfterMs when it is worth trying again
 * soon); "unknown": the platform answered without the figure (e.g. a hidden count).
 */
export type MetricGap = { what: string; metrics: string[]; reason: string; kind: "unavailable" | "unknown"; retryAfterMs?: number };

/** Account figures as far as they could be read, and the gaps. */
export type AccountMetrics = { points: MetricPoint[]; gaps: MetricGap[] };

export type Page = { id: string; name: string; username?: string; picture?: string };

export interface SocialProvider<Settings = unknown> {
  identifier: string;
  name: string;
  /** The small badge that marks the platform beside a channel's name (white text on `colour`). */
  badge: PlatformBadge;
  authKind: AuthKind;
  scopes: string[];
  editor: EditorKind;
  /** The HTML the platform takes (allow-list and form), for html editors; default "rich-text". */
  markup?: MarkupProfileName;
  polls?: PollRules;
  threads?: ThreadRules;
  /** A readable summary of the platform's posting rules, shown beside the variant in the composer. */
  rules: string;
  counting: CountingMethod;
  /** The limit for this channel (an instance may raise it), or the platform default. */
  maxLength(channel?: { profile?: Record<string, unknown> | null }): number;
  maxConcurrentJob: number;
  /** Providers that share one platform quota share one concurrency limit (LinkedIn and LinkedIn Page). */
  concurrencyGroup?: string;
  /** Settings the operator must set before users can connect (e.g. X_CLIENT_ID); empty when ready. */
  missingConfig?(): string[];
  /** True when tokens cannot be refreshed: an expired token means "reconnect". */
  oneTimeToken: boolean;
  media: MediaRules;
  settings: z.ZodType<Settings>;
  /** Whether the platform documents analytics for accounts and/or posts. */
  analyticsSupport: { account: boolean; post: boolean };
  /** The user supplies an instance URL before connecting (Mastodon, Lemmy, WordPress…). */
  instanceField?: { label: string; placeholder: string; defaultValue?: string };

  generateAuthUrl?(ctx: AuthUrlContext): Promise<OAuthStart>;
  authenticate?(params: AuthenticateParams): Promise<AuthResult>;
  refreshToken?(
    refreshToken: string,
    channel: { instanceUrl?: string | null; profile?: Record<string, unknown> | null; credentials?: Record<string, string> },
  ): Promise<TokenSet>;

  customFields?(): CustomField[];
  connectWithFields?(values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }>;

  pages?(channel: ChannelAccess): Promise<Page[]>;
  fetchPageInformation?(channel: ChannelAccess, pageId: string): Promise<Page>;

  publishSafety: PublishSafety;
  /**
   * For publishSafety "reconcile": the post matching `item` made by this account since `since`
   * (a reply to `parent` when given), or null when there is none. Used after a lost answer.
   */
  findPublished?(channel: ChannelAccess, item: PostItem, opts: { since: Date; parent?: PublishedItem }, ctx?: PublishContext): Promise<PublishedItem | null>;

  /** Publishes the first item of a post. */
  post(channel: ChannelAccess, item: PostItem, settings: Settings, ctx?: PublishContext): Promise<PublishedItem>;
  /** Publishes a follow-up item (thread reply or comment) under `parent`, with the thread's root. */
  comment?(channel: ChannelAccess, item: PostItem, parent: PublishedItem, root: PublishedItem, settings: Settings, ctx?: PublishContext): Promise<PublishedItem>;

  /**
   * Account metrics per day (followers, impressions…) over a date range. Each endpoint is read on
   * its own: one that fails becomes a gap and the others' figures are still returned. Only an
   * account problem (token, suspension) is thrown.
   */
  analytics?(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics>;
  /** Current counters of one published post (likes, reposts, replies, views…). */
  postAnalytics?(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>>;

  /** Classifies a platform answer that was not a success; undefined falls back to HTTP status rules. */
  handleErrors(body: string, status: number): HandledError | undefined;
}

/** What the browser receives about a provider (no functions, no secrets). */
export type ProviderDescriptor = {
  identifier: string;
  name: string;
  badge: PlatformBadge;
  authKind: AuthKind;
  editor: EditorKind;
  /** The markup profile its text is sanitised with (null: sent as written). */
  markup?: MarkupProfileName | null;
  polls: PollRules | null;
  threads: ThreadRules | null;
  rules: string;
  counting: CountingMethod;
  maxLength: number;
  maxConcurrentJob: number;
  oneTimeToken: boolean;
  publishSafety: PublishSafety;
  media: MediaRules;
  analytics: { account: boolean; post: boolean };
  customFields: CustomField[];
  instanceField: SocialProvider["instanceField"] | null;
  settingsSchema: unknown;
  pagePick: boolean;
  configured: boolean;
  missingConfig: string[];
};
