import { z } from "zod";
import { ProviderError, type HandledError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import type {
  AccountMetrics,
  AuthResult,
  ChannelAccess,
  PostItem,
  PublishContext,
  PublishedItem,
  SettingsChoice,
  SocialProvider,
  TokenSet,
} from "../social.integrations.interface";
import { JSON_HEADERS, pinPage, pinterestUrl } from "./pinterest.api";
import { pinterestAccountAnalytics, pinterestPinAnalytics } from "./pinterest.analytics";
import { boardChoices, sectionChoices } from "./pinterest.boards";
import { classifyPinterestError } from "./pinterest.errors";
import { pinterestManifest } from "./pinterest.manifest";
import { mediaSource } from "./pinterest.media";
import { findPin } from "./pinterest.reconcile";
import type { PinterestSettings } from "./pinterest.settings";

// Pinterest API v5 (../shared/platforms/pinterest.md). Sign-in: www.pinterest.com/oauth/ (no
// PKCE, comma-separated scopes), the code swapped at /v5/oauth/token with HTTP Basic client
// authentication. Refresh tokens are continuous: each refresh answers a new refresh token that
// replaces the old one (stored by the engine), and older apps must ask for that with
// continuous_refresh=true. A pin goes to the board picked in the settings (optionally one of its
// sections), with the post's text as its description and the media as its media_source.

const account = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  username: z.string().min(1),
  business_name: z.string().nullish(),
  profile_image: z.string().nullish(),
  account_type: z.string().nullish(),
});
const created = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) });

export class PinterestProvider extends OAuth2Provider<PinterestSettings> implements SocialProvider<PinterestSettings> {
  readonly manifest = pinterestManifest;

  protected oauth: OAuth2Config = {
    authorizeUrl: () => `${hostOf(pinterestManifest, "auth")}/oauth/`,
    tokenUrl: () => pinterestUrl("/oauth/token"),
    credentialsPrefix: "pinterest",
    pkce: false,
    clientAuth: "basic",
    scopeSeparator: ",",
  };

  protected async profile(accessToken: string, _token: TokenResponse): Promise<Omit<AuthResult, "accessToken">> {
    const me = account.safeParse(
      await this.fetchJson(
        pinterestUrl("/user_account"),
        { headers: { accept: "application/json" } },
        { action: "read the Pinterest account", token: accessToken },
      ),
    );
    if (!me.success) throw new ProviderError("retry", "Pinterest did not say which account signed in");
    const { id, username, business_name, profile_image, account_type } = me.data;
    return {
      // Older answers carry no id; the username is unique and stable enough to key the channel then.
      id: id ?? username,
      name: business_name?.trim() || username,
      username,
      ...(profile_image ? { picture: profile_image } : {}),
      ...(account_type ? { profile: { accountType: account_type } } : {}),
    };
  }

  /** Continuous refresh (§1): ask for it explicitly (older apps) and keep the rotated refresh token. */
  async refreshToken(refreshToken: string): Promise<TokenSet> {
    const token = await this.tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken, continuous_refresh: "true" });
    return { accessToken: token.access_token, refreshToken: token.refresh_token, expiresIn: token.expires_in };
  }

  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field === "board") return boardChoices(this, channel, ctx);
    if (field === "section") return sectionChoices(this, channel, ctx);
    return [];
  }

  async post(channel: ChannelAccess, item: PostItem, settings: PinterestSettings, ctx?: PublishContext): Promise<PublishedItem> {
    if (!settings?.board) throw new ProviderError("bad-body", "Pick the board the pin is saved to");
    const media = item.media ?? [];
    const source = await mediaSource(this, channel.accessToken, media, ctx);
    const description = item.text.trim();
    const alt = media.find((m) => m.alt?.trim())?.alt?.trim();
    const body = {
      board_id: settings.board,
      ...(settings.section ? { board_section_id: settings.section } : {}),
      ...(settings.title ? { title: settings.title } : {}),
      ...(description ? { description } : {}),
      ...(settings.link ? { link: settings.link } : {}),
      ...(alt ? { alt_text: alt } : {}),
      media_source: source,
    };
    const pin = created.safeParse(
      await this.fetchJson(
        pinterestUrl("/pins"),
        { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) },
        // No idempotency key (§6): one attempt; a lost answer is settled by findPublished.
        { action: "create the pin", token: channel.accessToken, ctx, idempotent: false },
      ),
    );
    if (!pin.success)
      throw new ProviderError("bad-body", "Pinterest created the pin but did not return its id", { mayHavePublished: true });
    const warnings =
      media.length > 1 && media.filter((m) => m.alt?.trim()).length > 1
        ? ["Pinterest keeps one alt text per pin: only the first image's description was sent."]
        : undefined;
    return { id: pin.data.id, url: pinPage(pin.data.id), ...(warnings ? { warnings } : {}) };
  }

  async findPublished(channel: ChannelAccess, item: PostItem, opts: { since: Date }, ctx?: PublishContext): Promise<PublishedItem | null> {
    return findPin(this, channel, item, opts.since, ctx);
  }

  async analytics(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return pinterestAccountAnalytics(this, channel, range, ctx);
  }

  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return pinterestPinAnalytics(this, channel, platformPostId, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyPinterestError(body, status);
  }
}
