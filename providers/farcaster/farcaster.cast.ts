import { createHash } from "node:crypto";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { neynar, webBase } from "./farcaster.api";
import type { FarcasterSettings } from "./farcaster.settings";

// Publishing one cast: POST /v2/farcaster/cast with the user's signer_uuid, the text, up to two
// embeds given by URL (Farcaster has no upload: clients show what the URL points to), the channel
// for a first cast, and `parent` (the previous cast's hash) for a reply in a thread. The `idem` key
// makes a repeat of a cast whose answer was lost return the same cast instead of a second one.

export type CastAuthor = { signerUuid: string; fid: number; username: string };
type Parent = { hash: string; fid: number };

type CastBody = {
  signer_uuid: string;
  text: string;
  embeds?: { url: string }[];
  channel_id?: string;
  parent?: string;
  parent_author_fid?: number;
  idem?: string;
};
type CastAnswer = { success?: boolean; cast?: { hash?: string; author?: { fid?: number } } };

/**
 * Neynar recommends a 16-character idem key; the engine's key (target and item) is longer, so it is
 * hashed down: the same publish attempt always gives the same 16 characters.
 */
export const idemOf = (key: string) => createHash("sha256").update(key).digest("hex").slice(0, 16);

/** Where people read a cast: by username, or by hash alone for an account without one. */
export function castUrl(username: string, hash: string): string {
  return username.startsWith("!") ? `${webBase()}/~/conversations/${hash}` : `${webBase()}/${encodeURIComponent(username)}/${hash}`;
}

function embedsOf(item: PostItem): { embeds: { url: string }[]; warnings: string[] } {
  const media = item.media ?? [];
  const unlinked = media.find((m) => !m.url);
  if (unlinked)
    // Clients load an embed from its URL for as long as the cast exists, so a library file's
    // expiring signed URL would break it (manifest keepsLink: the composer refuses uploads first).
    throw new ProviderError(
      "bad-body",
      "Farcaster shows images from their public address for as long as the cast exists, and a file from the media library only gets an address that expires; attach the image by a lasting URL instead",
    );
  const warnings = media.some((m) => m.alt?.trim()) ? ["Farcaster casts have no alt text: the images' descriptions were not sent"] : [];
  return { embeds: media.map((m) => ({ url: m.url! })), warnings };
}

export async function publishCast(
  api: SocialAbstract,
  author: CastAuthor,
  item: PostItem,
  settings: FarcasterSettings,
  ctx?: PublishContext,
  parent?: Parent,
): Promise<PublishedItem> {
  const { embeds, warnings } = embedsOf(item);
  const body: CastBody = {
    signer_uuid: author.signerUuid,
    text: item.text,
    ...(embeds.length ? { embeds } : {}),
    // A reply lives where its parent is; the channel is only named on the first cast.
    ...(parent ? { parent: parent.hash, parent_author_fid: parent.fid } : settings.channel ? { channel_id: settings.channel } : {}),
    ...(ctx?.idempotencyKey ? { idem: idemOf(ctx.idempotencyKey) } : {}),
  };
  const answer = await neynar<CastAnswer>(
    api,
    "/v2/farcaster/cast",
    { method: "POST", body },
    { action: "publish the cast", idempotent: false, ctx },
  );
  const hash = answer.cast?.hash;
  if (!hash) throw new ProviderError("retry", "Neynar accepted the cast but did not say its hash", { mayHavePublished: true });
  return {
    id: hash,
    url: castUrl(author.username, hash),
    ref: { hash, fid: String(answer.cast?.author?.fid ?? author.fid) },
    ...(warnings.length ? { warnings } : {}),
  };
}

/** A cast's counters (GET /v2/farcaster/cast); `likes`/`recasts` arrays are deprecated, the counts are not. */
export async function castCounts(api: SocialAbstract, hash: string, ctx?: PublishContext): Promise<Record<string, number>> {
  type Counted = { cast?: { reactions?: { likes_count?: number; recasts_count?: number }; replies?: { count?: number } } };
  const { cast } = await neynar<Counted>(
    api,
    "/v2/farcaster/cast",
    { query: { identifier: hash, type: "hash" } },
    { action: "read the cast's counts", ctx },
  );
  if (!cast) throw new ProviderError("bad-body", `Farcaster no longer shows the cast ${hash}`);
  const f: Record<string, number> = {};
  if (typeof cast.reactions?.likes_count === "number") f.likes = cast.reactions.likes_count;
  if (typeof cast.reactions?.recasts_count === "number") f.reposts = cast.reactions.recasts_count;
  if (typeof cast.replies?.count === "number") f.replies = cast.replies.count;
  return f;
}
