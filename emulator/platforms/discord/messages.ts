import type { EmulatorState } from "@/emulator/state";
import { recorded } from "@/emulator/kit/recording";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { channelFor, discordError, formError, PLATFORM, requireBot, TYPES, type World } from "./support";

// Create Message (message.mdx) and Start Thread from Message (channel.mdx), as documented: JSON, or
// multipart/form-data with the JSON in "payload_json" and files in "files[n]"; content of at most
// 2,000 characters; at least one of content, embeds, sticker_ids, components, files or poll; at most
// 10 attachments of 10 MiB; a poll of 1–10 answers (question ≤300, answers ≤55 characters, duration
// 1–768 hours); nonce ≤25 characters, and with enforce_nonce a repeated nonce by the same bot within
// a few minutes answers the message it made. Each channel's bucket allows 5 messages per 5 seconds,
// announced on every answer in the X-RateLimit-* headers (rate-limits.mdx).

const MIB = 1024 * 1024;
const NONCE_WINDOW_MS = 5 * 60_000;
const BUCKET_LIMIT = 5;
const BUCKET_SECONDS = 5;

type Payload = {
  content?: unknown;
  nonce?: unknown;
  enforce_nonce?: unknown;
  embeds?: unknown;
  poll?: unknown;
  attachments?: unknown;
  allowed_mentions?: unknown;
  message_reference?: unknown;
};
type File = { n: number; name: string; type: string; size: number };

const codePoints = (s: string) => [...s].length;

async function readPayload(req: EmuRequest): Promise<{ payload: Payload; files: File[] } | EmuResponse> {
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("application/json")) {
    try {
      return { payload: req.json<Payload>(), files: [] };
    } catch {
      return discordError(400, 50109, "The request body contains invalid JSON.");
    }
  }
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
    if (!form) return discordError(400, 50035, "Invalid Form Body");
    const raw = form.get("payload_json");
    let payload: Payload = {};
    if (typeof raw === "string") {
      try {
        payload = JSON.parse(raw) as Payload;
      } catch {
        return discordError(400, 50109, "The request body contains invalid JSON.");
      }
    }
    const files: File[] = [];
    for (const [key, value] of form.entries()) {
      const m = /^files\[(\d+)\]$/.exec(key);
      if (!m) continue;
      if (!(value instanceof Blob)) return formError([key], "BASE_TYPE_REQUIRED", "This field must be a file.");
      files.push({ n: Number(m[1]), name: (value as globalThis.File).name ?? key, type: value.type, size: value.size });
    }
    return { payload, files };
  }
  return discordError(400, 50035, "Invalid Form Body", {
    errors: { _errors: [{ code: "CONTENT_TYPE_INVALID", message: "Expected JSON or multipart/form-data" }] },
  });
}

function checkPoll(poll: unknown): EmuResponse | undefined {
  const p = poll as { question?: { text?: unknown }; answers?: unknown; duration?: unknown; allow_multiselect?: unknown };
  if (!p || typeof p !== "object") return formError(["poll"], "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
  const q = p.question?.text;
  if (typeof q !== "string" || !q.trim()) return formError(["poll", "question", "text"], "BASE_TYPE_REQUIRED", "This field is required");
  if (codePoints(q) > 300) return formError(["poll", "question", "text"], "BASE_TYPE_MAX_LENGTH", "Must be 300 or fewer in length.");
  if (!Array.isArray(p.answers) || p.answers.length < 1 || p.answers.length > 10)
    return formError(["poll", "answers"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 10 in length.");
  for (const [i, a] of p.answers.entries()) {
    const t = (a as { poll_media?: { text?: unknown } })?.poll_media?.text;
    if (typeof t !== "string" || !t.trim())
      return formError(["poll", "answers", i, "poll_media", "text"], "BASE_TYPE_REQUIRED", "This field is required");
    if (codePoints(t) > 55)
      return formError(["poll", "answers", i, "poll_media", "text"], "BASE_TYPE_MAX_LENGTH", "Must be 55 or fewer in length.");
  }
  if (p.duration !== undefined && (!Number.isInteger(p.duration) || (p.duration as number) < 1 || (p.duration as number) > 768))
    return formError(["poll", "duration"], "NUMBER_TYPE_MAX", "int value should be between 1 and 768.");
  return undefined;
}

function checkPayload(payload: Payload, files: File[]): EmuResponse | undefined {
  const { content, nonce } = payload;
  if (content !== undefined && typeof content !== "string") return formError(["content"], "BASE_TYPE_STRING", "Must be a string.");
  if (typeof content === "string" && codePoints(content) > 2000)
    return formError(["content"], "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
  if (nonce !== undefined && !((typeof nonce === "string" && nonce.length <= 25) || Number.isInteger(nonce)))
    return formError(["nonce"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  if (payload.enforce_nonce !== undefined && typeof payload.enforce_nonce !== "boolean")
    return formError(["enforce_nonce"], "BASE_TYPE_BOOLEAN", "Must be either true or false.");
  const parse = (payload.allowed_mentions as { parse?: unknown } | undefined)?.parse;
  if (parse !== undefined && (!Array.isArray(parse) || parse.some((p) => !["roles", "users", "everyone"].includes(p as string))))
    return formError(["allowed_mentions", "parse"], "ENUM_TYPE_COERCE", 'Values must be one of "roles", "users", "everyone".');
  if (payload.poll !== undefined) {
    const bad = checkPoll(payload.poll);
    if (bad) return bad;
  }
  if (files.length > 10) return discordError(400, 30015, "Maximum number of attachments in message reached (10)");
  for (const f of files) if (f.size > 10 * MIB) return discordError(413, 40005, "Request entity too large");
  const attachments = payload.attachments ?? [];
  if (!Array.isArray(attachments)) return formError(["attachments"], "BASE_TYPE_ARRAY", "Must be an array.");
  for (const [i, a] of attachments.entries()) {
    const { id, description } = (a ?? {}) as { id?: unknown; description?: unknown };
    if (!files.some((f) => String(f.n) === String(id)))
      return formError(["attachments", i, "id"], "ATTACHMENT_NOT_FOUND", `Unknown attachment: no files[${String(id)}] in the request`);
    if (description !== undefined && (typeof description !== "string" || codePoints(description) > 1024))
      return formError(["attachments", i, "description"], "BASE_TYPE_MAX_LENGTH", "Must be 1024 or fewer in length.");
  }
  const empty = !(typeof content === "string" && content.trim()) && !files.length && !payload.poll && !payload.embeds;
  if (empty) return discordError(400, 50006, "Cannot send an empty message");
  return undefined;
}

export function messageRoutes(state: EmulatorState, world: World): Route[] {
  const buckets = new Map<string, { start: number; count: number }>();
  /** The channel's bucket: its headers, or the 429 once it is spent. */
  function bucket(channelId: string): { headers: Record<string, string>; refused?: EmuResponse } {
    const now = Date.now();
    let w = buckets.get(channelId);
    if (!w || now - w.start >= BUCKET_SECONDS * 1000) buckets.set(channelId, (w = { start: now, count: 0 }));
    const resetAt = w.start + BUCKET_SECONDS * 1000;
    const on = state.rateLimits;
    if (on && w.count >= BUCKET_LIMIT) {
      const after = (resetAt - now) / 1000;
      const headers = {
        "x-ratelimit-limit": String(BUCKET_LIMIT),
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": (resetAt / 1000).toFixed(3),
        "x-ratelimit-reset-after": after.toFixed(3),
        "x-ratelimit-bucket": "emulated-channel-messages",
        "x-ratelimit-scope": "user",
        "retry-after": String(Math.ceil(after)),
      };
      return {
        headers,
        refused: json(429, { message: "You are being rate limited.", retry_after: Number(after.toFixed(3)), global: false }, headers),
      };
    }
    w.count++;
    return {
      headers: {
        "x-ratelimit-limit": String(BUCKET_LIMIT),
        "x-ratelimit-remaining": String(on ? BUCKET_LIMIT - w.count : BUCKET_LIMIT),
        "x-ratelimit-reset": (resetAt / 1000).toFixed(3),
        "x-ratelimit-reset-after": ((resetAt - now) / 1000).toFixed(3),
        "x-ratelimit-bucket": "emulated-channel-messages",
      },
    };
  }

  const createMessage: Route = {
    method: "POST",
    path: "/channels/:channelId/messages",
    name: "post",
    async handle(req, params) {
      const denied = requireBot(req);
      if (denied) return denied;
      const found = channelFor(state, world, params.channelId!);
      if ("status" in found) return found;
      const { channel, guild } = found;
      if (channel.type === TYPES.forum) return discordError(400, 40058, "Cannot send a message in a forum channel");
      if (![TYPES.text, TYPES.announcement, TYPES.publicThread, TYPES.announcementThread].includes(channel.type as 0))
        return discordError(400, 50008, "Cannot send messages in a non-text channel");
      const read = await readPayload(req);
      if ("status" in read) return read;
      const { payload, files } = read;
      const bad = checkPayload(payload, files);
      if (bad) return bad;
      const b = bucket(channel.id);
      if (b.refused) return b.refused;
      const nonce = payload.nonce === undefined ? undefined : String(payload.nonce);
      const mine = recorded(state, PLATFORM);
      const answer = (id: string, content: string, attachmentIds: string[]) =>
        json(
          200,
          {
            id,
            type: 0,
            channel_id: channel.id,
            guild_id: guild.id,
            content,
            author: { id: "100000000000000001", username: "Postmill", bot: true },
            attachments: attachmentIds.map((aid) => ({ id: aid })),
            timestamp: new Date().toISOString(),
            ...(nonce ? { nonce } : {}),
          },
          b.headers,
        );
      if (nonce && payload.enforce_nonce === true) {
        const earlier = state.posts.find(
          (p) =>
            p.platform === PLATFORM &&
            p.idempotencyKey === nonce &&
            p.accountId === guild.accountId &&
            p.receivedAt > Date.now() - NONCE_WINDOW_MS,
        );
        if (earlier) return answer(earlier.id, earlier.text, earlier.media);
      }
      const descriptions = Object.fromEntries(
        ((payload.attachments ?? []) as { id: unknown; description?: string }[]).map((a) => [String(a.id), a.description]),
      );
      const media = files.map((f) => {
        const id = state.nextId();
        state.media.set(id, {
          platform: PLATFORM,
          accountId: guild.accountId,
          mimeType: f.type,
          size: f.size,
          alt: descriptions[String(f.n)],
        });
        return id;
      });
      const content = typeof payload.content === "string" ? payload.content : "";
      const post = mine.record({
        accountId: guild.accountId,
        text: content,
        media,
        ...(channel.parentId && world.threads.has(channel.id) ? { replyTo: channel.id } : {}),
        ...(payload.poll ? { poll: payload.poll } : {}),
        ...(nonce ? { idempotencyKey: nonce } : {}),
        extra: { channelId: channel.id, guildId: guild.id, allowedMentions: payload.allowed_mentions ?? null },
      });
      world.messages.set(post.id, { channelId: channel.id, guildId: guild.id });
      return answer(post.id, content, media);
    },
  };

  const startThread: Route = {
    method: "POST",
    path: "/channels/:channelId/messages/:messageId/threads",
    name: "thread",
    handle(req, params) {
      const denied = requireBot(req);
      if (denied) return denied;
      const found = channelFor(state, world, params.channelId!);
      if ("status" in found) return found;
      const { channel, guild } = found;
      const message = world.messages.get(params.messageId!);
      if (!message || message.channelId !== channel.id) return discordError(404, 10008, "Unknown Message");
      if (world.threads.has(params.messageId!)) return discordError(400, 160004, "A thread has already been created for this message");
      if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return discordError(400, 50035, "Invalid Form Body");
      let body: { name?: unknown; auto_archive_duration?: unknown };
      try {
        body = req.json();
      } catch {
        return discordError(400, 50109, "The request body contains invalid JSON.");
      }
      if (typeof body.name !== "string" || !body.name.trim()) return formError(["name"], "BASE_TYPE_REQUIRED", "This field is required");
      if (codePoints(body.name) > 100) return formError(["name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
      if (body.auto_archive_duration !== undefined && ![60, 1440, 4320, 10080].includes(body.auto_archive_duration as number))
        return formError(["auto_archive_duration"], "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.");
      // The thread's id is the message's (channel.mdx).
      const thread = {
        id: params.messageId!,
        type: channel.type === TYPES.announcement ? TYPES.announcementThread : TYPES.publicThread,
        name: body.name,
        guildId: guild.id,
        parentId: channel.id,
        position: 0,
      };
      world.threads.set(thread.id, thread);
      return json(201, { id: thread.id, type: thread.type, guild_id: guild.id, parent_id: channel.id, name: thread.name });
    },
  };

  return [createMessage, startThread];
}
