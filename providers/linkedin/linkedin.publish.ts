import { ProviderError } from "../core/errors";
import type { LinkCard, PostItem, PublishedItem } from "../social.integrations.interface";
import { postUrl, type LinkedInApi, type LinkedInCall } from "./linkedin.api";
import { linkedInShared } from "./linkedin.capabilities";
import { postBody, type ArticleCard, type LinkedInVisibility } from "./linkedin.content";
import { uploadAll, uploadImage, type VideoWait } from "./linkedin.media";

const LINKEDIN_IMAGE = linkedInShared("LINKEDIN").media.image!;

// Publishing as a member or as an organization differs only in the author URN, so both
// providers publish through these two functions.

export type PublishTiming = {
  /** Waits before repeating a create that LinkedIn refused because media was still processing. */
  processingWaitsMs: number[];
  video: VideoWait;
};

export const DEFAULT_TIMING: PublishTiming = { processingWaitsMs: [3_000, 10_000], video: { attempts: 60, intervalMs: 5_000 } };

// A 4xx "retry" from /rest/posts (media still processing) means nothing was created, so the create
// may be repeated; a 5xx or a lost answer may have published and is handed back untouched.
function refusedBeforeCreating(e: unknown): e is ProviderError {
  const s = e instanceof ProviderError ? e.details.status : undefined;
  return e instanceof ProviderError && e.kind === "retry" && s !== undefined && s < 500 && s !== 429;
}

async function createWhenMediaReady(api: LinkedInApi, call: LinkedInCall, body: unknown, waits: number[]): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.createPost(call, body);
    } catch (e) {
      if (!refusedBeforeCreating(e)) throw e;
      const wait = waits[attempt];
      if (wait === undefined) throw new ProviderError("retry", e.message, { ...e.details, mayHavePublished: false, retryAfterMs: 60_000 });
      await new Promise((ok) => setTimeout(ok, wait));
    }
  }
}

export async function publishPost(
  api: LinkedInApi,
  call: LinkedInCall,
  author: string,
  item: PostItem,
  visibility: LinkedInVisibility,
  timing: PublishTiming = DEFAULT_TIMING,
): Promise<PublishedItem> {
  const media = await uploadAll(api, call, author, item.media ?? [], timing.video);
  const card = !media.length && !item.poll && item.linkCard ? await articleOf(api, call, author, item.linkCard) : undefined;
  const urn = await createWhenMediaReady(
    api,
    call,
    postBody({ author, text: item.text, visibility, media, poll: item.poll, article: card?.article }),
    timing.processingWaitsMs,
  );
  return { id: urn, url: postUrl(urn), ref: { postUrn: urn, author }, ...(card?.warning ? { warnings: [card.warning] } : {}) };
}

/** The article card, its picture uploaded as an image when LinkedIn takes it (else the card has none, and says why). */
async function articleOf(
  api: LinkedInApi,
  call: LinkedInCall,
  owner: string,
  card: LinkCard,
): Promise<{ article: ArticleCard; warning?: string }> {
  const article: ArticleCard = { source: card.url, title: card.title, description: card.description };
  const image = card.image;
  const rules = LINKEDIN_IMAGE;
  if (!image) return { article };
  if (!rules.mimeTypes.includes(image.mimeType))
    return {
      article,
      warning: `The link card's picture is ${image.mimeType}; LinkedIn takes ${rules.mimeTypes.join(", ")}, so the card has none`,
    };
  if (image.bytes.length > rules.maxBytes)
    return { article, warning: "The link card's picture is larger than LinkedIn takes, so the card has none" };
  const uploaded = await uploadImage(api, call, owner, { mimeType: image.mimeType, bytes: image.bytes });
  return { article: { ...article, thumbnail: uploaded.urn } };
}

/** LinkedIn threads are comments on the first post: every follow-up goes to the root. */
export async function publishComment(
  api: LinkedInApi,
  call: LinkedInCall,
  actor: string,
  item: PostItem,
  root: PublishedItem,
): Promise<PublishedItem> {
  if (item.media?.length || item.poll) {
    throw new ProviderError("bad-body", "LinkedIn comments are text only; move the media or poll to the first post");
  }
  const postUrn = root.ref?.postUrn ?? root.id;
  const c = await api.createComment(call, postUrn, actor, item.text);
  return {
    id: c.urn,
    url: `${postUrl(postUrn)}?commentUrn=${encodeURIComponent(c.urn)}`,
    ref: { postUrn, commentUrn: c.urn, commentId: c.id },
  };
}
