import type { HandledError } from "../core/errors";
import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import type {
  AuthResult,
  ChannelAccess,
  Page,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
} from "../social.integrations.interface";
import { whopSession } from "./whop.api";
import { classifyWhopError } from "./whop.errors";
import { realSleep, uploadAttachment, type Sleep } from "./whop.files";
import { forumPage, forumPages } from "./whop.forums";
import { whopManifest } from "./whop.manifest";
import { whopTokenRequest } from "./whop.oauth";
import { findWhopPost, rootOf } from "./whop.reconcile";
import type { WhopSettings } from "./whop.settings";

// Whop (../shared/platforms/whop.md): OAuth 2.1 with PKCE, then the user picks one forum
// (an experience, exp_…) as the channel; posts and comments are POST /forum_posts, comments with
// parent_id; attachments go through the files flow first (whop.files.ts).

type UserInfo = { sub?: string; name?: string | null; preferred_username?: string | null; picture?: string | null };
type ForumPost = { id?: string; view_count?: number | null; like_count?: number | null; comment_count?: number | null };

/** Whop's web address of a post (the app's experience view; the exact form is not documented). */
const postUrl = (experienceId: string, postId: string) => `https://whop.com/experiences/${experienceId}/${postId}`;

export class WhopProvider extends OAuth2Provider<WhopSettings> implements SocialProvider<WhopSettings> {
  readonly manifest = whopManifest;

  /** Waits between checks of an uploading file; tests make it instant. */
  sleep: Sleep = realSleep;

  protected oauth: OAuth2Config = {
    authorizeUrl: () => `${hostOf(whopManifest, "auth")}/oauth/authorize`,
    tokenUrl: () => `${hostOf(whopManifest, "auth")}/oauth/token`,
    credentialsPrefix: "whop",
    pkce: true,
    clientAuth: "body",
    scopeSeparator: " ",
  };

  /** Whop's token endpoint takes JSON (docs.whop.com OAuth guide), not a form. */
  protected tokenRequest(form: Record<string, string>): Promise<TokenResponse> {
    return whopTokenRequest(this, this.oauth.tokenUrl(), form);
  }

  protected async profile(accessToken: string): Promise<Omit<AuthResult, "accessToken">> {
    const res = await this.fetch(
      `${hostOf(whopManifest, "auth")}/oauth/userinfo`,
      { headers: { accept: "application/json" } },
      {
        token: accessToken,
        action: "read your Whop account",
      },
    );
    const me = await this.readJson<UserInfo>(res, "read your Whop account");
    if (!me.sub) throw new ProviderError("retry", "Whop's userinfo answer had no account id (sub)");
    return {
      id: me.sub,
      name: me.name || me.preferred_username || me.sub,
      username: me.preferred_username ?? undefined,
      picture: me.picture ?? undefined,
      needsPagePick: true,
    };
  }

  async pages(channel: ChannelAccess): Promise<Page[]> {
    return forumPages(whopSession(this, channel.accessToken));
  }

  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    return forumPage(whopSession(this, channel.accessToken), pageId);
  }

  async post(channel: ChannelAccess, item: PostItem, settings: WhopSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return this.create(channel, item, ctx, {
      ...(settings.title ? { title: settings.title } : {}),
      ...(settings.pinned ? { pinned: true } : {}),
      ...(settings.visibility ? { visibility: settings.visibility } : {}),
    });
  }

  /**
   * A comment is a forum post with parent_id. Every follow-up is a comment on the post itself
   * (threads kind "comments"), as members comment under a forum post.
   */
  async comment(
    channel: ChannelAccess,
    item: PostItem,
    _parent: PublishedItem,
    root: PublishedItem,
    _settings: WhopSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    return this.create(channel, item, ctx, { parent_id: root.id });
  }

  /** A post or comment this publish made before its answer was lost, read back from the forum (whop.reconcile.ts). */
  async findPublished(
    channel: ChannelAccess,
    item: PostItem,
    opts: { since: Date; parent?: PublishedItem },
    ctx?: PublishContext,
  ): Promise<PublishedItem | null> {
    const parentId = rootOf(opts.parent);
    const id = await findWhopPost(whopSession(this, channel.accessToken, ctx), channel.internalId, item, opts.since, parentId);
    return id ? this.published(channel.internalId, id, parentId, item) : null;
  }

  private async create(channel: ChannelAccess, item: PostItem, ctx: PublishContext | undefined, extra: Record<string, unknown>) {
    const api = whopSession(this, channel.accessToken, ctx);
    const attachments: { id: string }[] = [];
    for (const [i, m] of (item.media ?? []).entries()) attachments.push({ id: await uploadAttachment(this, api, m, i, this.sleep) });
    const experienceId = channel.internalId;
    const created = await api.post<ForumPost>(
      "/forum_posts",
      {
        experience_id: experienceId,
        content: item.text,
        ...(attachments.length ? { attachments } : {}),
        // Notifying every member cannot be undone; a scheduler never does it.
        is_mention: false,
        ...extra,
      },
      extra.parent_id ? "post the Whop comment" : "publish the Whop post",
      { idempotent: false },
    );
    if (!created.id) throw new ProviderError("retry", "Whop answered the post without its id", { mayHavePublished: true });
    return this.published(experienceId, created.id, extra.parent_id as string | undefined, item);
  }

  private published(experienceId: string, id: string, parentId: string | undefined, item: PostItem): PublishedItem {
    const hasAlt = (item.media ?? []).some((m) => m.alt);
    return {
      id,
      url: postUrl(experienceId, id),
      // Follow-ups all comment on the post, so each item remembers it.
      ref: { root: parentId ?? id },
      // Whop's file and post APIs have no alt-text field.
      ...(hasAlt ? { warnings: ["Whop has no alt text for attachments; it was not sent"] } : {}),
    };
  }

  /** Current totals of one post (GET /forum_posts/{id}); a figure Whop leaves out is left out. */
  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    const post = await whopSession(this, channel.accessToken, ctx).get<ForumPost>(
      `/forum_posts/${encodeURIComponent(platformPostId)}`,
      "read the Whop post's figures",
    );
    const figures: Record<string, number> = {};
    if (typeof post.view_count === "number") figures.views = post.view_count;
    if (typeof post.like_count === "number") figures.likes = post.like_count;
    if (typeof post.comment_count === "number") figures.comments = post.comment_count;
    return figures;
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyWhopError(body, status);
  }
}
