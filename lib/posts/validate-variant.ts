import mime from "mime-types";
import { countText } from "@/providers/core/counting";
import type { MediaKindRules, PostItem, SocialProvider } from "@/providers/social.integrations.interface";
import { fieldErrors } from "@/lib/validation";

// Checks one channel's variant of a post against that platform's rules before anything is saved
// or sent. Every problem names the channel and the rule, keyed by the field it is about, so the
// composer can show it next to the right control. Pure: the browser runs the same checks.

export type VariantInput = {
  channelName: string;
  provider: SocialProvider;
  /** The channel's own profile (e.g. a Mastodon instance's character limit). */
  profile?: Record<string, unknown> | null;
  items: (Omit<PostItem, "media"> & { media?: { mimeType?: string; fileName?: string; size?: number }[] })[];
  settings?: unknown;
};

type MediaKind = "image" | "video" | "gif";

function kindOf(mimeType: string): MediaKind | undefined {
  if (mimeType === "image/gif") return "gif";
  if (mimeType.startsWith("image/")) return "image";
  if (mimeType.startsWith("video/")) return "video";
  return undefined;
}

function mediaProblems(v: VariantInput, media: NonNullable<VariantInput["items"][number]["media"]>, at: string): Record<string, string> {
  const out: Record<string, string> = {};
  const rules = v.provider.media;
  const who = `${v.channelName} (${v.provider.name})`;
  if (media.length > rules.maxItems) {
    out[`${at}.media`] = rules.maxItems === 0 ? `${who} does not accept media` : `${who} accepts at most ${rules.maxItems} attachments per post; this one has ${media.length}`;
    return out;
  }
  const typed = media.map((m) => {
    const type = m.mimeType || (m.fileName && mime.lookup(m.fileName)) || "";
    return { ...m, type, kind: type ? kindOf(type) : undefined };
  });
  const kinds = new Set<MediaKind>();
  typed.forEach((m, i) => {
    const { type, kind } = m;
    const rule: MediaKindRules | undefined = kind ? (rules[kind] ?? (kind === "gif" ? rules.image : undefined)) : undefined;
    const label = m.fileName ? `"${m.fileName}"` : `attachment ${i + 1}`;
    if (!kind || !rule || !rule.mimeTypes.includes(type)) {
      out[`${at}.media.${i}`] = `${who} does not accept ${label} (${type || "unknown type"})`;
      return;
    }
    kinds.add(kind);
    if (m.size !== undefined && m.size > rule.maxBytes) {
      out[`${at}.media.${i}`] = `${label} is ${(m.size / 1_048_576).toFixed(1)} MB; ${who} accepts ${kind}s up to ${(rule.maxBytes / 1_048_576).toFixed(1)} MB`;
    }
    const sameKind = typed.filter((x) => x.kind === kind).length;
    if (sameKind > rule.maxCount) out[`${at}.media`] = `${who} accepts at most ${rule.maxCount} ${kind}${rule.maxCount === 1 ? "" : "s"} per post`;
  });
  if (!rules.mixKinds && kinds.size > 1) out[`${at}.media`] = `${who} cannot mix ${[...kinds].join(" and ")} in one post`;
  return out;
}

export function validateVariant(v: VariantInput): Record<string, string> {
  const p = v.provider;
  const who = `${v.channelName} (${p.name})`;
  const out: Record<string, string> = {};
  if (v.items.length === 0) return { items: `${who}: the post is empty` };
  const maxItems = 1 + (p.threads?.maxItems ?? 0);
  if (v.items.length > maxItems) {
    out.items = p.threads ? `${who} allows at most ${p.threads.maxItems} follow-up ${p.threads.kind}` : `${who} does not support threads or comments`;
  }
  const limit = p.maxLength({ profile: v.profile });
  v.items.forEach((item, i) => {
    const at = `items.${i}`;
    const length = countText(p.counting, item.text);
    if (length > limit) out[`${at}.text`] = `${who}: ${length} of ${limit} characters used; shorten by ${length - limit}`;
    if (!item.text.trim() && !item.media?.length && !item.poll) out[`${at}.text`] = `${who}: write something or attach media`;
    if (item.media?.length) Object.assign(out, mediaProblems(v, item.media, at));
    if (item.poll) {
      const rules = p.polls;
      if (!rules) out[`${at}.poll`] = `${who} does not support polls`;
      else if (i > 0 && p.threads?.kind === "comments") out[`${at}.poll`] = `${who} accepts a poll only in the main post`;
      else {
        const n = item.poll.options.length;
        if (n < rules.minOptions || n > rules.maxOptions) out[`${at}.poll.options`] = `${who} polls need ${rules.minOptions} to ${rules.maxOptions} options; this one has ${n}`;
        item.poll.options.forEach((o, j) => {
          if (!o.trim()) out[`${at}.poll.options.${j}`] = `Poll option ${j + 1} is empty`;
          else if ([...o].length > rules.maxOptionLength) out[`${at}.poll.options.${j}`] = `${who} poll options are at most ${rules.maxOptionLength} characters; option ${j + 1} has ${[...o].length}`;
        });
        const d = item.poll.durationMinutes;
        const ok = "choices" in rules.durationMinutes ? rules.durationMinutes.choices.includes(d) : d >= rules.durationMinutes.min && d <= rules.durationMinutes.max;
        if (!ok) {
          const allowed = "choices" in rules.durationMinutes ? rules.durationMinutes.choices.map((c) => `${c / 1440} day(s)`).join(", ") : `${rules.durationMinutes.min} minutes to ${Math.round(rules.durationMinutes.max / 1440)} days`;
          out[`${at}.poll.durationMinutes`] = `${who} poll duration must be ${allowed}`;
        }
        if (!rules.withMedia && item.media?.length) out[`${at}.poll`] = `${who} cannot combine a poll with media`;
      }
    }
  });
  const settings = p.settings.safeParse(v.settings ?? {});
  if (!settings.success) {
    for (const [k, m] of Object.entries(fieldErrors(settings.error))) out[`settings.${k}`] = `${who}: ${m}`;
  }
  return out;
}
