import { ProviderError } from "../core/errors";
import type { PollInput } from "../social.integrations.interface";
import type { UploadedMedia } from "./linkedin.media";
import { escapeLittleText } from "./linkedin.text";

// The JSON body of POST /rest/posts, from our post item. At most one `content` per post:
// one media, several images (multiImage), or a poll.

export type LinkedInVisibility = "PUBLIC" | "CONNECTIONS" | "LOGGED_IN";

const POLL_DURATIONS: Record<number, string> = { 1440: "ONE_DAY", 4320: "THREE_DAYS", 10080: "SEVEN_DAYS", 20160: "FOURTEEN_DAYS" };
export const POLL_DURATION_MINUTES = Object.keys(POLL_DURATIONS).map(Number);
export const POLL_QUESTION_MAX = 140;
export const POLL_OPTION_MAX = 30;

export function pollContent(poll: PollInput, fallbackQuestion: string) {
  const duration = POLL_DURATIONS[poll.durationMinutes];
  if (!duration) throw new ProviderError("bad-body", "LinkedIn polls stay open 1, 3, 7 or 14 days; pick one of those durations");
  if (poll.options.length < 2 || poll.options.length > 4) throw new ProviderError("bad-body", "LinkedIn polls need 2 to 4 options");
  const long = poll.options.find((o) => [...o].length > POLL_OPTION_MAX);
  if (long !== undefined)
    throw new ProviderError("bad-body", `LinkedIn poll options are limited to ${POLL_OPTION_MAX} characters ("${long}" is longer)`);
  const question = (poll.question ?? "").trim() || fallbackQuestion.trim();
  if (!question || [...question].length > POLL_QUESTION_MAX) {
    throw new ProviderError("bad-body", `A LinkedIn poll needs a question of at most ${POLL_QUESTION_MAX} characters`);
  }
  return { question, options: poll.options.map((text) => ({ text })), settings: { duration } };
}

function mediaContent(media: UploadedMedia[]) {
  if (media.length === 1) return { media: { id: media[0]!.urn, ...(media[0]!.alt ? { altText: media[0]!.alt } : {}) } };
  return { multiImage: { images: media.map((m) => ({ id: m.urn, ...(m.alt ? { altText: m.alt } : {}) })) } };
}

/** content.article: the Posts API does not read the page, so the card's words (and picture, uploaded) are ours. */
export type ArticleCard = { source: string; title: string; description?: string; thumbnail?: string };

function articleContent(a: ArticleCard) {
  return {
    article: {
      source: a.source,
      title: a.title,
      ...(a.description ? { description: a.description } : {}),
      ...(a.thumbnail ? { thumbnail: a.thumbnail } : {}),
    },
  };
}

export function postBody(p: {
  author: string;
  text: string;
  visibility: LinkedInVisibility;
  media: UploadedMedia[];
  poll?: PollInput;
  article?: ArticleCard;
}) {
  if (p.poll && p.media.length) throw new ProviderError("bad-body", "LinkedIn does not allow media in a poll post");
  // One content per post: a poll or media take the article's place.
  const content = p.poll
    ? { poll: pollContent(p.poll, p.text) }
    : p.media.length
      ? mediaContent(p.media)
      : p.article
        ? articleContent(p.article)
        : undefined;
  return {
    author: p.author,
    commentary: escapeLittleText(p.text),
    visibility: p.visibility,
    distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
    ...(content ? { content } : {}),
    lifecycleState: "PUBLISHED",
    isReshareDisabledByAuthor: false,
  };
}
