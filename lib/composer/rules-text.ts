import type { CountingMethod } from "@/providers/core/counting";
import { mimeLabel } from "@/lib/media/rules-check";
import type { MediaKindRules, MediaRules, PollRules, ThreadRules } from "@/providers/core/manifest";

// The posting rules the composer shows beside a channel, written from the manifest's numbers so
// the words cannot drift from what is enforced. Pure and browser-safe: the server puts it in the
// descriptor, the composer rewrites it with the channel's own limit (a Mastodon server's).

export type RulesSource = {
  counting: CountingMethod;
  maxLength: number;
  maxLengthPerServer?: boolean;
  maxBytes?: number;
  media: MediaRules;
  threads?: ThreadRules | null;
  polls?: PollRules | null;
};

const num = (n: number) => n.toLocaleString("en-US");

/** What the counting method does that a user would not guess. */
const COUNTING_NOTES: Record<CountingMethod, string> = {
  "x-weighted": "links count as 23, emoji and CJK characters as 2",
  mastodon: "links count as 23, @user@server as @user",
  graphemes: "an emoji counts as 1",
  chars: "",
  "utf8-bytes": "",
  "emoji-bytes": "an emoji counts as its UTF-8 bytes (usually 4)",
};

/** Binary megabytes when the limit is a whole number of them (X's 5 MB), else decimal (Bluesky's 1,000,000 bytes). */
export function sizeText(bytes: number): string {
  const mib = bytes / 1_048_576;
  if (Number.isInteger(mib)) return `${num(mib)} MB`;
  const mb = bytes / 1_000_000;
  if (Number.isInteger(mb)) return `${num(mb)} MB`;
  return bytes < 1_048_576 ? `${num(Math.round(bytes / 1024))} KB` : `${num(Math.round(mib * 10) / 10)} MB`;
}

/** 5 → "5 minutes", 120 → "2 hours", 10080 → "7 days" (rounded to the largest whole-ish unit). */
export function minutesText(minutes: number): string {
  const plural = (n: number, unit: string) => `${num(n)} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes < 60) return plural(minutes, "minute");
  if (minutes < 1440) return plural(Math.round(minutes / 60), "hour");
  return plural(Math.round(minutes / 1440), "day");
}

const orList = (parts: string[], word = "or") =>
  parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} ${word} ${parts.at(-1)}`;

export function durationsText(d: PollRules["durationMinutes"]): string {
  if ("choices" in d) {
    if (d.choices.every((c) => c % 1440 === 0)) return `${orList(d.choices.map((c) => num(c / 1440)))} days`;
    return orList(d.choices.map(minutesText));
  }
  return `${minutesText(d.min)} to ${minutesText(d.max)}`;
}

const KINDS = [
  ["image", "image", "images"],
  ["video", "video", "videos"],
  ["gif", "animated GIF", "animated GIFs"],
] as const;

function kindDetails(rule: MediaKindRules, noun: string, key: string): string {
  const formats = orList(rule.mimeTypes.map(mimeLabel).filter((l, i, all) => all.indexOf(l) === i));
  // "animated GIF: GIF" says nothing; the other kinds name their formats.
  const parts = [`${noun}: ${key === "gif" ? "" : `${formats}, `}up to ${sizeText(rule.maxBytes)}${rule.maxCount > 1 ? " each" : ""}`];
  const dim = rule.dimensions;
  if (dim?.exact?.length) parts.push(`exactly ${dim.exact.map((e) => `${e.width}×${e.height}`).join(" or ")} pixels`);
  if (dim?.minWidth || dim?.minHeight) parts.push(`at least ${dim.minWidth ?? "any"}×${dim.minHeight ?? "any"} pixels`);
  if (dim?.maxWidth || dim?.maxHeight) parts.push(`at most ${dim.maxWidth ?? "any"}×${dim.maxHeight ?? "any"} pixels`);
  if (rule.durationSeconds)
    parts.push(
      rule.durationSeconds.min
        ? `${num(rule.durationSeconds.min)}–${num(rule.durationSeconds.max)} seconds`
        : `up to ${num(rule.durationSeconds.max)} seconds`,
    );
  return parts.join(", ");
}

function mediaText(media: MediaRules): string[] {
  if (media.maxItems === 0) return ["text only, no media"];
  const kinds = KINDS.flatMap(([key, one, many]) => {
    const rule = media[key];
    return rule
      ? [
          {
            rule,
            key,
            count: rule.maxCount === 1 ? `1 ${one}` : `up to ${num(rule.maxCount)} ${many}`,
            noun: rule.maxCount === 1 ? one : many,
          },
        ]
      : [];
  });
  const counts = media.mixKinds
    ? `up to ${num(media.maxItems)} attachments (${orList(
        kinds.map((k) => k.count),
        "and",
      )})`
    : `${orList(kinds.map((k) => k.count))}${kinds.length > 1 && !media.videoPoster ? ", not mixed" : ""}`;
  const out = [`${counts.charAt(0).toUpperCase()}${counts.slice(1)} (${kinds.map((k) => kindDetails(k.rule, k.noun, k.key)).join("; ")})`];
  for (const [key, , many] of KINDS) if (media[key]?.sharedInThread) out.push(`${many} are shared as a reply in the post's thread`);
  for (const [key, , many] of KINDS)
    if (media[key]?.verifiedPrefix)
      out.push(`${many} only from the address verified ${media[key].verifiedPrefix.where} (the platform downloads them)`);
  if (media.videoPoster) out.push("a video needs one image beside it as its poster");
  if (media.minItems)
    out.push(`media required (${media.minItems === 1 ? "at least one attachment" : `at least ${num(media.minItems)} attachments`})`);
  if (media.maxCaptionLength) out.push(`with media, the text up to ${num(media.maxCaptionLength)} characters`);
  if (media.maxAltTextLength) out.push(`alt text up to ${num(media.maxAltTextLength)} characters`);
  if (media.byLinkOnly && media.keepsLink) out.push("attachments by a lasting link only (the platform shows them from their address)");
  else if (media.byLinkOnly) out.push("the platform downloads attachments from a public address (uploads get a signed, expiring one)");
  return out;
}

/**
 * E.g. "Up to 280 characters (links count as 23, …) · Up to 4 images, 1 video or 1 animated GIF,
 * not mixed (images: …) · alt text up to 1,000 characters · threads of up to 25 follow-up replies · polls …".
 * `maxLength` is the channel's own limit when the composer knows it.
 */
export function rulesText(m: RulesSource, maxLength = m.maxLength): string {
  const note = COUNTING_NOTES[m.counting];
  const unit = m.counting === "utf8-bytes" ? "bytes" : "characters";
  const perServer = m.maxLengthPerServer && maxLength === m.maxLength ? " unless your server allows more" : "";
  const bytes = m.maxBytes ? ` and ${num(m.maxBytes)} bytes` : "";
  const parts = [`Up to ${num(maxLength)} ${unit}${bytes}${perServer}${note ? ` (${note})` : ""}`, ...mediaText(m.media)];
  const t = m.threads;
  if (t)
    parts.push(
      t.kind === "replies"
        ? `threads of up to ${num(t.maxItems)} follow-up replies`
        : `up to ${num(t.maxItems)} follow-up comments under the post`,
    );
  const p = m.polls;
  if (p) {
    const options = p.minOptions === p.maxOptions ? `${p.minOptions}` : `${p.minOptions}–${p.maxOptions}`;
    parts.push(
      `polls of ${options} options up to ${num(p.maxOptionLength)} characters, open ${durationsText(p.durationMinutes)}${p.withMedia ? "" : ", without media"}${p.maxQuestionLength ? `, the text its question of up to ${num(p.maxQuestionLength)} characters` : ""}`,
    );
  }
  return parts.join(" · ");
}
