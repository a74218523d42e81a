import { ProviderError, type HandledError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import type {
  AccountMetrics,
  AuthResult,
  ChannelAccess,
  Page,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
} from "../social.integrations.interface";
import { blogUrl, TUMBLR_HEADERS, tumblrUrl } from "./tumblr.api";
import { avatarOf, blogPage, blogPages, readUser } from "./tumblr.blogs";
import { classifyTumblrError } from "./tumblr.errors";
import { tumblrManifest } from "./tumblr.manifest";
import { markdownToNpf } from "./tumblr.npf";
import { buildPost, contentText, requestBody } from "./tumblr.post";
import { blogFollowers, findPost, postNotes, publishedItem } from "./tumblr.read";
import type { TumblrSettings } from "./tumblr.settings";

// Tumblr API v2 (../shared/platforms/tumblr.md; tumblr/docs api.md and npf-spec.md). Sign-in:
// www.tumblr.com/oauth2/authorize (space-separated scopes, no PKCE), the code swapped at
// api.tumblr.com/v2/oauth2/token with the client id and secret in the form. With offline_access
// every token answer carries a refresh token, and a refresh answers a new one (the engine stores
// it; the old one is spent). Then the user picks one of their blogs (GET /v2/user/info); the
// channel is that blog, by its uuid. A post is NPF content created with POST
// /v2/blog/{uuid}/posts, files in the same multipart request (tumblr.post.ts). A post is one item:
// Tumblr has no API for replies under one's own post, and a reblog chain of one's own posts is not
// a thread, so the manifest declares no follow-ups.

type Created = { response?: { id?: unknown; id_string?: unknown } };

export class TumblrProvider extends OAuth2Provider<TumblrSettings> implements SocialProvider<TumblrSettings> {
  readonly manifest = tumblrManifest;

  protected oauth: OAuth2Config = {
    authorizeUrl: () => `${hostOf(tumblrManifest, "auth")}/oauth2/authorize`,
    tokenUrl: () => tumblrUrl("/oauth2/token"),
    credentialsPrefix: "tumblr",
    pkce: false,
    clientAuth: "body",
    scopeSeparator: " ",
  };

  /** The Tumblr user; the channel stays pending until one of their blogs is picked. */
  protected async profile(accessToken: string, _token: TokenResponse): Promise<Omit<AuthResult, "accessToken">> {
    const user = await readUser(this, accessToken);
    const primary = user.blogs.find((b) => b.primary) ?? user.blogs[0];
    return {
      id: user.name,
      name: primary?.title?.trim() || user.name,
      username: user.name,
      ...(primary ? { picture: avatarOf(primary.name) } : {}),
      needsPagePick: true,
    };
  }

  async pages(channel: ChannelAccess): Promise<Page[]> {
    return blogPages(this, channel.accessToken);
  }

  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    return blogPage(this, channel.accessToken, pageId);
  }

  async post(channel: ChannelAccess, item: PostItem, settings: TumblrSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const { body, files } = buildPost(item.text, item.media ?? [], settings ?? {});
    const request = requestBody(body, files);
    const answer = await this.fetchJson<Created>(
      blogUrl(channel.internalId, "/posts"),
      { method: "POST", headers: { ...TUMBLR_HEADERS, ...request.headers }, body: request.body },
      // No idempotency key (§6): one attempt; a lost answer is settled by findPublished.
      { action: "create the post", token: channel.accessToken, ctx, idempotent: false, timeoutMs: files.size ? 300_000 : undefined },
    );
    const raw = answer?.response?.id_string ?? answer?.response?.id;
    const id = typeof raw === "string" || typeof raw === "number" ? String(raw) : "";
    if (!/^\d+$/.test(id))
      throw new ProviderError("bad-body", "Tumblr created the post but did not return its id", { mayHavePublished: true });
    return publishedItem(this, channel, id, ctx);
  }

  /** After a lost create answer: a post of this blog made since the attempt began, with the same text. */
  async findPublished(channel: ChannelAccess, item: PostItem, opts: { since: Date }, ctx?: PublishContext): Promise<PublishedItem | null> {
    // The settings (a title's heading block) are not known here: findPost also accepts the post
    // whose text blocks after a leading heading1 are the text's; the attachments are counted too.
    const media = item.media ?? [];
    return findPost(
      this,
      channel,
      {
        text: contentText(markdownToNpf(item.text)),
        images: media.filter((m) => !m.mimeType.startsWith("video/")).length,
        videos: media.filter((m) => m.mimeType.startsWith("video/")).length,
      },
      opts.since,
      ctx,
    );
  }

  async analytics(channel: ChannelAccess, _range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return blogFollowers(this, channel, ctx);
  }

  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return postNotes(this, channel, platformPostId, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyTumblrError(body, status);
  }
}
