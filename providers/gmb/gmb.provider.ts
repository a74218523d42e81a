import { z } from "zod";
import { ProviderError, type HandledError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import { withPublicMedia } from "../core/public-media";
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
import { gmbAnalytics } from "./gmb.analytics";
import { channelParts, gmbAccounts, gmbLocations, gmbUrl } from "./gmb.api";
import { classifyGmbError } from "./gmb.errors";
import { gmbManifest } from "./gmb.manifest";
import { localPostBody } from "./gmb.post-body";
import { findLocalPost } from "./gmb.reconcile";
import type { GmbSettings } from "./gmb.settings";

// Google Business Profile (../shared/platforms/gmb.md): Google OAuth 2.0 with offline access (a
// refresh token; prompt=consent so Google sends one on every connect), then the user picks one
// location as the channel (one per connect: connecting again picks another). A post is a v4 local
// post (gmb.post-body.ts) whose photo Google downloads from its public URL; its link is the
// answer's searchUrl. Location figures come from the Performance API (gmb.analytics.ts).

const created = z.object({
  name: z.string().regex(/\/localPosts\/[^/]+$/),
  searchUrl: z.string().optional(),
  state: z.string().optional(),
});

/** A post without searchUrl (still PROCESSING) links to the location on Google Maps' business view. */
const fallbackUrl = (location: string) =>
  `https://business.google.com/locations/${encodeURIComponent(location.replace(/^locations\//, ""))}`;

export class GmbProvider extends OAuth2Provider<GmbSettings> implements SocialProvider<GmbSettings> {
  readonly manifest = gmbManifest;

  protected oauth: OAuth2Config = {
    authorizeUrl: () => `${hostOf(gmbManifest, "auth")}/o/oauth2/v2/auth`,
    tokenUrl: () => `${hostOf(gmbManifest, "token")}/token`,
    credentialsPrefix: "gmb",
    pkce: true,
    clientAuth: "body",
    scopeSeparator: " ",
    // A refresh token (offline), and the consent screen every time, since Google only sends a
    // refresh token on the first consent otherwise.
    extraAuthorizeParams: { access_type: "offline", prompt: "consent" },
  };

  /** The Google account, named by its first Business Profile account (no userinfo scope is asked for). */
  protected async profile(accessToken: string, _token: TokenResponse): Promise<Omit<AuthResult, "accessToken">> {
    const accounts = await gmbAccounts(this, accessToken);
    const first = accounts.find((a) => a.type === "PERSONAL") ?? accounts[0];
    if (!first) throw new ProviderError("bad-body", "This Google account manages no Business Profile: there is no location to post to");
    return { id: first.name, name: first.accountName || first.name, needsPagePick: true };
  }

  async pages(channel: ChannelAccess): Promise<Page[]> {
    return gmbLocations(this, channel.accessToken);
  }

  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    channelParts(pageId);
    const page = (await gmbLocations(this, channel.accessToken)).find((p) => p.id === pageId);
    if (!page) throw new ProviderError("bad-body", `Location ${pageId} is not among the locations this Google account manages`);
    return page;
  }

  async post(channel: ChannelAccess, item: PostItem, settings: GmbSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const { postsParent, location } = channelParts(channel.internalId);
    const withUrls = await withPublicMedia(
      item,
      ctx,
      "Google downloads the photo from a public address, and this server has none for uploads",
    );
    const body = localPostBody(withUrls, settings ?? { postType: "STANDARD" });
    const answer = created.safeParse(
      await this.fetchJson(
        gmbUrl("posts", `/v4/${postsParent}/localPosts`),
        { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) },
        // No request id on localPosts.create: one attempt; a lost answer is reconciled (findPublished).
        { action: "create the local post", token: channel.accessToken, ctx, idempotent: false },
      ),
    );
    if (!answer.success) throw new ProviderError("retry", "Google answered the post without its name", { mayHavePublished: true });
    if (answer.data.state === "REJECTED") throw new ProviderError("bad-body", "Google rejected the post under its content policies");
    const warnings = (item.media ?? []).some((m) => m.alt) ? ["Local posts take no alt text for photos; it was not sent"] : [];
    if (!answer.data.searchUrl) warnings.push("Google is still processing the post: the link opens the business profile");
    return { id: answer.data.name, url: answer.data.searchUrl ?? fallbackUrl(location), ...(warnings.length ? { warnings } : {}) };
  }

  /** The post this publish made before its answer was lost, read back from the location's local posts. */
  async findPublished(channel: ChannelAccess, item: PostItem, opts: { since: Date }, ctx?: PublishContext): Promise<PublishedItem | null> {
    const { postsParent, location } = channelParts(channel.internalId);
    const found = await findLocalPost(this, channel.accessToken, postsParent, { summary: item.text.trim(), since: opts.since }, ctx);
    return found ? { id: found.name, url: found.searchUrl ?? fallbackUrl(location) } : null;
  }

  async analytics(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return gmbAnalytics(this, channel.accessToken, channelParts(channel.internalId).location, range, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyGmbError(body, status);
  }
}
