import { z } from "zod";
import { ProviderError } from "../core/errors";
import { InstanceOAuthProvider, type InstanceAccount, type InstanceOAuthConfig } from "../core/instance-oauth-provider";
import type {
  ChannelAccess,
  AccountMetrics,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
} from "../social.integrations.interface";
import { mastodonAccountAnalytics, mastodonPostAnalytics } from "./mastodon.analytics";
import { classifyMastodonError } from "./mastodon.errors";
import {
  channelInstance,
  DEFAULT_MAX_CHARACTERS,
  instanceBase,
  instanceSchema,
  LEGACY_SCOPES,
  limitsFrom,
  localUsername,
  profileNumber,
  SCOPES,
} from "./mastodon.instance";
import { mastodonManifest } from "./mastodon.manifest";
import { uploadMedia } from "./mastodon.media";
import { mastodonSettings, type MastodonSettings } from "./mastodon.settings";

// Mastodon is federated: each server is its own OAuth issuer, so the app registers itself on the
// user's server the first time someone connects to it (core/instance-apps.ts, via the
// InstanceOAuthProvider base), and that server's limits are read and kept on the channel.

const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string().optional(),
  display_name: z.string().nullish(),
  avatar: z.string().nullish(),
  url: z.string().nullish(),
});
const statusSchema = z.object({ id: z.string(), url: z.string().nullish() });

export class MastodonProvider extends InstanceOAuthProvider<MastodonSettings> implements SocialProvider<MastodonSettings> {
  readonly manifest = mastodonManifest;

  protected readonly instanceOAuth: InstanceOAuthConfig = {
    registrationPath: "/api/v1/apps",
    registrationBody: (app) => ({ client_name: app.clientName, redirect_uris: app.redirectUri, scopes: app.scope, website: app.website }),
    authorizePath: "/oauth/authorize",
    tokenPath: "/oauth/token",
    // Mastodon documents the client-credentials grant: a stored app is checked before reuse.
    checkWith: { revokePath: "/oauth/revoke" },
    pkce: true,
  };

  maxLength(channel?: { profile?: Record<string, unknown> | null }): number {
    return profileNumber(channel?.profile, "instanceMaxCharacters", DEFAULT_MAX_CHARACTERS);
  }

  handleErrors(body: string, status: number) {
    return classifyMastodonError(body, status);
  }

  protected serverBase(typed?: string | null): string {
    return instanceBase(typed);
  }

  /** Servers before 4.3 (and forks) reject the `profile` scope; the discovery document says which. */
  protected async scopesFor(base: string): Promise<string[]> {
    try {
      const doc = await this.fetchJson<{ scopes_supported?: unknown }>(
        `${base}/.well-known/oauth-authorization-server`,
        {},
        { maxRetries: 0, action: "read the server's sign-in settings" },
      );
      if (Array.isArray(doc.scopes_supported) && doc.scopes_supported.includes("profile")) return SCOPES;
    } catch {
      // No discovery document: a server older than 4.3.
    }
    return LEGACY_SCOPES;
  }

  protected async profile(base: string, accessToken: string): Promise<InstanceAccount> {
    const account = accountSchema.parse(
      await this.fetchJson(`${base}/api/v1/accounts/verify_credentials`, {}, { token: accessToken, action: "read the account" }),
    );
    const instance = await this.fetchJson(`${base}/api/v2/instance`, {}, { action: "read the server's limits" })
      .then((j) => instanceSchema.parse(j))
      .catch(() => undefined); // older servers: keep the documented defaults
    const host = new URL(base).host;
    return {
      id: account.id,
      name: account.display_name?.trim() || account.acct || account.username,
      username: `${account.username}@${host}`,
      picture: account.avatar ?? undefined,
      profile: { instanceUrl: base, localUsername: account.username, profileUrl: account.url ?? undefined, ...limitsFrom(instance) },
    };
  }

  post(channel: ChannelAccess, item: PostItem, settings: MastodonSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return this.publish(channel, item, settings, ctx);
  }

  comment(
    channel: ChannelAccess,
    item: PostItem,
    parent: PublishedItem,
    _root: PublishedItem,
    settings: MastodonSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    // Each reply gets its own key even if the caller reuses one per post: Mastodon would answer a
    // repeated key with the first status instead of posting the reply.
    const replyCtx = ctx?.idempotencyKey ? { ...ctx, idempotencyKey: `${ctx.idempotencyKey}:reply-to:${parent.id}` } : ctx;
    return this.publish(channel, item, settings, replyCtx, parent.id);
  }

  analytics(channel: ChannelAccess, _range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return mastodonAccountAnalytics(this, channel, ctx);
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return mastodonPostAnalytics(this, channel, platformPostId, ctx);
  }

  private async publish(
    channel: ChannelAccess,
    item: PostItem,
    rawSettings: MastodonSettings,
    ctx?: PublishContext,
    replyTo?: string,
  ): Promise<PublishedItem> {
    const parsed = mastodonSettings.safeParse(rawSettings ?? {});
    if (!parsed.success) throw new ProviderError("bad-body", parsed.error.issues.map((i) => i.message).join("; "));
    const settings = parsed.data;
    const media = item.media ?? [];
    const maxMedia = profileNumber(channel.profile, "maxMediaAttachments", 4);
    if (media.length > maxMedia)
      throw new ProviderError("bad-body", `Mastodon allows at most ${maxMedia} attachments per post; this one has ${media.length}.`);
    if (item.poll && media.length) throw new ProviderError("bad-body", "Mastodon cannot combine a poll with media in one post.");

    const base = channelInstance(channel);
    const call = { base, token: channel.accessToken, ctx };
    const mediaIds: string[] = [];
    for (const [i, m] of media.entries()) mediaIds.push(await uploadMedia(this, call, m, i));

    const headers: Record<string, string> = { "content-type": "application/json" };
    // With a key the server answers a repeat with the status it already created, so a lost answer
    // can be retried safely; without one, a repeat could post twice.
    if (ctx?.idempotencyKey) headers["idempotency-key"] = ctx.idempotencyKey;
    const body = {
      status: item.text || item.poll?.question || "",
      ...(mediaIds.length ? { media_ids: mediaIds } : {}),
      ...(item.poll ? { poll: { options: item.poll.options, expires_in: Math.round(item.poll.durationMinutes * 60) } } : {}),
      ...(replyTo ? { in_reply_to_id: replyTo } : {}),
      visibility: settings.visibility,
      ...(settings.spoilerText ? { spoiler_text: settings.spoilerText } : {}),
      ...(settings.sensitive !== undefined ? { sensitive: settings.sensitive } : {}),
    };
    const status = statusSchema.parse(
      await this.fetchJson(
        `${base}/api/v1/statuses`,
        { method: "POST", headers, body: JSON.stringify(body) },
        {
          token: channel.accessToken,
          ctx,
          idempotent: !!ctx?.idempotencyKey,
          action: replyTo ? "post the reply" : "post the status",
        },
      ),
    );
    return { id: status.id, url: status.url ?? `${base}/@${localUsername(channel)}/${status.id}`, ref: { id: status.id } };
  }
}
