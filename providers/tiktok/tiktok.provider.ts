import type { HandledError } from "../core/errors";
import { ProviderError } from "../core/errors";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import type {
  AccountMetrics,
  AuthenticateParams,
  AuthResult,
  AuthUrlContext,
  ChannelAccess,
  OAuthStart,
  PostItem,
  PublishContext,
  PublishedItem,
  SettingsChoice,
  SocialProvider,
  TokenSet,
} from "../social.integrations.interface";
import { apiUrl, authUrl } from "./tiktok.api";
import { tiktokAccountAnalytics, tiktokVideoAnalytics } from "./tiktok.analytics";
import { tiktokAuthorizeUrl, tiktokProfile, tiktokRefresh, tiktokTokenRequest } from "./tiktok.auth";
import { classifyTiktokError } from "./tiktok.errors";
import { tiktokManifest } from "./tiktok.manifest";
import { awaitPublish, creatorInfo, initVideo, uploadChunks, videoUrl, type CreatorInfo } from "./tiktok.publish";
import { PRIVACY_LABELS, type TiktokSettings } from "./tiktok.settings";
import { initPhotos, photoUrls } from "./tiktok.photos";
import { openVideo, videoDurationSeconds } from "./tiktok.source";

// TikTok through Login Kit and the Content Posting API (../shared/platforms/tiktok.md). A post is
// one video: creator_info is read first and the post checked against it (the privacy level must
// be one it offers, toggles it has off stay off, the video no longer than it allows, branded
// content not private), then the video is initialised as a direct post or an inbox draft, sent in
// chunks read from storage, and the publish status polled until TikTok is done.

const pollSeconds = () => {
  const n = Number(process.env.TIKTOK_STATUS_POLL_SECONDS ?? "5");
  return Number.isFinite(n) && n > 0 ? n : 5;
};
/** How long one publish waits for TikTok's processing before handing back what it knows. */
const POLL_TIMEOUT_MS = 10 * 60_000;

export class TiktokProvider extends OAuth2Provider<TiktokSettings> implements SocialProvider<TiktokSettings> {
  readonly manifest = tiktokManifest;

  // Kept for the base class's shape; TikTok's dialect (client_key, comma scopes, no PKCE for web
  // apps) is written out in tiktok.auth.ts, which generateAuthUrl/authenticate/refreshToken use.
  protected oauth: OAuth2Config = {
    authorizeUrl: () => authUrl("/v2/auth/authorize/"),
    tokenUrl: () => apiUrl("/v2/oauth/token/"),
    credentialsPrefix: "tiktok",
    pkce: false,
    clientAuth: "body",
    scopeSeparator: ",",
  };

  async generateAuthUrl(ctx: AuthUrlContext): Promise<OAuthStart> {
    return tiktokAuthorizeUrl(ctx, this.scopes);
  }

  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    const token = await tiktokTokenRequest(this, { code: params.code, grant_type: "authorization_code", redirect_uri: params.redirectUri });
    const scopes = token.scope?.split(/[\s,]+/).filter(Boolean);
    if (scopes) this.checkScopes(this.scopes, scopes);
    const profile = await this.profile(token.access_token);
    return { ...profile, accessToken: token.access_token, refreshToken: token.refresh_token, expiresIn: token.expires_in, scopes };
  }

  async refreshToken(refreshToken: string): Promise<TokenSet> {
    return tiktokRefresh(this, refreshToken);
  }

  protected async profile(accessToken: string, _token?: TokenResponse): Promise<Omit<AuthResult, "accessToken">> {
    return tiktokProfile(this, accessToken);
  }

  /** The privacy levels creator_info offers this account, and nothing else (no default: the user picks). */
  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "privacy_level") return [];
    const info = await creatorInfo(this, { token: channel.accessToken, ctx });
    return info.privacy_level_options.map((value) => ({ value, label: PRIVACY_LABELS[value] ?? value }));
  }

  async post(channel: ChannelAccess, item: PostItem, settings: TiktokSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const media = item.media ?? [];
    const photos = media.length > 0 && media.every((m) => m.mimeType.startsWith("image/"));
    if (photos) return this.postPhotos(channel, item, settings, ctx);
    const video = media[0];
    if (media.length !== 1 || !video?.mimeType.startsWith("video/"))
      throw new ProviderError("bad-body", "A TikTok post is one video, or 1 to 35 photos, not both");
    const title = item.text.trim();
    // §3: 2,200 UTF-16 code units (String.length counts them).
    if (title.length > 2200)
      throw new ProviderError("bad-body", `A TikTok caption is at most 2,200 UTF-16 characters; this one has ${title.length}`);
    const call = { token: channel.accessToken, ctx };
    const info = await creatorInfo(this, call);
    const warnings: string[] = [];
    const postInfo = this.postInfo(title, settings, info, warnings);

    const source = await openVideo(video);
    try {
      const seconds = await videoDurationSeconds(source).catch(() => undefined);
      const max = info.max_video_post_duration_sec;
      if (seconds !== undefined && max && seconds > max)
        throw new ProviderError(
          "bad-body",
          `This TikTok account may post videos up to ${max} seconds; this one is ${Math.ceil(seconds)} seconds`,
        );
      if (seconds !== undefined && seconds < 3) throw new ProviderError("bad-body", "A TikTok video is at least 3 seconds long");
      const inbox = settings.post_mode === "inbox";
      if (inbox && title) warnings.push("A video sent to the TikTok inbox takes no caption: add it in the TikTok app when you post it.");
      const { publishId, uploadUrl } = await initVideo(this, { inbox, postInfo, video: source }, call);
      // From here TikTok has a publish: a failure must not make the engine start another one.
      // "Uploading N%" on the target while the chunks go (a status line only: its failure never fails the publish).
      const progress = (text: string | null) => ctx?.upload?.progress(text).catch(() => undefined);
      const upload = async () => {
        await uploadChunks(this, uploadUrl, source, call, (sent) => progress(`Uploading ${Math.floor((sent * 100) / source.size)}%`));
        await progress(null);
      };
      return await this.afterInit(publishId, channel, info, warnings, call, upload);
    } finally {
      await source.close();
    }
  }

  /** 1 to 35 photos by PULL_FROM_URL from the verified address (tiktok.photos.ts). */
  private async postPhotos(channel: ChannelAccess, item: PostItem, s: TiktokSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const description = item.text.trim();
    // photo-post reference: description at most 4,000 UTF-16 runes, title at most 90; the smaller
    // caption limit of the manifest (2,200) already applies.
    if (description.length > 4000)
      throw new ProviderError(
        "bad-body",
        `A TikTok photo post description is at most 4,000 characters; this one has ${description.length}`,
      );
    const urls = await photoUrls(item, ctx);
    const call = { token: channel.accessToken, ctx };
    const info = await creatorInfo(this, call);
    const warnings: string[] = [];
    const inbox = s.post_mode === "inbox";
    const full = this.postInfo(description, s, info, warnings);
    const postInfo = inbox
      ? { ...(s.photo_title ? { title: s.photo_title } : {}), description }
      : {
          ...(s.photo_title ? { title: s.photo_title } : {}),
          description,
          privacy_level: full.privacy_level,
          disable_comment: full.disable_comment,
          brand_organic_toggle: full.brand_organic_toggle,
          brand_content_toggle: full.brand_content_toggle,
        };
    const publishId = await initPhotos(this, { inbox, urls, postInfo }, call);
    return this.afterInit(
      publishId,
      channel,
      info,
      warnings.filter((w) => !/Duet|Stitch/.test(w)),
      call,
    );
  }

  /** After init: any upload, then the status polled; nothing here may start another publish. */
  private async afterInit(
    publishId: string,
    channel: ChannelAccess,
    info: CreatorInfo,
    warnings: string[],
    call: { token: string; ctx?: PublishContext },
    upload?: () => Promise<void>,
  ): Promise<PublishedItem> {
    try {
      await upload?.();
      const first = Math.min(1000, pollSeconds() * 1000);
      const status = await awaitPublish(this, publishId, call, {
        firstDelayMs: first,
        maxDelayMs: pollSeconds() * 1000,
        timeoutMs: POLL_TIMEOUT_MS,
        sleep: (ms) => this.sleep(ms),
      });
      const videoId = status.publicaly_available_post_id?.[0];
      if (status.status === "SEND_TO_USER_INBOX")
        warnings.push("Sent to the creator's TikTok inbox: open the notification in the TikTok app to finish and post it within 24 hours.");
      else if (status.status !== "PUBLISH_COMPLETE")
        warnings.push("TikTok was still processing the post when this server stopped waiting: check the profile.");
      else if (!videoId)
        warnings.push(
          "TikTok published the post but shows its link only after moderation (or never, for a private post): the link opens the profile.",
        );
      return { id: videoId ?? publishId, url: videoUrl(channel, info.creator_username, videoId), ref: { publishId }, warnings };
    } catch (e) {
      if (e instanceof ProviderError && e.kind !== "bad-body" && !e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: true });
      throw e;
    }
  }

  /** post_info for a direct post, checked against creator_info as TikTok's UX guidelines require. */
  private postInfo(title: string, s: TiktokSettings, info: CreatorInfo, warnings: string[]): Record<string, unknown> {
    const offered = info.privacy_level_options;
    if (!offered.includes(s.privacy_level))
      throw new ProviderError(
        "bad-body",
        `TikTok offers this account the privacy levels ${offered.map((o) => PRIVACY_LABELS[o] ?? o).join(", ") || "(none)"}; "${PRIVACY_LABELS[s.privacy_level] ?? s.privacy_level}" is not one of them`,
      );
    // content-sharing-guidelines: branded content (paid partnership) cannot be private.
    if (s.branded_content && s.privacy_level === "SELF_ONLY")
      throw new ProviderError("bad-body", "Branded content cannot be private on TikTok: choose who can view it other than Only me");
    const off = (wanted: boolean, disabled: boolean, what: string) => {
      if (wanted && disabled) warnings.push(`This TikTok account has ${what} turned off in its settings, so they stay off.`);
      return !wanted || disabled;
    };
    return {
      title,
      privacy_level: s.privacy_level,
      disable_comment: off(s.allow_comment, info.comment_disabled, "comments"),
      disable_duet: off(s.allow_duet, info.duet_disabled, "Duet"),
      disable_stitch: off(s.allow_stitch, info.stitch_disabled, "Stitch"),
      brand_organic_toggle: s.brand_organic,
      brand_content_toggle: s.branded_content,
      is_aigc: s.is_aigc,
    };
  }

  async analytics(channel: ChannelAccess, _range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return tiktokAccountAnalytics(this, channel.accessToken, ctx);
  }

  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return tiktokVideoAnalytics(this, channel.accessToken, platformPostId, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyTiktokError(body, status);
  }
}
