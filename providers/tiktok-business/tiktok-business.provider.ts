import { z } from "zod";
import { engagementsOf, readPart, snapshot } from "../core/analytics";
import type { HandledError } from "../core/errors";
import { ProviderError } from "../core/errors";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import { withPublicMedia } from "../core/public-media";
import type {
  AccountMetrics,
  AuthenticateParams,
  AuthResult,
  AuthUrlContext,
  ChannelAccess,
  MetricGap,
  OAuthStart,
  PostItem,
  PublishContext,
  PublishedItem,
  SettingsChoice,
  SocialProvider,
  TokenSet,
} from "../social.integrations.interface";
import { bizAuthUrl, bizUrl, callBiz } from "./tiktok-business.api";
import { bizAuthorizeUrl, bizProfile, bizRefresh, bizToken } from "./tiktok-business.auth";
import { classifyTiktokBusinessError } from "./tiktok-business.errors";
import { tiktokBusinessManifest } from "./tiktok-business.manifest";
import type { TiktokBusinessSettings } from "./tiktok-business.settings";

// TikTok API for Business, TikTok Accounts (../shared/platforms/tiktok-business.md). TikTok pulls
// every file from a public URL (no byte upload), so attachments are by link only (manifest
// media.byLinkOnly): a video goes by /business/video/publish/ (video_url), photos by
// /business/photo/publish/ (photo_images), and /business/publish/status/ is polled until
// PUBLISH_COMPLETE, SEND_TO_USER_INBOX (a draft) or FAILED. The account's id (open_id) is the
// business_id of every call.

const LABELS: Record<string, string> = {
  PUBLIC_TO_EVERYONE: "Everyone",
  MUTUAL_FOLLOW_FRIENDS: "Friends (followers you follow back)",
  FOLLOWER_OF_CREATOR: "Followers",
  SELF_ONLY: "Only me",
};
const pollSeconds = () => {
  const n = Number(process.env.TIKTOK_BUSINESS_STATUS_POLL_SECONDS ?? "5");
  return Number.isFinite(n) && n > 0 ? n : 5;
};
const POLL_TIMEOUT_MS = 10 * 60_000;
const NO_ADDRESS =
  "TikTok downloads media from a public address, and this server has none for uploads: set APP_URL to a public https address (or use S3 media storage), or attach the file by link";

const accountSettings = z.object({
  privacy_level_options: z.array(z.string()).default([]),
  comment_disabled: z.boolean().default(false),
  duet_disabled: z.boolean().default(false),
  stitch_disabled: z.boolean().default(false),
  max_video_post_duration_sec: z.number().optional(),
});
const statusData = z.object({
  status: z.string(),
  post_ids: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  reason: z.string().optional(),
});

export class TiktokBusinessProvider extends OAuth2Provider<TiktokBusinessSettings> implements SocialProvider<TiktokBusinessSettings> {
  readonly manifest = tiktokBusinessManifest;

  // The base's shape; the Business dialect (client_key on the authorize page, JSON token calls in
  // the {code, data} envelope) is in tiktok-business.auth.ts.
  protected oauth: OAuth2Config = {
    authorizeUrl: () => bizAuthUrl("/v2/auth/authorize/"),
    tokenUrl: () => bizUrl("/tt_user/oauth2/token/"),
    credentialsPrefix: "tiktok-business",
    pkce: false,
    clientAuth: "body",
    scopeSeparator: ",",
  };

  async generateAuthUrl(ctx: AuthUrlContext): Promise<OAuthStart> {
    return bizAuthorizeUrl(ctx, this.scopes);
  }

  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    const token = await bizToken(this, { grant_type: "authorization_code", auth_code: params.code, redirect_uri: params.redirectUri });
    const scopes = token.scope?.split(/[\s,]+/).filter(Boolean);
    if (scopes) this.checkScopes(this.scopes, scopes);
    const profile = await bizProfile(this, token);
    return { ...profile, accessToken: token.access_token, refreshToken: token.refresh_token, expiresIn: token.expires_in, scopes };
  }

  async refreshToken(refreshToken: string): Promise<TokenSet> {
    return bizRefresh(this, refreshToken);
  }

  protected async profile(_accessToken: string, _token: TokenResponse): Promise<Omit<AuthResult, "accessToken">> {
    throw new Error("TikTok for Business reads the profile with the token's open_id (authenticate)");
  }

  private async accountSettings(channel: ChannelAccess, ctx?: PublishContext) {
    const data = await callBiz(
      this,
      "GET",
      "/business/video/settings/",
      { business_id: channel.internalId },
      {
        action: "read what this TikTok account may post",
        token: channel.accessToken,
        ctx,
      },
    );
    return accountSettings.parse(data);
  }

  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "privacy_level") return [];
    const s = await this.accountSettings(channel, ctx);
    return s.privacy_level_options.map((value) => ({ value, label: LABELS[value] ?? value }));
  }

  async post(channel: ChannelAccess, item: PostItem, settings: TiktokBusinessSettings, ctx?: PublishContext): Promise<PublishedItem> {
    if (!item.media?.length) throw new ProviderError("bad-body", "A TikTok post is a video or photos; there are no text-only posts");
    // An upload goes out as its signed public URL (TikTok downloads it once, while it is valid).
    const media = (await withPublicMedia(item, ctx, NO_ADDRESS)).media ?? [];
    const links = media.map((m, i) => {
      if (!m.url || !/^https?:\/\//i.test(m.url)) throw new ProviderError("bad-body", `Attachment ${i + 1}: ${NO_ADDRESS}`);
      return m.url;
    });
    const videos = media.filter((m) => m.mimeType.startsWith("video/"));
    if (videos.length && (videos.length > 1 || media.length > 1))
      throw new ProviderError("bad-body", "A TikTok post is one video, or 1 to 35 photos, not both");
    const caption = item.text.trim();
    if (caption.length > 2200)
      throw new ProviderError("bad-body", `A TikTok caption is at most 2,200 UTF-16 characters; this one has ${caption.length}`);
    const acct = await this.accountSettings(channel, ctx);
    if (settings.branded_content && settings.privacy_level === "SELF_ONLY")
      throw new ProviderError("bad-body", "Branded content cannot be private on TikTok: choose who can view it other than Only me");
    const warnings: string[] = [];
    const off = (allowed: boolean, disabled: boolean, what: string) => {
      if (allowed && disabled) warnings.push(`This TikTok account has ${what} turned off, so they stay off.`);
      return !allowed || disabled;
    };
    const common = {
      disable_comment: off(settings.allow_comment, acct.comment_disabled, "comments"),
      is_brand_organic: settings.brand_organic,
      is_branded_content: settings.branded_content,
    };
    let path: string;
    let body: Record<string, unknown>;
    if (videos.length) {
      if (settings.draft)
        warnings.push("A video sent to drafts keeps nothing but the file: add the caption and settings in the TikTok app.");
      path = "/business/video/publish/";
      body = {
        business_id: channel.internalId,
        video_url: links[0],
        post_info: {
          caption,
          ...common,
          disable_duet: off(settings.allow_duet, acct.duet_disabled, "Duet"),
          disable_stitch: off(settings.allow_stitch, acct.stitch_disabled, "Stitch"),
          is_ai_generated: settings.ai_generated,
          ...(settings.draft ? { upload_to_draft: true } : {}),
        },
      };
    } else {
      const privacy = settings.privacy_level;
      if (!settings.draft && !privacy) throw new ProviderError("bad-body", "A TikTok photo post needs “Who can view a photo post” chosen");
      if (privacy && !acct.privacy_level_options.includes(privacy))
        throw new ProviderError(
          "bad-body",
          `TikTok offers this account the privacy levels ${acct.privacy_level_options.map((o) => LABELS[o] ?? o).join(", ")}; "${LABELS[privacy] ?? privacy}" is not one of them`,
        );
      path = "/business/photo/publish/";
      body = {
        business_id: channel.internalId,
        photo_images: links,
        photo_cover_index: 0,
        post_info: {
          ...(privacy ? { privacy_level: privacy } : {}),
          ...(settings.photo_title ? { title: settings.photo_title } : {}),
          caption,
          ...common,
          ...(settings.draft ? { is_draft: true } : {}),
        },
      };
    }
    const data = await callBiz(this, "POST", path, body, {
      action: "publish to TikTok",
      token: channel.accessToken,
      ctx,
      idempotent: false,
    });
    const shareId = typeof data.share_id === "string" ? data.share_id : "";
    if (!shareId) throw new ProviderError("retry", "TikTok did not return the publish's id", { mayHavePublished: true });
    try {
      const status = await this.awaitStatus(channel, shareId, ctx);
      const postId = status.post_ids[0];
      if (status.status === "SEND_TO_USER_INBOX")
        warnings.push("Sent to the creator's TikTok drafts: finish and post it in the TikTok app.");
      else if (status.status !== "PUBLISH_COMPLETE")
        warnings.push("TikTok was still processing the post when this server stopped waiting: check the profile.");
      else if (!postId)
        warnings.push("TikTok shows the post's link only for public posts, a few minutes after publishing: the link opens the profile.");
      const who = channel.username ? `https://www.tiktok.com/@${encodeURIComponent(channel.username)}` : "https://www.tiktok.com/";
      return {
        id: postId ?? shareId,
        url: postId && channel.username ? `${who}/video/${encodeURIComponent(postId)}` : who,
        ref: { shareId },
        warnings,
      };
    } catch (e) {
      if (e instanceof ProviderError && e.kind !== "bad-body" && !e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: true });
      throw e;
    }
  }

  private async awaitStatus(channel: ChannelAccess, shareId: string, ctx?: PublishContext) {
    const started = Date.now();
    let delay = Math.min(1000, pollSeconds() * 1000);
    let failures = 0;
    for (;;) {
      try {
        const s = statusData.parse(
          await callBiz(
            this,
            "GET",
            "/business/publish/status/",
            { business_id: channel.internalId, publish_id: shareId },
            {
              action: "read the TikTok publish status",
              token: channel.accessToken,
              ctx,
            },
          ),
        );
        failures = 0;
        if (s.status === "FAILED")
          throw new ProviderError("bad-body", `TikTok could not publish the post: ${s.reason ?? "TikTok did not say why"}`);
        if (s.status === "PUBLISH_COMPLETE" || s.status === "SEND_TO_USER_INBOX" || Date.now() - started + delay > POLL_TIMEOUT_MS)
          return s;
      } catch (e) {
        // Polling never publishes again; only an account problem or a final answer stops it.
        if (e instanceof ProviderError && (e.kind === "bad-body" || e.kind === "disconnect" || e.kind === "refresh-token")) throw e;
        if (++failures >= 5)
          throw new ProviderError("retry", `TikTok's publish status could not be read: ${(e as Error).message}`, {
            mayHavePublished: true,
          });
      }
      await this.sleep(delay);
      delay = Math.min(delay * 2, pollSeconds() * 1000);
    }
  }

  async analytics(channel: ChannelAccess, _range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    const gaps: MetricGap[] = [];
    const data = await readPart(gaps, "account totals", ["followers", "following", "likes_total", "posts_total"], () =>
      callBiz(
        this,
        "GET",
        "/business/get/",
        { business_id: channel.internalId, fields: ["followers_count", "following_count", "total_likes", "videos_count"] },
        {
          action: "read the TikTok account's totals",
          token: channel.accessToken,
          ctx,
        },
      ),
    );
    if (!data) return { points: [], gaps };
    const num = (k: string) => (typeof data[k] === "number" ? (data[k] as number) : undefined);
    const values = {
      followers: num("followers_count"),
      following: num("following_count"),
      likes_total: num("total_likes"),
      posts_total: num("videos_count"),
    };
    for (const [metric, v] of Object.entries(values))
      if (v === undefined) gaps.push({ what: metric, metrics: [metric], reason: "TikTok did not report it", kind: "unknown" });
    return { points: snapshot(values), gaps };
  }

  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    if (!/^\d{1,30}$/.test(platformPostId))
      throw new ProviderError(
        "bad-body",
        "TikTok has not shown this post publicly (private, a draft, or still processing): no figures to read",
      );
    const data = await callBiz(
      this,
      "GET",
      "/business/video/list/",
      {
        business_id: channel.internalId,
        fields: ["item_id", "video_views", "likes", "comments", "shares", "reach"],
        filters: { video_ids: [platformPostId] },
      },
      { action: "read the TikTok video's metrics", token: channel.accessToken, ctx },
    );
    const v = (Array.isArray(data.videos) ? (data.videos as Record<string, unknown>[]) : []).find(
      (x) => String(x.item_id) === platformPostId,
    );
    if (!v) throw new ProviderError("bad-body", `TikTok no longer shows video ${platformPostId}`);
    const out: Record<string, number> = {};
    const map: Record<string, string> = { video_views: "views", likes: "likes", comments: "comments", shares: "shares", reach: "reach" };
    for (const [k, name] of Object.entries(map)) if (typeof v[k] === "number") out[name] = v[k] as number;
    out.engagements = engagementsOf(out, ["likes", "comments", "shares"]);
    return out;
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyTiktokBusinessError(body, status);
  }
}
