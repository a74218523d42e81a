import { ProviderError } from "./errors";
import type { MediaItem, PostItem, PublishContext } from "../social.integrations.interface";

/**
 * The item with every attachment given a public address, for platforms that download attachments
 * themselves (manifest media.byLinkOnly): a link attachment keeps its own, a library upload gets
 * the signed, expiring URL from the publish context. `noAddress` is the platform's message when
 * there is none (no context, as in a direct call).
 */
export async function withPublicMedia(item: PostItem, ctx: PublishContext | undefined, noAddress: string): Promise<PostItem> {
  if (!item.media?.some((m) => !m.url)) return item;
  const media: MediaItem[] = [];
  for (const m of item.media) {
    if (m.url) media.push(m);
    else if (ctx?.publicMediaUrl) media.push({ ...m, url: await ctx.publicMediaUrl(m) });
    else throw new ProviderError("bad-body", noAddress);
  }
  return { ...item, media };
}
