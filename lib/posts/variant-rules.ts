import { htmlToText } from "@/lib/markup/sanitize-html";
import { altTextLength } from "@/lib/media/alt-text";
import { mediaKindOf, rulesForKind } from "@/lib/media/rules-check";
import type { MediaKind } from "@/lib/media/types";
import { countText } from "@/providers/core/counting";
import { dimensionProblem } from "@/providers/core/media-dimensions";
import type { PollInput, ProviderDescriptor } from "@/providers/social.integrations.interface";

// The posting rules of one channel, checked against its variant of a post. Pure and free of
// server imports: the composer runs exactly these checks in the browser as the user types, and
// the server runs them again (with the settings schema) before anything is saved.

export type VariantRules = Pick<
  ProviderDescriptor,
  "name" | "threads" | "polls" | "media" | "counting" | "editor" | "forbiddenCharacters"
> & {
  maxLength: number;
  /**
   * Why this server's uploads have no public address a platform could fetch (lib/media/public-reach.ts),
   * or null when they have one. Absent: unknown, taken as no address (an upload is refused).
   */
  uploadsNotPublic?: string | null;
  /**
   * Kinds the platform takes only from a verified address (lib/media/verified-prefix.ts), with why
   * they cannot be sent: `all` when none is set (every file of the kind is refused), `uploads`
   * when this server's media address is not under it (links are checked when publishing).
   */
  mediaUnavailable?: Partial<Record<MediaKind, { reason: string; uploadsOnly: boolean }>>;
};
/**
 * `uploaded`: a file stored in this app's media library (a platform that downloads it gets a signed
 * public URL, when the server has one). `width`/`height`: the image's pixels where known (a library
 * file; a link is measured at publish time).
 */
export type VariantMedia = {
  mimeType: string;
  fileName?: string;
  size?: number;
  alt?: string;
  uploaded?: boolean;
  width?: number | null;
  height?: number | null;
};
export type VariantItem = { text: string; poll?: PollInput; media?: VariantMedia[] };

/** The rule that an item needs text, media or a poll; the composer holds it back until the user starts. */
export const EMPTY_ITEM_RULE = "write something or attach media";

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

function mediaProblems(
  who: string,
  rules: VariantRules["media"],
  media: VariantMedia[],
  at: string,
  uploadsNotPublic: string | null | undefined,
  unavailable: VariantRules["mediaUnavailable"] = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  if (media.length > rules.maxItems) {
    out[`${at}.media`] =
      rules.maxItems === 0
        ? `${who} does not accept media`
        : `${who} accepts at most ${rules.maxItems} attachments per post; this one has ${media.length}`;
    return out;
  }
  const typed = media.map((m) => ({ ...m, kind: mediaKindOf(m.mimeType) }));
  const kinds = new Set<MediaKind>();
  typed.forEach((m, i) => {
    const { mimeType: type, kind } = m;
    const rule = rulesForKind(rules, kind);
    const label = m.fileName ? `"${m.fileName}"` : `attachment ${i + 1}`;
    // The platform's alt-text limit: longer text is refused here, never cut short when sent.
    const altMax = rules.maxAltTextLength;
    const altLength = m.alt ? altTextLength(m.alt) : 0;
    if (altMax !== undefined && altLength > altMax) {
      out[`${at}.media.${i}.alt`] =
        `${who}: the alt text of ${label} has ${altLength} characters; the platform takes at most ${altMax}; shorten it by ${altLength - altMax}`;
    }
    if (!kind || !rule || !rule.mimeTypes.includes(type)) {
      out[`${at}.media.${i}`] = `${who} does not accept ${label} (${type || "unknown type"})`;
      return;
    }
    kinds.add(kind);
    const off = unavailable?.[kind];
    const pixels = m.width && m.height && kind !== "video" ? dimensionProblem(rule, m.width, m.height) : undefined;
    if (m.size !== undefined && m.size > rule.maxBytes) {
      out[`${at}.media.${i}`] = `${label} is ${mb(m.size)} MB; ${who} accepts ${kind}s up to ${mb(rule.maxBytes)} MB`;
    } else if (pixels) {
      out[`${at}.media.${i}`] = `${who}: ${label} ${pixels}`;
    } else if (off && (!off.uploadsOnly || m.uploaded)) {
      // The size rule first: a file too big would be refused from the verified address as well.
      out[`${at}.media.${i}`] =
        `${who} takes ${kind}s only from an address verified with the platform, and ${off.reason}; ${label} cannot be sent`;
    } else if (rules.byLinkOnly && m.uploaded && (rules.keepsLink || uploadsNotPublic !== null)) {
      // The size rule first: a file too big would be refused by link as well.
      out[`${at}.media.${i}`] = rules.keepsLink
        ? `${who} shows attachments from a public address for as long as the post exists, and ${label} was uploaded here, where files only get addresses that expire; attach it by a lasting link instead`
        : `${who} downloads attachments from a public address, and ${label} was uploaded here, but ${uploadsNotPublic ?? "this server has no public address for uploads"}; attach it by its link instead`;
    }
    const sameKind = typed.filter((x) => x.kind === kind).length;
    if (sameKind > rule.maxCount)
      out[`${at}.media`] = `${who} accepts at most ${rule.maxCount} ${kind}${rule.maxCount === 1 ? "" : "s"} per post`;
  });
  const videos = typed.filter((m) => m.kind === "video").length;
  const stills = typed.filter((m) => m.kind === "image" || m.kind === "gif").length;
  // A video with its one poster image is a single video post, not a mix.
  const posterPair = !!rules.videoPoster && videos === 1 && stills === 1 && typed.length === 2;
  if (!rules.mixKinds && kinds.size > 1 && !posterPair) out[`${at}.media`] = `${who} cannot mix ${[...kinds].join(" and ")} in one post`;
  if (rules.videoPoster && videos > 0 && stills !== 1 && !out[`${at}.media`])
    out[`${at}.media`] =
      stills === 0
        ? `${who}: a video needs one image as its poster; attach one image beside the video`
        : `${who}: a video takes exactly one image, its poster; remove ${stills - 1} image${stills === 2 ? "" : "s"}`;
  return out;
}

function pollProblems(
  who: string,
  rules: VariantRules,
  poll: PollInput,
  index: number,
  hasMedia: boolean,
  at: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const r = rules.polls;
  if (!r) return { [`${at}.poll`]: `${who} does not support polls` };
  if (index > 0 && rules.threads?.kind === "comments") return { [`${at}.poll`]: `${who} accepts a poll only in the main post` };
  const n = poll.options.length;
  if (n < r.minOptions || n > r.maxOptions)
    out[`${at}.poll.options`] = `${who} polls need ${r.minOptions} to ${r.maxOptions} options; this one has ${n}`;
  poll.options.forEach((o, j) => {
    if (!o.trim()) out[`${at}.poll.options.${j}`] = `Poll option ${j + 1} is empty`;
    else if ([...o].length > r.maxOptionLength)
      out[`${at}.poll.options.${j}`] =
        `${who} poll options are at most ${r.maxOptionLength} characters; option ${j + 1} has ${[...o].length}`;
  });
  const d = poll.durationMinutes;
  const ok =
    "choices" in r.durationMinutes ? r.durationMinutes.choices.includes(d) : d >= r.durationMinutes.min && d <= r.durationMinutes.max;
  if (!ok) out[`${at}.poll.durationMinutes`] = `${who} poll duration must be ${describeDurations(r.durationMinutes)}`;
  if (!r.withMedia && hasMedia) out[`${at}.poll`] = `${who} cannot combine a poll with media`;
  return out;
}

export function describeDurations(d: NonNullable<VariantRules["polls"]>["durationMinutes"]): string {
  return "choices" in d ? d.choices.map((c) => `${c / 1440} day(s)`).join(", ") : `${d.min} minutes to ${Math.round(d.max / 1440)} days`;
}

/**
 * Every rule the channel's variant breaks, keyed by field (items.N.text, items.N.media.M…). `who`
 * is the channel's label in words (lib/channels/label.ts), so two channels of the same name differ.
 */
export function checkVariant(who: string, rules: VariantRules, items: VariantItem[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (items.length === 0) return { items: `${who}: the post is empty` };
  const maxItems = 1 + (rules.threads?.maxItems ?? 0);
  if (items.length > maxItems) {
    out.items = rules.threads
      ? `${who} allows at most ${rules.threads.maxItems} follow-up ${rules.threads.kind}`
      : `${who} does not support threads or comments`;
  }
  items.forEach((item, i) => {
    const at = `items.${i}`;
    // Rich text is counted as the reader sees it, without its tags.
    const length = countText(rules.counting, rules.editor === "html" ? htmlToText(item.text) : item.text);
    if (length > rules.maxLength)
      out[`${at}.text`] = `${who}: ${length} of ${rules.maxLength} characters used; shorten by ${length - rules.maxLength}`;
    else if (item.media?.length && rules.media.maxCaptionLength !== undefined && length > rules.media.maxCaptionLength) {
      // The text goes out as the media's caption, which the platform keeps shorter.
      const max = rules.media.maxCaptionLength;
      out[`${at}.text`] =
        `${who}: with media the text is a caption of at most ${max} characters; ${length} used; shorten by ${length - max}`;
    }
    const questionMax = item.poll ? rules.polls?.maxQuestionLength : undefined;
    if (questionMax !== undefined && length > questionMax && length <= rules.maxLength)
      out[`${at}.text`] =
        `${who}: with a poll the text is its question, at most ${questionMax} characters; ${length} used; shorten by ${length - questionMax}`;
    const forbidden = [...new Set([...(rules.forbiddenCharacters ?? "")].filter((c) => item.text.includes(c)))];
    if (forbidden.length && !out[`${at}.text`])
      out[`${at}.text`] =
        `${who} does not take ${forbidden.map((c) => `"${c}"`).join(" or ")} in the text; remove ${forbidden.length > 1 ? "them" : "it"}`;
    if (!item.text.trim() && !item.media?.length && !item.poll) out[`${at}.text`] = `${who}: ${EMPTY_ITEM_RULE}`;
    const minItems = i === 0 ? (rules.media.minItems ?? 0) : 0;
    if ((item.media?.length ?? 0) < minItems)
      out[`${at}.media`] =
        `${who} needs ${minItems === 1 ? "an attachment" : `at least ${minItems} attachments`} in every post; attach ${minItems === 1 ? "one" : "them"}`;
    if (item.media?.length)
      Object.assign(out, mediaProblems(who, rules.media, item.media, at, rules.uploadsNotPublic, rules.mediaUnavailable));
    if (item.poll) Object.assign(out, pollProblems(who, rules, item.poll, i, !!item.media?.length, at));
  });
  return out;
}
