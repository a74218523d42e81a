import { createHash, randomUUID } from "node:crypto";
import { ProviderError } from "../core/errors";
import type { MediaItem, PollInput, PostItem } from "../social.integrations.interface";
import { toDiscordMarkdown } from "./discord.markdown";
import { discordManifest } from "./discord.manifest";
import type { DiscordSettings } from "./discord.settings";

// The body of Create Message (message.mdx; ../shared/platforms/discord.md §2): the content in
// Discord markdown, a nonce enforced for dedupe, which mentions may notify, an optional poll, and
// attachments: JSON alone, or multipart/form-data with the JSON in the part "payload_json" and each
// file in "files[n]", described in payload_json.attachments by that n (its alt text as description).

const LIMIT = discordManifest.maxLength;
const EXT: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/webm": "webm",
  "video/quicktime": "mov",
};

/** Discord's nonce (at most 25 characters) for a publish attempt: the same key gives the same nonce. */
export function nonceFor(key: string | undefined): string {
  return createHash("sha256")
    .update(key ?? randomUUID())
    .digest("base64url")
    .slice(0, 25);
}

const codePoints = (s: string) => [...s].length;

function pollOf(poll: PollInput, text: string) {
  // The question is the poll's own, else the message's first line (plain text: polls render no markdown).
  const question =
    poll.question?.trim() ||
    text
      .split("\n")
      .find((l) => l.trim())
      ?.trim() ||
    "";
  if (!question) throw new ProviderError("bad-body", "A Discord poll needs a question: write one, or text for the message");
  if (codePoints(question) > 300) throw new ProviderError("bad-body", "A Discord poll's question is at most 300 characters");
  for (const o of poll.options)
    if (codePoints(o) > 55) throw new ProviderError("bad-body", `A Discord poll answer is at most 55 characters ("${o.slice(0, 20)}…")`);
  return {
    question: { text: question },
    answers: poll.options.map((text) => ({ poll_media: { text } })),
    // poll.mdx: whole hours, at most 32 days.
    duration: Math.min(768, Math.max(1, Math.round(poll.durationMinutes / 60))),
    allow_multiselect: false,
  };
}

export type MessageRequest = { body: string | FormData; contentType?: string; content: string };

export function messageRequest(item: PostItem, settings: DiscordSettings | undefined, nonce: string): MessageRequest {
  const content = toDiscordMarkdown(item.text);
  if (codePoints(content) > LIMIT)
    throw new ProviderError(
      "bad-body",
      `In Discord's markdown this message is ${codePoints(content)} characters; Discord takes at most ${LIMIT.toLocaleString("en")}`,
    );
  const media: MediaItem[] = item.media ?? [];
  if (!content && !media.length && !item.poll) throw new ProviderError("bad-body", "A Discord message needs text, a file or a poll");
  const payload: Record<string, unknown> = {
    ...(content ? { content } : {}),
    nonce,
    enforce_nonce: true,
    // Off by default: @everyone in a scheduled post should not ping a whole server unless asked.
    allowed_mentions: settings?.notify ? { parse: ["everyone", "roles", "users"] } : { parse: [] },
    ...(item.poll ? { poll: pollOf(item.poll, item.text) } : {}),
  };
  if (!media.length) return { body: JSON.stringify(payload), contentType: "application/json", content };
  if (media.length > discordManifest.media.maxItems)
    throw new ProviderError("bad-body", `Discord takes at most ${discordManifest.media.maxItems} attachments per message`);
  const form = new FormData();
  payload.attachments = media.map((m, id) => ({
    id,
    filename: `file-${id + 1}.${EXT[m.mimeType] ?? "bin"}`,
    ...(m.alt?.trim() ? { description: m.alt.trim().slice(0, discordManifest.media.maxAltTextLength) } : {}),
  }));
  form.set("payload_json", JSON.stringify(payload));
  media.forEach((m, id) => {
    if (!m.bytes) throw new ProviderError("bad-body", `Attachment ${id + 1} has no file content to send to Discord`);
    form.set(`files[${id}]`, new Blob([m.bytes.slice()], { type: m.mimeType }), `file-${id + 1}.${EXT[m.mimeType] ?? "bin"}`);
  });
  return { body: form, content };
}
