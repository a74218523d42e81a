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
import { castCounts, publishCast, type CastAuthor } from "./farcaster.cast";
import { activeChannels } from "./farcaster.channels";
import { classifyFarcasterError } from "./farcaster.errors";
import { farcasterManifest } from "./farcaster.manifest";
import { checkSigner } from "./farcaster.signer";
import type { FarcasterSettings } from "./farcaster.settings";

// Farcaster through Neynar (../shared/platforms/farcaster.md). The channel's access token is the
// user's signer_uuid (Neynar signs each cast with the key the user approved); the server's Neynar
// API key goes on every call. Connecting is a form where the user pastes an approved signer's UUID:
// Neynar's managed-signer flow (create, sign the key request with the app's custody key, show the
// approval link, poll) needs an app FID and mnemonic on the server and is not offered yet.

export class FarcasterProvider extends ManifestProvider<FarcasterSettings> implements SocialProvider<FarcasterSettings> {
  readonly manifest = farcasterManifest;

  async connectWithFields(values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }> {
    const signerUuid = (values.signerUuid ?? "").trim();
    const account = await checkSigner(this, signerUuid);
    return {
      id: String(account.fid),
      name: account.name,
      username: account.username,
      ...(account.picture ? { picture: account.picture } : {}),
      accessToken: signerUuid,
      profile: { fid: account.fid, username: account.username },
    };
  }

  post(channel: ChannelAccess, item: PostItem, settings: FarcasterSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishCast(this, this.author(channel), item, settings ?? {}, ctx);
  }

  /** A thread: each cast replies to the one before it. */
  comment(
    channel: ChannelAccess,
    item: PostItem,
    parent: PublishedItem,
    _root: PublishedItem,
    settings: FarcasterSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    const author = this.author(channel);
    const fid = Number(parent.ref?.fid ?? author.fid);
    return publishCast(this, author, item, settings ?? {}, ctx, { hash: parent.ref?.hash ?? parent.id, fid });
  }

  postAnalytics(_channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return castCounts(this, platformPostId, ctx);
  }

  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "channel") return [];
    return activeChannels(this, this.author(channel).fid, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyFarcasterError(body, status);
  }

  private author(channel: ChannelAccess): CastAuthor {
    const p = channel.profile ?? {};
    const fid = typeof p.fid === "number" ? p.fid : Number(channel.internalId);
    const username = (typeof p.username === "string" && p.username) || channel.username || `!${fid}`;
    return { signerUuid: channel.accessToken, fid, username };
  }
}
