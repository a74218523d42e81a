import { createHash, randomBytes } from "node:crypto";
import { postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { caller, isAnswer, managedGroups, PLATFORM, vkError, type Caller } from "./support";

// The VK API methods a wall publisher uses (dev.vk.com; VKCOM/vk-api-schema v5.199): users.get,
// groups.get, the wall photo upload (photos.getWallUploadServer → POST upload_url, field "photo" →
// photos.saveWallPhoto), wall.post, wall.createComment and wall.getById. Posts go on the user's own
// wall or on a community they manage (owner_id = -<group id>); `guid` makes a repeat within an hour
// answer the first post instead of making a second (the documented purpose of the parameter; VK does
// not document the answer, so the emulator gives the first post's id).

/** dev.vk.com wall.post: "no more than 10 media (photos, videos)" per post. */
const MAX_MEDIA = 10;
const GUID_WINDOW_MS = 3_600_000;

/** An upload address handed out: whose it is, and for which community wall (photos) or video. */
type Ticket = { accountId: string; groupId?: number; videoId?: number };
type Photo = { id: number; ownerId: number; accountId: string };
type Video = { id: number; ownerId: number; accountId: string; uploaded: boolean };
type Store = {
  tickets: Map<string, Ticket>;
  uploads: Map<string, Ticket & { hash: string }>;
  photos: Map<string, Photo>;
  videos: Map<string, Video>;
  seq: { post: number; photo: number; comment: number };
};

const secretHash = (s: string) => createHash("sha256").update(`vk-upload:${s}`).digest("hex").slice(0, 32);

function method(
  state: EmulatorState,
  name: string,
  route: string,
  scope: string | undefined,
  run: (c: Caller, req: EmuRequest) => EmuResponse | Promise<EmuResponse>,
): Route {
  return {
    method: "POST",
    path: `/method/${name}`,
    name: route,
    handle(req) {
      const c = caller(state, req, scope);
      return isAnswer(c) ? c : run(c, req);
    },
  };
}

/** The wall a call names: its owner id, when the caller may post there; or VK's refusal. */
function wallOf(c: Caller, raw: string | null): number | EmuResponse {
  if (raw === null || raw === "") return c.uid;
  if (!/^-?\d+$/.test(raw))
    return vkError(100, "One of the parameters specified was missing or invalid: owner_id is not a number", c.params);
  const owner = Number(raw);
  if (owner === c.uid) return owner;
  if (owner < 0 && managedGroups(c.acc).some((g) => g.id === -owner)) return owner;
  return vkError(214, "Access to adding post denied", c.params);
}

/** The attachments list: photo<owner>_<id> this account uploaded, at most one link, at most 10 media. */
function attachmentsOf(c: Caller, store: Store): string[] | EmuResponse {
  const raw = c.params.get("attachments") ?? "";
  const items = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const links = items.filter((a) => /^https?:\/\//.test(a));
  if (links.length > 1)
    return vkError(100, "One of the parameters specified was missing or invalid: more than one link attached", c.params);
  const media = items.filter((a) => !links.includes(a));
  if (media.length > MAX_MEDIA)
    return vkError(100, `One of the parameters specified was missing or invalid: at most ${MAX_MEDIA} attachments`, c.params);
  for (const a of media) {
    const m = /^(photo|video)(-?\d+)_(\d+)(?:_\w+)?$/.exec(a);
    const key = m && `${m[2]}_${m[3]}`;
    const p = key && (m[1] === "photo" ? store.photos.get(key) : store.videos.get(key));
    // A video counts once its file reached the upload server.
    if (!p || p.accountId !== c.acc.id || ("uploaded" in p && !p.uploaded))
      return vkError(100, `One of the parameters specified was missing or invalid: attachments: unknown object ${a}`, c.params);
  }
  return items;
}

export function apiRoutes(state: EmulatorState): Route[] {
  const store: Store = {
    tickets: new Map(),
    uploads: new Map(),
    photos: new Map(),
    videos: new Map(),
    seq: { post: 1, photo: 457_239_017, comment: 1 },
  };
  const mine = recorded(state, PLATFORM);
  const byGuid = (accountId: string, owner: number, guid: string, replyTo?: string) =>
    state.posts.find(
      (p) =>
        p.platform === PLATFORM &&
        p.accountId === accountId &&
        p.idempotencyKey === guid &&
        p.extra?.owner_id === owner &&
        p.replyTo === replyTo &&
        p.receivedAt > Date.now() - GUID_WINDOW_MS,
    );
  return [
    method(state, "users.get", "profile", undefined, (c) => {
      const [first, ...rest] = c.acc.name.split(" ");
      return json(200, {
        response: [
          {
            id: c.uid,
            first_name: first,
            last_name: rest.join(" "),
            screen_name: `id${c.uid}`,
            photo_200: `https://emulator.invalid/vk/${c.uid}.png`,
          },
        ],
      });
    }),
    method(state, "groups.get", "groups", "groups", (c) => {
      const filter = (c.params.get("filter") ?? "").split(",");
      const roles: string[] = filter.filter((f) => f === "admin" || f === "editor" || f === "moder");
      const groups = managedGroups(c.acc).filter(
        (g) => !roles.length || roles.includes(g.role) || (g.role === "admin" && roles.includes("editor")),
      );
      if (c.params.get("extended") !== "1") return json(200, { response: { count: groups.length, items: groups.map((g) => g.id) } });
      return json(200, {
        response: {
          count: groups.length,
          items: groups.map((g) => ({
            id: g.id,
            name: g.name,
            screen_name: g.screen_name,
            type: "group",
            is_admin: 1,
            admin_level: g.role === "admin" ? 3 : 2,
          })),
        },
      });
    }),
    method(state, "photos.getWallUploadServer", "upload-server", "photos", (c, req) => {
      const gid = c.params.get("group_id");
      if (gid && !managedGroups(c.acc).some((g) => String(g.id) === gid))
        return vkError(15, "Access denied: no access to this community", c.params);
      const ticket = randomBytes(8).toString("hex");
      store.tickets.set(ticket, { accountId: c.acc.id, ...(gid ? { groupId: Number(gid) } : {}) });
      return json(200, { response: { album_id: -14, upload_url: `${req.base}/upload/${ticket}`, user_id: c.uid } });
    }),
    method(state, "photos.saveWallPhoto", "save-photo", "photos", (c) => {
      const [photo, server, hash] = ["photo", "server", "hash"].map((k) => c.params.get(k) ?? "");
      if (!photo || !server || !hash)
        return vkError(100, "One of the parameters specified was missing or invalid: photo, server and hash are required", c.params);
      const up = store.uploads.get(hash);
      if (!up || up.accountId !== c.acc.id || up.hash !== hash) return vkError(121, "Invalid hash", c.params);
      const gid = c.params.get("group_id");
      if ((gid ? Number(gid) : undefined) !== up.groupId)
        return vkError(100, "One of the parameters specified was missing or invalid: group_id differs from the upload server's", c.params);
      store.uploads.delete(hash);
      const id = store.seq.photo++;
      const ownerId = up.groupId ? -up.groupId : c.uid;
      store.photos.set(`${ownerId}_${id}`, { id, ownerId, accountId: c.acc.id });
      state.media.set(`${ownerId}_${id}`, { platform: PLATFORM, accountId: c.acc.id, mimeType: "image/jpeg", size: 0 });
      return json(200, { response: [{ id, owner_id: ownerId, album_id: -14, date: Math.floor(Date.now() / 1000), sizes: [], text: "" }] });
    }),
    method(state, "wall.post", "post", "wall", (c) => {
      const owner = wallOf(c, c.params.get("owner_id"));
      if (typeof owner !== "number") return owner;
      const attachments = attachmentsOf(c, store);
      if (!Array.isArray(attachments)) return attachments;
      const message = c.params.get("message") ?? "";
      if (!message.trim() && !attachments.length)
        return vkError(100, "One of the parameters specified was missing or invalid: message is empty or invalid", c.params);
      const guid = c.params.get("guid") || undefined;
      const again = guid && byGuid(c.acc.id, owner, guid);
      if (again) return json(200, { response: { post_id: Number(again.extra!.post_id) } });
      const postId = store.seq.post++;
      mine.record({
        id: `${owner}_${postId}`,
        accountId: c.acc.id,
        text: message,
        media: attachments.filter((a) => !/^https?:/.test(a)),
        ...(guid ? { idempotencyKey: guid } : {}),
        extra: {
          owner_id: owner,
          post_id: postId,
          from_group: c.params.get("from_group") === "1",
          signed: c.params.get("signed") === "1",
          close_comments: c.params.get("close_comments") === "1",
        },
      });
      return json(200, { response: { post_id: postId } });
    }),
    method(state, "wall.createComment", "comment", "wall", (c) => {
      const owner = Number(c.params.get("owner_id") ?? c.uid);
      const postId = c.params.get("post_id") ?? "";
      const parent = mine.find(`${owner}_${postId}`);
      if (!parent) return vkError(100, "One of the parameters specified was missing or invalid: post_id: no such post", c.params);
      if (parent.extra?.close_comments) return vkError(212, "Access to post comments denied", c.params);
      const fromGroup = c.params.get("from_group");
      if (fromGroup && !managedGroups(c.acc).some((g) => String(g.id) === fromGroup))
        return vkError(15, "Access denied: you cannot comment as this community", c.params);
      const attachments = attachmentsOf(c, store);
      if (!Array.isArray(attachments)) return attachments;
      const message = c.params.get("message") ?? "";
      if (!message.trim() && !attachments.length)
        return vkError(100, "One of the parameters specified was missing or invalid: message is empty", c.params);
      const guid = c.params.get("guid") || undefined;
      const again = guid && byGuid(c.acc.id, owner, guid, parent.id);
      if (again) return json(200, { response: { comment_id: Number(again.extra!.comment_id), parents_stack: [] } });
      const commentId = store.seq.comment++;
      mine.record({
        id: `${owner}_${postId}_${commentId}`,
        accountId: c.acc.id,
        text: message,
        media: attachments,
        replyTo: parent.id,
        ...(guid ? { idempotencyKey: guid } : {}),
        extra: { owner_id: owner, comment_id: commentId, from_group: fromGroup ?? null },
      });
      return json(200, { response: { comment_id: commentId, parents_stack: [] } });
    }),
    method(state, "wall.getById", "analytics", "wall", (c) => {
      const ids = (c.params.get("posts") ?? "").split(",").filter(Boolean);
      if (!ids.length) return vkError(100, "One of the parameters specified was missing or invalid: posts is required", c.params);
      const items = ids
        .map((id) => mine.find(id))
        .filter((p): p is RecordedPost => !!p && p.replyTo === undefined)
        .map((p) => ({
          id: p.extra?.post_id,
          owner_id: p.extra?.owner_id,
          date: Math.floor(p.receivedAt / 1000),
          text: p.text,
          likes: { count: postCounter(p.id, "likes", p.receivedAt) },
          reposts: { count: postCounter(p.id, "reposts", p.receivedAt) },
          comments: { count: state.posts.filter((x) => x.platform === PLATFORM && x.replyTo === p.id).length },
          views: { count: postCounter(p.id, "views", p.receivedAt) },
        }));
      return json(200, { response: { items } });
    }),
    {
      method: "POST",
      path: "/upload/:ticket",
      name: "media",
      async handle(req, params) {
        const ticket = store.tickets.get(params.ticket ?? "");
        const fail = () => json(200, { server: 856312, photo: "[]", hash: secretHash("none") });
        if (!ticket) return json(200, { error: "ERR_UPLOAD_BAD_URL: the upload address is unknown or used" });
        store.tickets.delete(params.ticket!);
        const type = req.headers["content-type"] ?? "";
        if (!type.startsWith("multipart/form-data")) return fail();
        const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
        const file = form?.get("photo");
        if (!(file instanceof Blob) || file.size === 0 || !/^image\/(jpeg|png|gif)$/.test(file.type)) return fail();
        if (file.size > 50 * 1024 * 1024) return fail();
        const hash = secretHash(randomBytes(8).toString("hex"));
        store.uploads.set(hash, { ...ticket, hash });
        const photo = JSON.stringify([{ photo: `${hash.slice(0, 10)}:w`, sizes: [], kid: hash.slice(0, 32) }]);
        return json(200, { server: 856312, photo, hash });
      },
    },
    method(state, "video.save", "video-save", "video", (c, req) => {
      const gid = c.params.get("group_id");
      if (gid && !managedGroups(c.acc).some((g) => String(g.id) === gid))
        return vkError(15, "Access denied: no access to this community", c.params);
      const name = c.params.get("name") ?? "";
      if (name.length > 128)
        return vkError(100, "One of the parameters specified was missing or invalid: name is longer than 128 characters", c.params);
      if ((c.params.get("description") ?? "").length > 5000)
        return vkError(
          100,
          "One of the parameters specified was missing or invalid: description is longer than 5,000 characters",
          c.params,
        );
      const id = store.seq.photo++;
      const ownerId = gid ? -Number(gid) : c.uid;
      const ticket = randomBytes(8).toString("hex");
      store.videos.set(`${ownerId}_${id}`, { id, ownerId, accountId: c.acc.id, uploaded: false });
      store.tickets.set(`video:${ticket}`, { accountId: c.acc.id, videoId: id });
      return json(200, {
        response: {
          access_key: randomBytes(9).toString("hex"),
          description: "",
          owner_id: ownerId,
          title: name || "Untitled",
          upload_url: `${req.base}/video-upload/${ticket}`,
          video_id: id,
        },
      });
    }),
    {
      method: "POST",
      path: "/video-upload/:ticket",
      name: "video-media",
      async handle(req, params) {
        const ticket = store.tickets.get(`video:${params.ticket ?? ""}`);
        if (!ticket) return json(200, { error: "bad upload address" });
        const type = req.headers["content-type"] ?? "";
        const form = type.startsWith("multipart/form-data")
          ? await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined)
          : undefined;
        const file = form?.get("video_file");
        if (!(file instanceof Blob) || file.size === 0 || !file.type.startsWith("video/"))
          return json(200, { error: "the file must be a video in the field video_file" });
        store.tickets.delete(`video:${params.ticket}`);
        const video = [...store.videos.values()].find((v) => v.id === ticket.videoId && v.accountId === ticket.accountId)!;
        video.uploaded = true;
        state.media.set(`${video.ownerId}_${video.id}`, {
          platform: PLATFORM,
          accountId: video.accountId,
          mimeType: file.type,
          size: file.size,
        });
        return json(200, {
          video_hash: secretHash(String(video.id)).slice(0, 18),
          size: file.size,
          video_id: video.id,
          owner_id: video.ownerId,
        });
      },
    },
    method(state, ":name", "unknown", undefined, (c) => vkError(3, "Unknown method passed", c.params)),
  ];
}
