import type { z } from "zod";
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

export type AuthUrlContext = {
  redirectUri: string;
  state: string;
  codeVerifier: string;
  /** Instance URL for federated platforms (Mastodon). */
  instanceUrl?: string;
};

export type AuthenticateParams = {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  instanceUrl?: string;
  /** Provider data saved when the flow began (e.g. a Mastodon app's client id and secret). */
  data?: Record<string, unknown>;
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

/** One published item: the platform's id, a public link, and whatever a reply needs. */
export type PublishedItem = { id: string; url: string; ref?: Record<string, string> };

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

export type Page = { id: string; name: string; username?: string; picture?: string };

export interface SocialProvider<Settings = unknown> {
  identifier: string;
  name: string;
  /** The small badge that marks the platform beside a channel's name (white text on `colour`). */
  badge: PlatformBadge;
  authKind: AuthKind;
  scopes: string[];
  editor: EditorKind;
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

  /** Account metrics per day (followers, impressions…) over a date range. */
  analytics?(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<MetricPoint[]>;
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
