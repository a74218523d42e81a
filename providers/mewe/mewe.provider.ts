import { randomUUID } from "node:crypto";
import { ProviderError, type HandledError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { ManifestProvider } from "../core/manifest-provider";
import type {
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
} from "../social.integrations.interface";
import { meweUrl, userHeaders } from "./mewe.api";
import { meweSignIn, meweSignInLink } from "./mewe.auth";
import { classifyMeweError } from "./mewe.errors";
import { meweTargets } from "./mewe.groups";
import { meweManifest } from "./mewe.manifest";
import { uploadPhotos } from "./mewe.media";
import { TIMELINE, type MeweSettings } from "./mewe.settings";

// MeWe through its Open API (../shared/platforms/mewe.md). The sign-in is a redirect, but not
// OAuth (mewe.auth.ts), so this sits on ManifestProvider with its own sign-in link and exchange
// rather than on OAuth2Provider; apiTokens cannot be refreshed, so there is no refreshToken().
// A post goes to the user's timeline or to one of their groups (the "group" setting), photos
// uploaded first. MeWe answers a created post with 204 and no id: there is nothing to link to,
// read back or measure, which the published item's warning says.

export class MeweProvider extends ManifestProvider<MeweSettings> implements SocialProvider<MeweSettings> {
  readonly manifest = meweManifest;

  async generateAuthUrl(ctx: AuthUrlContext): Promise<OAuthStart> {
    return meweSignInLink(ctx);
  }

  /** `code` is MeWe's loginRequestToken (manifest auth.grantParam). */
  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    return meweSignIn(this, params.code);
  }

  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "group") return [];
    return meweTargets(this, channel, ctx);
  }

  async post(channel: ChannelAccess, item: PostItem, settings: MeweSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const text = item.text.trim();
    const media = item.media ?? [];
    if (!text && !media.length) throw new ProviderError("bad-body", "A MeWe post needs text or a photo");
    const group = settings?.group && settings.group !== TIMELINE ? settings.group : undefined;
    const photoIds = media.length ? await uploadPhotos(this, channel.accessToken, media, ctx) : [];
    const path = group ? `/api/dev/group/${encodeURIComponent(group)}/post` : "/api/dev/me/post";
    await this.fetch(
      meweUrl(path),
      {
        method: "POST",
        headers: { ...userHeaders(), "content-type": "application/json" },
        body: JSON.stringify({ text, ...(photoIds.length ? { uploadedPhotoIds: photoIds } : {}) }),
      },
      // No idempotency and no id to read back (§6): one attempt; a lost answer is "unconfirmed".
      { action: "create the post", token: channel.accessToken, ctx, idempotent: false },
    ).catch((e: unknown) => {
      // 420 "Enhance Your Calm" throttles the call before it does anything, as a 429 does: not a maybe-published post.
      if (e instanceof ProviderError && e.details.status === 420)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
    const warnings = ["MeWe does not return the new post's id: the link opens the " + (group ? "group" : "timeline") + ", not the post."];
    if (media.some((m) => m.alt)) warnings.push("MeWe's photo upload takes no alt text: the descriptions were not sent.");
    return { id: randomUUID(), url: this.placeUrl(channel, group), warnings };
  }

  /** The page the post appears on: the group's, or the account's profile. */
  private placeUrl(channel: ChannelAccess, group: string | undefined): string {
    const site = hostOf(meweManifest, "api");
    if (group) return `${site}/group/${encodeURIComponent(group)}`;
    return channel.username ? `${site}/i/${encodeURIComponent(channel.username)}` : `${site}/myworld`;
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyMeweError(body, status);
  }
}
