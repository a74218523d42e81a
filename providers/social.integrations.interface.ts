import type { z } from "zod";
import type { HandledError } from "./core/errors";
import type {
  AuthKind,
  CustomField,
  EditorKind,
  InstanceField,
  MediaRules,
  PlatformBadge,
  PlatformManifest,
  PollRules,
  PublishSafety,
  ThreadRules,
} from "./core/manifest";

// The contract every platform implements. Capabilities are data, declared once in the platform's
// manifest (providers/<id>/<id>.manifest.ts); the base class (social.abstract.ts) exposes them as
// the read-only fields below, so the server reads them without platform-specific code.

export type {
  AuthKind,
  AuthManifest,
  CustomField,
  EditorKind,
  InstanceField,
  MediaKindRules,
  MediaRules,
  PlatformAvailability,
  PlatformBadge,
  PlatformManifest,
  LinkCardKind,
  PollRules,
  PublishSafety,
  ThreadRules,
} from "./core/manifest";

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
  /** Everything the platform's redirect back carried, for platforms that send more than the code (VK ID's device_id). */
  query?: Record<string, string>;
};

/** The channel as a provider sees it while publishing: decrypted credentials, never stored. */
export type ChannelAccess = {
  id: string;
  internalId: string;
  username?: string | null;
  instanceUrl?: string | null;
  accessToken: string;
  /** When the stored access token expires (null: it does not, or the platform did not say). */
  tokenExpiresAt?: Date | null;
  profile?: Record<string, unknown> | null;
};

export type MediaItem = {
  /** The address the file was attached by (a link attachment); absent for a library upload. */
  url?: string;
  /** The media library item, for an upload (see PublishContext.publicMediaUrl). */
  mediaId?: string;
  path?: string;
  mimeType: string;
  bytes?: Uint8Array;
  alt?: string;
  width?: number;
  height?: number;
  /** The file's size in bytes, where known without reading it (always set with `read`). */
  size?: number;
  /**
   * Reads bytes [start, end) of the file from storage, for platforms that upload in ranges
   * (manifest media.streamed): set instead of `bytes`, so memory does not grow with the file.
   */
  read?: (start: number, end: number) => Promise<Uint8Array>;
};
/**
 * The page an item links to, as a card (manifest linkCard "card" or "link"; a "link" platform uses
 * only the url). Read by the server through its cache when the item is published; `image` is the
 * page's picture, downloaded, when it has one that could be fetched.
 */
export type LinkCard = { url: string; title: string; description: string; image?: { bytes: Uint8Array; mimeType: string } };
export type PollInput = { question?: string; options: string[]; durationMinutes: number };
export type PostItem = { text: string; media?: MediaItem[]; poll?: PollInput; linkCard?: LinkCard };

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
  /**
   * A public address a platform can fetch `media` from: its own link for a link attachment; for a
   * library upload a signed, expiring URL (under APP_URL, or presigned by the object store).
   * Throws a "bad-body" ProviderError when this server has no public address for uploads. For
   * platforms that download attachments themselves (manifest media.byLinkOnly).
   */
  publicMediaUrl?: (media: MediaItem) => Promise<string>;
  /**
   * Where a long upload keeps its place across attempts and worker restarts (the target's row):
   * the platform's session and the offset it confirmed, and a progress line for the target's status.
   */
  upload?: UploadCheckpoint;
  /** The platform's per-app daily quota (manifest.quota), kept in the database. */
  quota?: QuotaLedger;
};

/** A resumable upload's saved place: opaque to the engine, written by the provider as chunks are confirmed. */
export type UploadCheckpoint = {
  load(): Promise<Record<string, unknown> | null>;
  save(state: Record<string, unknown> | null): Promise<void>;
  /** A short line shown on the target while it publishes ("Uploading 42%"); null clears it. */
  progress(text: string | null): Promise<void>;
};

/** Today's use of a platform's daily quota buckets (manifest.quota.buckets). */
export type QuotaLedger = {
  /** Units left today in each bucket. */
  remaining(): Promise<Record<string, number>>;
  /** Counts units spent (the platform counts every call, refused ones too). */
  spend(bucket: string, units: number): Promise<void>;
  /** The platform said a bucket is used up: mark it so until the reset. */
  exhaust(bucket: string): Promise<void>;
  /** Milliseconds until the buckets reset. */
  msUntilReset(): number;
};

export type MetricPoint = { metric: string; day: string; value: number };

/**
 * Metrics a collection could not read, and why; what it could read is still stored.
 * "unavailable": the platform refused or failed (retryAfterMs when it is worth trying again
 * soon); "unknown": the platform answered without the figure (e.g. a hidden count).
 */
export type MetricGap = { what: string; metrics: string[]; reason: string; kind: "unavailable" | "unknown"; retryAfterMs?: number };

/** Account figures as far as they could be read, and the gaps. */
export type AccountMetrics = { points: MetricPoint[]; gaps: MetricGap[] };

export type Page = {
  id: string;
  name: string;
  username?: string;
  picture?: string;
  /**
   * The page's own credentials, when the platform gives the page a token of its own (Facebook's
   * Page token): the pick stores these on the channel instead of the signed-in member's token.
   * expiresAt null (or absent) means the token does not expire.
   */
  access?: PageAccess;
};

/** A page's own token, as fetchPageInformation may return it. */
export type PageAccess = { accessToken: string; refreshToken?: string | null; expiresAt?: Date | null };

/**
 * A link command (manifest auth.link: `/connect <code>`) the platform's bot received: the code, the
 * chat it was sent in as the account to connect, and `refused` when that chat cannot be a channel
 * (a private chat). `chatRef`/`messageRef` let the provider answer in that chat; `sentAt` is when it was sent.
 */
export type LinkRequest = { code: string; account: AuthResult; chatRef: string; messageRef?: string; refused?: string; sentAt?: Date };

/** One choice of a settings field read from the channel's account (a category, a board, a list): the platform's id and its name. */
export type SettingsChoice = { value: string; label: string };

export interface SocialProvider<Settings = unknown> {
  /** Everything static about the platform; the fields below are read from it. */
  readonly manifest: PlatformManifest<Settings>;
  readonly identifier: string;
  readonly name: string;
  readonly badge: PlatformBadge;
  readonly authKind: AuthKind;
  readonly scopes: string[];
  readonly editor: EditorKind;
  readonly markup?: PlatformManifest["markup"];
  readonly polls?: PollRules;
  readonly threads?: ThreadRules;
  /** A readable summary of the platform's posting rules, generated from the manifest (lib/composer/rules-text.ts). */
  readonly rules: string;
  readonly counting: PlatformManifest["counting"];
  /** The limit for this channel (an instance may raise it), or the platform default. */
  maxLength(channel?: { profile?: Record<string, unknown> | null }): number;
  readonly maxConcurrentJob: number;
  readonly concurrencyGroup?: string;
  /** Settings the operator must still set before users can connect (from manifest.env); empty when ready. */
  missingConfig(): string[];
  readonly oneTimeToken: boolean;
  readonly media: MediaRules;
  readonly settings: z.ZodType<Settings>;
  readonly analyticsSupport: { account: boolean; post: boolean };
  readonly instanceField?: InstanceField;
  readonly publishSafety: PublishSafety;

  generateAuthUrl?(ctx: AuthUrlContext): Promise<OAuthStart>;
  authenticate?(params: AuthenticateParams): Promise<AuthResult>;
  refreshToken?(
    refreshToken: string,
    channel: { instanceUrl?: string | null; profile?: Record<string, unknown> | null; credentials?: Record<string, string> },
  ): Promise<TokenSet>;

  /** The form a "fields" or "bot" platform connects with, defaults resolved for this server. */
  customFields(): CustomField[];
  connectWithFields?(values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }>;

  /**
   * For auth "bot" with `link`: the link commands sent to the bot after `cursor` (the platform's
   * update offset), and the cursor that confirms them. Only one caller at a time
   * (lib/channels/link-codes.ts holds a lock).
   */
  linkRequests?(cursor: string | undefined): Promise<{ requests: LinkRequest[]; cursor?: string }>;
  /** Answers a link command in its chat (a refused, expired or used code), best effort. */
  answerLink?(request: LinkRequest, message: string): Promise<void>;

  pages?(channel: ChannelAccess): Promise<Page[]>;
  fetchPageInformation?(channel: ChannelAccess, pageId: string): Promise<Page>;

  /**
   * For publishSafety "reconcile": the post matching `item` made by this account since `since`
   * (a reply to `parent` when given), or null when there is none. Used after a lost answer.
   */
  findPublished?(
    channel: ChannelAccess,
    item: PostItem,
    opts: { since: Date; parent?: PublishedItem },
    ctx?: PublishContext,
  ): Promise<PublishedItem | null>;

  /**
   * The choices of a settings field declared `.meta({ choices: "channel" })` (categories, tags,
   * boards…), read from the platform for this channel's account through `this.fetch`. `field` is
   * the settings key; a string value of such a field is the platform's id of the choice.
   */
  settingsChoices?(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]>;

  /**
   * Rules only the platform can tell (a subreddit's required flair, the kinds of post it takes),
   * checked when a post is saved to be published: problems keyed by settings field, in words for
   * the user; {} when it would be taken. A throw (the platform unreachable) does not refuse the
   * save: publishing checks again.
   */
  checkSettings?(
    channel: ChannelAccess,
    settings: Settings,
    items: { text: string; mediaTypes: string[] }[],
    ctx?: PublishContext,
  ): Promise<Record<string, string>>;

  /** Publishes the first item of a post. */
  post(channel: ChannelAccess, item: PostItem, settings: Settings, ctx?: PublishContext): Promise<PublishedItem>;
  /** Publishes a follow-up item (thread reply or comment) under `parent`, with the thread's root. */
  comment?(
    channel: ChannelAccess,
    item: PostItem,
    parent: PublishedItem,
    root: PublishedItem,
    settings: Settings,
    ctx?: PublishContext,
  ): Promise<PublishedItem>;

  /**
   * Account metrics per day (followers, impressions…) over a date range. Each endpoint is read on
   * its own: one that fails becomes a gap and the others' figures are still returned. Only an
   * account problem (token, suspension) is thrown.
   */
  analytics?(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics>;
  /** Current counters of one published post (likes, reposts, replies, views…). */
  postAnalytics?(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>>;

  /**
   * Checks that the channel's token is still good, for platforms whose manifest declares
   * `auth.validateEvery` (the periodic job calls it). Resolves when it is; throws a ProviderError
   * when it is not (refresh-token: renewed once through ctx; disconnect: the grant is gone).
   */
  validateToken?(channel: ChannelAccess, ctx?: PublishContext): Promise<void>;

  /** Classifies a platform answer that was not a success; undefined falls back to HTTP status rules. */
  handleErrors(body: string, status: number, headers?: Headers): HandledError | undefined;
}

/**
 * What the browser receives about a provider: its manifest as JSON (the settings schema as JSON
 * Schema, absent rules as null), with what only the server knows: whether it is configured, the
 * field defaults this server resolves, and the rules text generated from the numbers.
 */
export type ProviderDescriptor = Omit<PlatformManifest, "settings" | "polls" | "threads" | "markup"> & {
  polls: PollRules | null;
  threads: ThreadRules | null;
  /** The markup profile its text is sanitised with (null: sent as written). */
  markup: NonNullable<PlatformManifest["markup"]> | null;
  /** manifest.settings as JSON Schema (the input side), for the composer's settings form. */
  settingsSchema: unknown;
  rules: string;
  configured: boolean;
  missingConfig: string[];
  /**
   * Why uploaded files have no public address on this server (lib/media/public-reach.ts), or null;
   * the composer and the Channels page show it for platforms that download attachments (media.byLinkOnly).
   */
  uploadsNotPublic: string | null;
  /**
   * Kinds of attachment the platform takes only from a verified address this server's media is not
   * under (manifest media.<kind>.verifiedPrefix, lib/media/verified-prefix.ts), each with why.
   */
  mediaUnavailable?: Partial<Record<"image" | "video" | "gif", { reason: string; uploadsOnly: boolean }>>;
};
