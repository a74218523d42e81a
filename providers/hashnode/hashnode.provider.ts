import { ValidationError } from "@/lib/errors";
import { engagementsOf } from "../core/analytics";
import { ProviderError, type HandledError } from "../core/errors";
import { ManifestProvider } from "../core/manifest-provider";
import type {
  AuthResult,
  ChannelAccess,
  Page,
  PostItem,
  PublishContext,
  PublishedItem,
  SettingsChoice,
  SocialProvider,
} from "../social.integrations.interface";
import { uploadCover } from "./hashnode.cover";
import { classifyHashnodeError } from "./hashnode.errors";
import { gql } from "./hashnode.gql";
import { hashnodeManifest } from "./hashnode.manifest";
import {
  ME,
  meData,
  POST_STATS,
  postStatsData,
  PUBLICATION_SERIES,
  PUBLISH_POST,
  publishData,
  seriesData,
  type HashnodePublication,
} from "./hashnode.operations";
import { HASHNODE_TITLE_MIN, type HashnodeSettings } from "./hashnode.settings";
import { hashnodeTags } from "./hashnode.tags";

// Hashnode (../shared/platforms/hashnode.md). A user connects with a personal access token, then
// picks one of their blogs (publications): the channel is the blog, its internal id the
// publication id publishPost needs, its token the user's. Articles are markdown, published with
// the GraphQL publishPost mutation; the cover image is uploaded to Hashnode's CDN first.

/** What a user may paste: the token alone, or with the optional "Bearer " prefix. */
const tokenOf = (raw: string | undefined) => (raw ?? "").trim().replace(/^bearer\s+/i, "");

const pageOf = (p: HashnodePublication): Page => ({
  id: p.id,
  name: p.displayTitle || p.title,
  username: p.url ? p.url.replace(/^https?:\/\//, "").replace(/\/+$/, "") : undefined,
  picture: p.favicon ?? undefined,
});

export class HashnodeProvider extends ManifestProvider<HashnodeSettings> implements SocialProvider<HashnodeSettings> {
  readonly manifest = hashnodeManifest;

  /** Checks the token with the `me` query; the channel stays pending until a blog is picked. */
  async connectWithFields(values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }> {
    const token = tokenOf(values.token);
    if (!token) throw new ValidationError({ token: "Enter a personal access token (Hashnode: Account Settings → Developer)" });
    const me = await this.me(token).catch((e: unknown) => {
      // A refused token belongs to the field the user typed it in, in Hashnode's words.
      if (e instanceof ProviderError && e.kind === "disconnect") throw new ValidationError({ token: e.message });
      throw e;
    });
    if (!me.publications.edges.length)
      throw new ValidationError({
        token: `The Hashnode account ${me.username} has no blog yet: create one on Hashnode, then connect again`,
      });
    return {
      id: me.id,
      name: me.name || me.username,
      username: me.username,
      picture: me.profilePicture ?? undefined,
      accessToken: token,
      needsPagePick: true,
    };
  }

  async pages(channel: ChannelAccess): Promise<Page[]> {
    return (await this.me(channel.accessToken)).publications.edges.map((e) => pageOf(e.node));
  }

  /** The picked blog, read from the user's own list (the `publication` query is Pro-gated). */
  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    const found = (await this.me(channel.accessToken)).publications.edges.find((e) => e.node.id === pageId);
    if (!found) throw new ProviderError("bad-body", `The blog ${pageId} is not one of this Hashnode account's blogs`);
    return pageOf(found.node);
  }

  async post(channel: ChannelAccess, item: PostItem, settings: HashnodeSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const title = settings.title?.trim() ?? "";
    if (title.length < HASHNODE_TITLE_MIN)
      throw new ProviderError("bad-body", `Hashnode needs a title of at least ${HASHNODE_TITLE_MIN} characters`);
    const warnings: string[] = [];
    const [cover] = item.media ?? [];
    const coverImage = cover ? await uploadCover(this, channel.accessToken, cover, ctx) : undefined;
    if (cover?.alt) warnings.push("Hashnode cover images have no alt text; the image's description was not sent");

    const input = {
      publicationId: channel.internalId,
      title,
      contentMarkdown: item.text,
      subtitle: settings.subtitle?.trim() || undefined,
      coverImage,
      slug: settings.slug || undefined,
      tags: hashnodeTags(settings.tags),
      originalArticleURL: settings.canonicalUrl || undefined,
      seriesId: settings.seriesId || undefined,
      disableComments: settings.disableComments || undefined,
      isDelisted: settings.delisted || undefined,
      enableToc: settings.tableOfContents || undefined,
    };
    const { post } = (
      await gql(this, { token: channel.accessToken, ctx, action: "publish the post", creates: true }, PUBLISH_POST, { input }, publishData)
    ).publishPost;
    return { id: post.id, url: post.url, ref: { slug: post.slug }, ...(warnings.length ? { warnings } : {}) };
  }

  /** A post's views, reactions, responses and replies; a figure Hashnode leaves out (a hidden view count) is left out. */
  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    const { post } = await gql(
      this,
      { token: channel.accessToken, ctx, action: "read the post's counts" },
      POST_STATS,
      { id: platformPostId },
      postStatsData,
    );
    if (!post) throw new ProviderError("bad-body", `Hashnode no longer shows the post ${platformPostId}`);
    const counted = Object.entries({ likes: post.reactionCount, comments: post.responseCount, replies: post.replyCount }).filter(
      (e): e is [string, number] => typeof e[1] === "number",
    );
    const f = Object.fromEntries(counted);
    return {
      ...f,
      ...(typeof post.views === "number" ? { views: post.views } : {}),
      engagements: engagementsOf(f, Object.keys(f)),
    };
  }

  /** The blog's series, for the Series setting; no other field has choices read from Hashnode. */
  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "seriesId") return [];
    const { publication } = await gql(
      this,
      { token: channel.accessToken, ctx, action: "read the blog's series" },
      PUBLICATION_SERIES,
      { id: channel.internalId },
      seriesData,
    );
    if (!publication) throw new ProviderError("bad-body", "Hashnode no longer shows this blog; reconnect and pick it again");
    return publication.seriesList.edges.map((e) => ({ value: e.node.id, label: e.node.name }));
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyHashnodeError(body, status);
  }

  private async me(token: string) {
    return (await gql(this, { token, action: "read the account" }, ME, {}, meData)).me;
  }
}
