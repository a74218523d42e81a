import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import type { HandledError } from "../core/errors";
import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { ManifestProvider } from "../core/manifest-provider";
import type {
  AuthResult,
  ChannelAccess,
  AccountMetrics,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
  TokenSet,
} from "../social.integrations.interface";
import { blueskyAccountAnalytics, blueskyPostAnalytics } from "./bluesky.analytics";
import { classifyXrpcError, parseXrpcError } from "./bluesky.errors";
import { blueskyManifest } from "./bluesky.manifest";
import { publishRecord, strongRef, type Author } from "./bluesky.post";
import { createSession, readProfile, refreshSession, sessionLost, type Session } from "./bluesky.session";
import type { BlueskySettings } from "./bluesky.settings";
import { jwtExpiresIn } from "./bluesky.xrpc";

// Bluesky on any PDS (bsky.social or self-hosted), signed in with an app password. The session's
// tokens are kept and rotated; the app password is stored (encrypted) only so that one new login
// can replace a refresh token the server no longer accepts.

const APP_PASSWORD = /^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/i;
const defaultService = () => hostOf(blueskyManifest, "service");

const fieldsSchema = z.object({
  service: z
    .string()
    .trim()
    .transform((s) => (s || defaultService()).replace(/\/+$/, ""))
    .pipe(z.url({ protocol: /^https?$/, error: "The service must be an http(s) URL, such as https://bsky.social" })),
  identifier: z
    .string({ error: "The identifier is required" })
    .trim()
    .transform((s) => s.replace(/^@/, ""))
    .pipe(z.string().min(1, "Enter your handle (alice.bsky.social), DID or account email as the identifier")),
  password: z
    .string({ error: "The password is required" })
    .trim()
    .min(1, "Enter an app password (xxxx-xxxx-xxxx-xxxx, from Settings → App passwords) as the password"),
});

export class BlueskyProvider extends ManifestProvider<BlueskySettings> implements SocialProvider<BlueskySettings> {
  readonly manifest = blueskyManifest;

  async connectWithFields(values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }> {
    const parsed = fieldsSchema.safeParse(values);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
      throw new ValidationError(fields);
    }
    const { service, identifier, password } = parsed.data;
    const session = await createSession(this, service, identifier, password).catch((e) => {
      throw this.connectFailure(e, password);
    });
    const profile = await readProfile(this, service, session);
    return {
      ...this.tokens(session),
      id: session.did,
      name: profile.name,
      username: session.handle,
      ...(profile.picture ? { picture: profile.picture } : {}),
      profile: { service, did: session.did, handle: session.handle },
      credentials: { identifier, password },
    };
  }

  /** A refused login is the user's input to fix, with Bluesky's own reason. */
  private connectFailure(e: unknown, password: string): unknown {
    if (!(e instanceof ProviderError) || e.kind === "retry") return e;
    const { error } = parseXrpcError(e.details.body ?? "");
    const hint = error === "AuthenticationRequired" && !APP_PASSWORD.test(password) ? " (app passwords look like xxxx-xxxx-xxxx-xxxx)" : "";
    return new ProviderError("bad-body", `${e.message}${hint}`, e.details);
  }

  async refreshToken(refreshJwt: string, channel: Parameters<NonNullable<SocialProvider["refreshToken"]>>[1]): Promise<TokenSet> {
    const service = this.serviceOf(channel);
    try {
      return this.tokens(await refreshSession(this, service, refreshJwt));
    } catch (e) {
      if (!sessionLost(e)) throw e;
      // The refresh token is expired or revoked: one login with the stored app password, never
      // more (logins are rate limited); if the password is refused, the user must reconnect.
      const { identifier, password } = channel.credentials ?? {};
      if (!identifier || !password) throw new ProviderError("disconnect", `${(e as ProviderError).message}; reconnect the Bluesky account`);
      const session = await createSession(this, service, identifier, password).catch((le) => {
        if (le instanceof ProviderError && le.kind !== "retry") throw new ProviderError("disconnect", le.message, le.details);
        throw le;
      });
      return this.tokens(session);
    }
  }

  async post(channel: ChannelAccess, item: PostItem, settings: BlueskySettings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishRecord(this, this.author(channel), item, settings ?? {}, ctx);
  }

  async comment(
    channel: ChannelAccess,
    item: PostItem,
    parent: PublishedItem,
    root: PublishedItem,
    settings: BlueskySettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    const reply = { root: strongRef(root, "thread's first"), parent: strongRef(parent, "previous") };
    return publishRecord(this, this.author(channel), item, settings ?? {}, ctx, reply);
  }

  analytics(channel: ChannelAccess, _range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return blueskyAccountAnalytics(this, this.author(channel), ctx);
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return blueskyPostAnalytics(this, this.author(channel), platformPostId, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyXrpcError(body, status);
  }

  private tokens(s: Session): TokenSet {
    return { accessToken: s.accessJwt, refreshToken: s.refreshJwt, expiresIn: jwtExpiresIn(s.accessJwt) };
  }

  private serviceOf(channel: { instanceUrl?: string | null; profile?: Record<string, unknown> | null }): string {
    const fromProfile = channel.profile?.service;
    return (channel.instanceUrl || (typeof fromProfile === "string" && fromProfile) || defaultService()).replace(/\/+$/, "");
  }

  private author(channel: ChannelAccess): Author {
    const p = channel.profile ?? {};
    const did = typeof p.did === "string" ? p.did : channel.internalId;
    const handle = (typeof p.handle === "string" && p.handle) || channel.username || did;
    return { service: this.serviceOf(channel), did, handle, accessToken: channel.accessToken };
  }
}
