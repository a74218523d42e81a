import { ProviderError, type HandledError } from "../core/errors";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import type {
  AccountMetrics,
  AuthResult,
  ChannelAccess,
  Page,
  PostItem,
  PublishContext,
  PublishedItem,
  SettingsChoice,
  SocialProvider,
} from "../social.integrations.interface";
import { channelAnalytics, videoCounters } from "./youtube.analytics";
import { authUrl, tokenUrl, watchUrl } from "./youtube.api";
import { asPage, myChannels, videoCategories } from "./youtube.channels";
import { classifyYoutubeError } from "./youtube.errors";
import { youtubeManifest } from "./youtube.manifest";
import type { YoutubeSettings } from "./youtube.settings";
import { setThumbnail } from "./youtube.thumbnail";
import { DEFAULT_CHUNK, sessionStatus, uploadState, uploadVideo, videoSource } from "./youtube.upload";

// YouTube (../shared/platforms/youtube.md). Google OAuth with offline access (a refresh token,
// asked for with access_type=offline and prompt=consent so that re-consent returns one too), then
// the channel is picked from channels.list?mine=true. A post is one video: its text is the
// description, its settings the title, visibility, schedule, category, tags, the made-for-kids
// answer and the subscriber notification; it goes up through the resumable protocol
// (youtube.upload.ts), read from storage in chunks and resumable across worker restarts. Shorts
// need nothing here: YouTube itself files a square or vertical video of up to three minutes as one.

const ANGLE = /[<>]/;

export class YoutubeProvider extends OAuth2Provider<YoutubeSettings> implements SocialProvider<YoutubeSettings> {
  readonly manifest = youtubeManifest;
  /** Bytes per PUT (a multiple of 256 KiB); tests and the benchmark change it. */
  uploadChunkBytes = DEFAULT_CHUNK;

  // Google's web-server flow: PKCE (S256) is supported and used; the client secret goes in the
  // body; scopes are space-separated. Google does not rotate refresh tokens: a refresh answer
  // without one keeps the stored one (OAuth2Provider.refreshToken returns it undefined).
  protected oauth: OAuth2Config = {
    authorizeUrl: () => authUrl("/o/oauth2/v2/auth"),
    tokenUrl: () => tokenUrl("/token"),
    credentialsPrefix: "youtube",
    pkce: true,
    clientAuth: "body",
    scopeSeparator: " ",
    extraAuthorizeParams: { access_type: "offline", prompt: "consent", include_granted_scopes: "true" },
  };

  /** The sign-in's first channel names the connection until one is picked; none means no channel at all. */
  protected async profile(accessToken: string, _token: TokenResponse): Promise<Omit<AuthResult, "accessToken">> {
    const channels = await myChannels(this, accessToken);
    const first = channels[0];
    if (!first)
      throw new ProviderError("bad-body", "This Google account has no YouTube channel: create one on YouTube, then connect again");
    return { ...asPage(first), needsPagePick: true };
  }

  async pages(channel: ChannelAccess): Promise<Page[]> {
    return (await myChannels(this, channel.accessToken)).map(asPage);
  }

  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    const found = (await myChannels(this, channel.accessToken)).find((c) => c.id === pageId);
    if (!found) throw new ProviderError("bad-body", `This Google sign-in cannot post to the YouTube channel ${pageId}`);
    return asPage(found);
  }

  /** The category choices for the channel's region (its country, else the US list). */
  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "categoryId") return [];
    const mine = (await myChannels(this, channel.accessToken, ctx)).find((c) => c.id === channel.internalId);
    return videoCategories(this, channel.accessToken, mine?.snippet?.country || "US", ctx);
  }

  async post(channel: ChannelAccess, item: PostItem, settings: YoutubeSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const media = item.media ?? [];
    if (media.length !== 1 || !media[0]!.mimeType.startsWith("video/"))
      throw new ProviderError("bad-body", "A YouTube post is exactly one video");
    const description = item.text;
    if (ANGLE.test(description)) throw new ProviderError("bad-body", "A YouTube description cannot contain < or >");
    if (Buffer.byteLength(description, "utf8") > 5000) throw new ProviderError("bad-body", "A YouTube description is at most 5,000 bytes");
    if (!settings.title?.trim()) throw new ProviderError("bad-body", "A YouTube video needs a title");
    if (settings.madeForKids !== "yes" && settings.madeForKids !== "no")
      throw new ProviderError("bad-body", "Say whether the video is made for kids (YouTube requires the answer)");

    const metadata = {
      snippet: {
        title: settings.title.trim(),
        description,
        ...(settings.tags?.length ? { tags: settings.tags } : {}),
        ...(settings.categoryId ? { categoryId: settings.categoryId } : {}),
      },
      status: {
        // A scheduled video stays private until publishAt (videos resource, status.publishAt).
        privacyStatus: settings.publishAt ? "private" : (settings.privacy ?? "public"),
        ...(settings.publishAt ? { publishAt: new Date(settings.publishAt).toISOString() } : {}),
        selfDeclaredMadeForKids: settings.madeForKids === "yes",
      },
    };
    const query = { notifySubscribers: String(settings.notifySubscribers ?? true) };
    const video = await uploadVideo(this, videoSource(media[0]!), metadata, query, {
      token: channel.accessToken,
      ctx,
      chunkBytes: this.uploadChunkBytes,
    });
    const warnings: string[] = [];
    if (settings.thumbnail) {
      const w = await setThumbnail(this, channel.accessToken, video.id, settings.thumbnail, ctx);
      if (w) warnings.push(w);
    }
    if (media[0]!.alt) warnings.push("YouTube takes no alt text for a video: the description was not sent.");
    return { id: video.id, url: watchUrl(video.id), ...(warnings.length ? { warnings } : {}) };
  }

  /**
   * After a lost answer: the upload saved on the target says. A finished upload (its video id
   * saved, or the session answering complete) is adopted; an unfinished one returns null, and
   * post() continues it from YouTube's offset. No session saved means no byte was sent, so no video.
   */
  async findPublished(
    channel: ChannelAccess,
    _item: PostItem,
    _opts: { since: Date },
    ctx?: PublishContext,
  ): Promise<PublishedItem | null> {
    const saved = uploadState.safeParse((await ctx?.upload?.load()) ?? undefined);
    if (!saved.success) return null;
    if (saved.data.videoId) return { id: saved.data.videoId, url: watchUrl(saved.data.videoId) };
    const status = await sessionStatus(this, saved.data.session, saved.data.size, { token: channel.accessToken, ctx });
    if (status === "gone" || !("done" in status)) return null;
    await ctx?.upload?.save({ ...saved.data, offset: saved.data.size, videoId: status.done.id });
    await ctx?.upload?.progress(null);
    return { id: status.done.id, url: watchUrl(status.done.id) };
  }

  async analytics(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return channelAnalytics(this, channel.accessToken, range, ctx);
  }

  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    if (!/^[\w-]{1,64}$/.test(platformPostId)) throw new ProviderError("bad-body", `"${platformPostId}" is not a YouTube video id`);
    return videoCounters(this, channel.accessToken, platformPostId, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyYoutubeError(body, status);
  }
}
