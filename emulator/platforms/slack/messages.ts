import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import type { Route } from "@/emulator/types";
import { argsOf, channelsOf, isAnswer, nextTs, ok, PLATFORM, requireBot, slackError, type Workspace } from "./support";

// Posting as documented on docs.slack.dev: chat.postMessage (channel; text and/or blocks; text past
// 40,000 characters refused as msg_too_long here; at most 50 blocks, a section's text ≤3,000, an
// image block with alt_text ≤2,000 and either image_url or slack_file naming an image file the bot
// can access; thread_ts naming a parent message of the channel, never a reply), chat.getPermalink,
// and the external upload flow: files.getUploadURLExternal (filename, length), the bytes POSTed to
// its upload_url (exactly the announced length), files.completeUploadExternal (files [{id, title}],
// each completed once; optional channel_id the bot is in, thread_ts naming a parent message of
// that channel, initial_comment). Slack documents no error code for a bad thread_ts there: this
// emulator answers as chat.postMessage does (thread_not_found, cannot_reply_to_message).

const SLACK_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif"];

type Block = {
  type?: unknown;
  text?: { type?: unknown; text?: unknown };
  alt_text?: unknown;
  slack_file?: { id?: unknown; url?: unknown };
  image_url?: unknown;
};

export function messageRoutes(state: EmulatorState, w: Workspace): Route[] {
  const mine = recorded(state, PLATFORM);

  const postMessage: Route = {
    method: "POST",
    path: "/chat.postMessage",
    name: "post",
    handle(req) {
      const args = argsOf(req);
      if (isAnswer(args)) return args;
      const grant = requireBot(state, req, "chat:write");
      if (isAnswer(grant)) return grant;
      const c = channelsOf(w, grant.accountId).find((x) => x.id === args.channel);
      if (!args.channel || !c || (c.isPrivate && !c.members.has("bot"))) return slackError("channel_not_found");
      if (c.isArchived) return slackError("is_archived");
      if (!c.members.has("bot")) return slackError("not_in_channel");
      const text = typeof args.text === "string" ? args.text : "";
      let blocks: Block[] = [];
      if (args.blocks !== undefined) {
        let raw = args.blocks;
        if (typeof raw === "string") {
          try {
            raw = JSON.parse(raw);
          } catch {
            return slackError("invalid_blocks_format");
          }
        }
        if (!Array.isArray(raw)) return slackError("invalid_blocks_format");
        blocks = raw as Block[];
      }
      if (!text.trim() && !blocks.length) return slackError("no_text");
      if ([...text].length > 40_000) return slackError("msg_too_long");
      if (blocks.length > 50) return slackError("invalid_blocks", { errors: ["must be at most 50 blocks [json-pointer:/blocks]"] });
      const media: string[] = [];
      for (const [i, b] of blocks.entries()) {
        const bad = (why: string) => slackError("invalid_blocks", { errors: [`${why} [json-pointer:/blocks/${i}]`] });
        if (b.type === "section") {
          if (typeof b.text?.text !== "string" || !["mrkdwn", "plain_text"].includes(b.text.type as string))
            return bad("section needs a text object");
          if ([...b.text.text].length > 3000) return bad("must be less than 3001 characters");
        } else if (b.type === "image") {
          if (typeof b.alt_text !== "string" || !b.alt_text || b.alt_text.length > 2000) return bad("alt_text must be 1-2000 characters");
          const id = b.slack_file?.id;
          if (b.image_url !== undefined) return bad("image_url must be a public URL; this emulator hosts none");
          if (typeof id !== "string" || b.slack_file?.url !== undefined) return bad("slack_file needs exactly one of id or url");
          const up = w.uploads.get(id);
          if (!up || !up.completed || up.accountId !== grant.accountId) return bad(`invalid slack_file: ${id} not found`);
          if (!SLACK_IMAGE_TYPES.includes(up.received?.type ?? "")) return bad(`slack_file ${id} is not a png, jpg or gif image`);
          media.push(id);
        } else return bad(`unsupported block type ${String(b.type)}`);
      }
      let threadTs: string | undefined;
      if (args.thread_ts !== undefined) {
        const parent = w.messages.get(String(args.thread_ts));
        if (!parent || parent.channel !== c.id) return slackError("thread_not_found");
        if (parent.threadTs) return slackError("cannot_reply_to_message");
        threadTs = parent.ts;
      }
      const ts = nextTs(w);
      w.messages.set(ts, { ts, channel: c.id, threadTs });
      const post = mine.record({
        id: ts,
        accountId: grant.accountId,
        text,
        media,
        ...(threadTs ? { replyTo: threadTs } : {}),
        extra: {
          channel: c.id,
          unfurl_links: args.unfurl_links ?? null,
          reply_broadcast: args.reply_broadcast ?? null,
          blocks: blocks.length,
        },
      });
      return ok({
        channel: c.id,
        ts: post.id,
        message: { type: "message", text, ts: post.id, bot_id: "BEMULATOR1", ...(threadTs ? { thread_ts: threadTs } : {}) },
      });
    },
  };

  const permalink: Route = {
    method: "GET",
    path: "/chat.getPermalink",
    name: "permalink",
    handle(req) {
      const args = argsOf(req);
      if (isAnswer(args)) return args;
      const grant = requireBot(state, req);
      if (isAnswer(grant)) return grant;
      const m = w.messages.get(String(args.message_ts ?? ""));
      if (!m || m.channel !== args.channel) return slackError("message_not_found");
      return ok({ channel: m.channel, permalink: `${req.base}/archives/${m.channel}/p${m.ts.replace(".", "")}` });
    },
  };

  const getUploadUrl: Route = {
    method: "POST",
    path: "/files.getUploadURLExternal",
    name: "media",
    handle(req) {
      const args = argsOf(req);
      if (isAnswer(args)) return args;
      const grant = requireBot(state, req, "files:write");
      if (isAnswer(grant)) return grant;
      const length = Number(args.length);
      if (!args.filename || args.length === undefined) return slackError("invalid_arguments");
      if (!Number.isInteger(length) || length <= 0) return slackError("missing_argument");
      if (args.alt_txt !== undefined && String(args.alt_txt).length > 1000) return slackError("invalid_arguments");
      const id = `F${state.nextId()}`;
      w.uploads.set(id, {
        id,
        accountId: grant.accountId,
        filename: String(args.filename),
        length,
        alt: args.alt_txt as string | undefined,
        completed: false,
      });
      return ok({ upload_url: `${req.base}/upload/v1/${id}`, file_id: id });
    },
  };

  const upload: Route = {
    method: "POST",
    path: "/upload/v1/:fileId",
    name: "upload",
    async handle(req, params) {
      const up = w.uploads.get(params.fileId!);
      if (!up || up.completed) return { status: 404, headers: { "content-type": "text/plain" }, body: "Not found" };
      const type = req.headers["content-type"] ?? "application/octet-stream";
      let size = req.body.length;
      let mime = type.split(";")[0]!.trim();
      if (type.startsWith("multipart/form-data")) {
        const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
        const file = form?.get("file") ?? form?.get("filename");
        if (!(file instanceof Blob)) return { status: 400, headers: { "content-type": "text/plain" }, body: "no file" };
        size = file.size;
        mime = file.type;
      }
      if (size !== up.length)
        return { status: 400, headers: { "content-type": "text/plain" }, body: `length mismatch: ${size} != ${up.length}` };
      up.received = { size, type: mime };
      return { status: 200, headers: { "content-type": "text/plain" }, body: `OK - ${size}` };
    },
  };

  const complete: Route = {
    method: "POST",
    path: "/files.completeUploadExternal",
    name: "complete-upload",
    handle(req) {
      const args = argsOf(req);
      if (isAnswer(args)) return args;
      const grant = requireBot(state, req, "files:write");
      if (isAnswer(grant)) return grant;
      let files = args.files;
      if (typeof files === "string") {
        try {
          files = JSON.parse(files);
        } catch {
          return slackError("invalid_arguments");
        }
      }
      if (!Array.isArray(files) || !files.length) return slackError("invalid_arguments");
      const ups = [];
      for (const f of files as { id?: unknown; title?: unknown }[]) {
        const up = typeof f?.id === "string" ? w.uploads.get(f.id) : undefined;
        // The upload URL must have received exactly the announced length (the upload route checks it),
        // and a file is completed once.
        if (!up || up.accountId !== grant.accountId || !up.received || up.completed) return slackError("file_not_found");
        ups.push({ up, title: typeof f.title === "string" ? f.title : up.filename });
      }
      // thread_ts needs the one channel the reply goes to.
      if (args.thread_ts !== undefined && args.channel_id === undefined) return slackError("invalid_arguments");
      if (args.channel_id !== undefined) {
        const c = channelsOf(w, grant.accountId).find((x) => x.id === args.channel_id);
        if (!c || (c.isPrivate && !c.members.has("bot"))) return slackError("channel_not_found");
        if (c.isArchived) return slackError("is_archived");
        if (!c.members.has("bot")) return slackError("not_in_channel");
        let threadTs: string | undefined;
        if (args.thread_ts !== undefined) {
          // A parent message of this channel, never a reply ("use its parent instead").
          const parent = w.messages.get(String(args.thread_ts));
          if (!parent || parent.channel !== c.id) return slackError("thread_not_found");
          if (parent.threadTs) return slackError("cannot_reply_to_message");
          threadTs = parent.ts;
        }
        // Shared into the channel (or the thread): a message of its own, whose ts this answer does not give.
        const ts = nextTs(w);
        w.messages.set(ts, { ts, channel: c.id, threadTs });
        mine.record({
          id: ts,
          accountId: grant.accountId,
          text: String(args.initial_comment ?? ""),
          media: ups.map((u) => u.up.id),
          ...(threadTs ? { replyTo: threadTs } : {}),
          extra: { channel: c.id, fileShare: true },
        });
      }
      for (const { up } of ups) {
        up.completed = true;
        state.media.set(up.id, {
          platform: PLATFORM,
          accountId: grant.accountId,
          mimeType: up.received!.type,
          size: up.received!.size,
          alt: up.alt,
        });
      }
      return ok({
        files: ups.map(({ up, title }) => ({
          id: up.id,
          name: up.filename,
          title,
          mimetype: up.received!.type,
          size: up.received!.size,
          permalink: `${req.base}/files/${up.id}`,
        })),
      });
    },
  };

  const getPermalink: Route = { ...permalink, method: "POST" };
  return [postMessage, permalink, getPermalink, getUploadUrl, upload, complete];
}
