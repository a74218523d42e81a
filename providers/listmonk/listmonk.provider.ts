import type { HandledError } from "../core/errors";
import { ManifestProvider } from "../core/manifest-provider";
import type {
  AuthResult,
  ChannelAccess,
  PostItem,
  PublishContext,
  PublishedItem,
  SettingsChoice,
  SocialProvider,
} from "../social.integrations.interface";
import { connOf } from "./listmonk.api";
import { listmonkPostAnalytics } from "./listmonk.analytics";
import { findCampaign, publishCampaign } from "./listmonk.campaign";
import { listmonkChoices } from "./listmonk.choices";
import { connectListmonk } from "./listmonk.connect";
import { classifyListmonkError } from "./listmonk.errors";
import { listmonkManifest } from "./listmonk.manifest";
import type { ListmonkSettings } from "./listmonk.settings";

// Listmonk on the user's own server (../shared/platforms/listmonk.md): a post becomes an email
// campaign to the lists picked in its settings. The channel keeps the API token as its access
// token and the API user and server on its profile.

export class ListmonkProvider extends ManifestProvider<ListmonkSettings> implements SocialProvider<ListmonkSettings> {
  readonly manifest = listmonkManifest;

  connectWithFields(values: Record<string, string>): Promise<AuthResult> {
    return connectListmonk(this, values);
  }

  post(channel: ChannelAccess, item: PostItem, settings: ListmonkSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishCampaign(this, connOf(channel), item, settings, ctx);
  }

  async findPublished(
    channel: ChannelAccess,
    _item: PostItem,
    opts: { since: Date; parent?: PublishedItem },
    ctx?: PublishContext,
  ): Promise<PublishedItem | null> {
    // The campaign is found by the tag its attempt put on it; without the attempt's key there is nothing to match.
    if (!ctx?.idempotencyKey) return null;
    return findCampaign(this, connOf(channel), ctx.idempotencyKey, opts.since, ctx);
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return listmonkPostAnalytics(this, connOf(channel), platformPostId, ctx);
  }

  /** The lists and campaign templates of the channel's server, for the "lists" and "template" settings. */
  settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    return listmonkChoices(this, channel, field, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyListmonkError(body, status);
  }
}
