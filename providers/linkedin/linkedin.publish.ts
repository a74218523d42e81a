import { ProviderError } from "../core/errors";
import type { PostItem, PublishedItem } from "../social.integrations.interface";
import { postUrl, type LinkedInApi, type LinkedInCall } from "./linkedin.api";
import { postBody, type LinkedInVisibility } from "./linkedin.content";
import { uploadAll, type VideoWait } from "./linkedin.media";

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
  const urn = await createWhenMediaReady(
    api,
    call,
    postBody({ author, text: item.text, visibility, media, poll: item.poll }),
    timing.processingWaitsMs,
  );
  return { id: urn, url: postUrl(urn), ref: { postUrn: urn, author } };
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
