import { createHash } from "node:crypto";
import { postCounter } from "@/emulator/kit/metrics";
import { clientSecretFor } from "@/emulator/kit/oauth";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState, RecordedPost } from "@/emulator/state";
import { type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { checkContent, type Part } from "./npf";
import { blogsOf, ok, ownBlog, PLATFORM, requireUser, tumblrError, type Blog } from "./support";

// Posts (tumblr/docs api.md "/posts – Create/Reblog a Post (Neue Post Format)", "/posts – Retrieve
// Published Posts", "/followers"; ../shared/platforms/tumblr.md §2, §3, §5):
// - POST /v2/blog/{blog}/posts: JSON, or multipart/form-data whose first part "json" is the JSON
//   body and whose other parts are files named by their media identifiers; content checked by
//   npf.ts; tags a comma-separated string; state published|queue|draft|private; 250 posts a day
//   per user (403.8023). Answers 201 {"response":{"id":"<string>"}};
// - GET /v2/blog/{blog}/posts: the blog's published posts, newest first (id, limit 1–20, offset,
//   npf, notes_info), each with post_url, reblog_key, timestamp, tags and note_count;
// - GET /v2/blog/{blog}/followers: total_users and a page of users (the blog's owner only).

const DAILY_POSTS = 250;
const STATES = ["published", "queue", "draft", "private"];

const numericId = (n: string) =>
  (BigInt(`0x${createHash("sha1").update(n).digest("hex").slice(0, 12)}`) + 700_000_000_000_000_000n).toString();
const reblogKeyOf = (id: string) => createHash("sha1").update(`reblog/${id}`).digest("base64url").slice(0, 8);

type Body = { json: Record<string, unknown>; parts: Map<string, Part> } | EmuResponse;

async function readBody(req: EmuRequest): Promise<Body> {
  const type = req.headers["content-type"] ?? "";
  const bad = (detail: string) => tumblrError(400, "Bad Request", 8001, detail);
  if (type.startsWith("application/json")) {
    try {
      return { json: req.json(), parts: new Map() };
    } catch {
      return bad("The request body is not valid JSON");
    }
  }
  if (!type.startsWith("multipart/form-data")) return bad("Send the post as application/json, or multipart/form-data with a 'json' part");
  const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
  if (!form) return bad("The multipart body could not be read");
  const entries = [...form.entries()];
  if (entries[0]?.[0] !== "json") return bad("The first part of a multipart post must be 'json'");
  const first = entries[0][1];
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(typeof first === "string" ? first : await first.text());
  } catch {
    return bad("The 'json' part is not valid JSON");
  }
  const parts = new Map<string, Part>();
  for (const [name, value] of entries.slice(1)) {
    if (typeof value === "string") return bad(`The part '${name}' is not a file`);
    parts.set(name, { type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return { json, parts };
}

const startOfDay = () => {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
};

async function createPost(state: EmulatorState, req: EmuRequest, blogId: string): Promise<EmuResponse> {
  const acc = requireUser(state, req, ["write"]);
  if ("status" in acc) return acc;
  const blog = ownBlog(acc, blogId);
  if (!blog) return tumblrError(404, "Not Found", 0, `No blog '${blogId}' this account may post to`);
  const read = await readBody(req);
  if ("status" in read) return read;
  const b = read.json;
  if ("parent_post_id" in b || "reblog_key" in b)
    return tumblrError(400, "Bad Request", 8002, "The emulator has no posts of other blogs to reblog");
  const problem = checkContent(b.content, read.parts);
  if (problem) return tumblrError(400, "Bad Request", problem.code, problem.message);
  if (b.tags !== undefined && typeof b.tags !== "string")
    return tumblrError(400, "Bad Request", 8001, "'tags' must be a comma-separated string");
  if (b.state !== undefined && !STATES.includes(String(b.state)))
    return tumblrError(400, "Bad Request", 8001, `'state' must be one of ${STATES.join(", ")}`);
  if (b.source_url !== undefined && !(typeof b.source_url === "string" && /^https?:\/\//.test(b.source_url)))
    return tumblrError(400, "Bad Request", 8001, "'source_url' must be an http(s) URL");
  const today = recorded(state, PLATFORM)
    .byAccount(acc.id)
    .filter((p) => p.receivedAt >= startOfDay()).length;
  if (today >= DAILY_POSTS) return tumblrError(403, "Forbidden", 8023, `You can only post ${DAILY_POSTS} times a day`);
  const content = b.content as Record<string, unknown>[];
  const text = content
    .filter((c) => c.type === "text")
    .map((c) => String(c.text))
    .join("\n");
  const id = numericId(`${state.nextId()}/${Date.now()}/${Math.random()}`);
  const tags =
    typeof b.tags === "string"
      ? b.tags
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean)
      : [];
  recorded(state, PLATFORM).record({
    id,
    accountId: acc.id,
    text,
    media: [...read.parts.keys()].map(() => state.nextId()),
    extra: { blog: blog.uuid, blogName: blog.name, content, tags, state: b.state ?? "published", source_url: b.source_url ?? null },
  });
  return ok({ id }, 201);
}

const postOf = (p: RecordedPost, blog: Blog, base: string, npf: boolean) => {
  const content = (p.extra?.content ?? []) as Record<string, unknown>[];
  return {
    object_type: "post",
    type: npf ? "blocks" : "text",
    id: Number(p.id),
    id_string: p.id,
    blog_name: blog.name,
    tumblelog_uuid: blog.uuid,
    post_url: `${base}/${blog.name}/post/${p.id}`,
    short_url: `${base}/${blog.name}/post/${p.id}`,
    timestamp: Math.floor(p.receivedAt / 1000),
    date: new Date(p.receivedAt)
      .toISOString()
      .replace("T", " ")
      .replace(/\.\d+Z$/, " GMT"),
    state: p.extra?.state ?? "published",
    tags: p.extra?.tags ?? [],
    reblog_key: reblogKeyOf(p.id),
    note_count: postCounter(p.id, "notes", p.receivedAt),
    ...(npf ? { content, layout: [] } : { body: p.text }),
  };
};

const postsOfBlog = (state: EmulatorState, acc: Account, blog: Blog) =>
  recorded(state, PLATFORM)
    .byAccount(acc.id)
    .filter((p) => p.extra?.blog === blog.uuid && (p.extra?.state ?? "published") === "published")
    .sort((a, b) => b.receivedAt - a.receivedAt || Number(BigInt(b.id) - BigInt(a.id)));

/** The blog a public read names, whoever owns it, with its owner. */
function anyBlog(state: EmulatorState, identifier: string): { acc: Account; blog: Blog } | undefined {
  for (const [key, acc] of state.accounts) {
    if (!key.startsWith(`${PLATFORM}/`)) continue;
    const blog = ownBlog(acc, identifier);
    if (blog) return { acc, blog };
  }
  return undefined;
}

/** GET /posts is an API-key method: ?api_key=<consumer key>, or an OAuth bearer (the user's own blogs too). */
function listPosts(state: EmulatorState, req: EmuRequest, blogId: string): EmuResponse {
  let found: { acc: Account; blog: Blog } | undefined;
  if (req.bearer()) {
    const acc = requireUser(state, req, ["basic"]);
    if ("status" in acc) return acc;
    const own = ownBlog(acc, blogId);
    found = own ? { acc, blog: own } : anyBlog(state, blogId);
  } else {
    const key = req.query.get("api_key");
    if (!key || !clientSecretFor(state, PLATFORM, key))
      return tumblrError(401, "Unauthorized", 1016, "A valid api_key (your OAuth consumer key) is required");
    found = anyBlog(state, blogId);
  }
  if (!found) return tumblrError(404, "Not Found", 0, `No blog '${blogId}'`);
  const { acc, blog } = found;
  const q = req.query;
  const limit = Number(q.get("limit") ?? 20);
  const offset = Number(q.get("offset") ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 20) return tumblrError(400, "Bad Request", 0, "limit must be 1 to 20");
  if (!Number.isInteger(offset) || offset < 0) return tumblrError(400, "Bad Request", 0, "offset must be 0 or more");
  const npf = q.get("npf") === "true";
  const all = postsOfBlog(state, acc, blog);
  const id = q.get("id");
  if (id !== null) {
    const one = all.find((p) => p.id === id);
    if (!one) return tumblrError(404, "Not Found", 0, `No post ${id} on this blog`);
    return ok({ blog: { name: blog.name, uuid: blog.uuid, title: blog.title }, posts: [postOf(one, blog, req.base, npf)], total_posts: 1 });
  }
  return ok({
    blog: { name: blog.name, uuid: blog.uuid, title: blog.title },
    posts: all.slice(offset, offset + limit).map((p) => postOf(p, blog, req.base, npf)),
    total_posts: all.length,
  });
}

function followers(state: EmulatorState, req: EmuRequest, blogId: string): EmuResponse {
  const acc = requireUser(state, req, ["basic"]);
  if ("status" in acc) return acc;
  const blog = ownBlog(acc, blogId);
  if (!blog) return tumblrError(403, "Forbidden", 0, "Only the blog's members can read its followers");
  return ok({ total_users: blog.followers, users: [] });
}

/** The post's public page (post_url), so a link stored in sandbox mode opens. */
function postPage(state: EmulatorState, name: string, id: string): EmuResponse {
  const p = recorded(state, PLATFORM).find(id);
  const blog = p && state.getAccount(PLATFORM, p.accountId);
  const owner = blog ? blogsOf(blog).find((b) => b.name === name && b.uuid === p!.extra?.blog) : undefined;
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const page = (status: number, body: string): EmuResponse => ({
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tumblr emulator</title></head><body><main>${body}</main></body></html>`,
  });
  if (!p || !owner) return page(404, "<h1>There's nothing here.</h1>");
  return page(200, `<h1>${esc(owner.title)}</h1><article>${esc(p.text).replace(/\n/g, "<br>")}</article>`);
}

export function postRoutes(state: EmulatorState): Route[] {
  return [
    { method: "POST", path: "/v2/blog/:blog/posts", name: "post", handle: (req, p) => createPost(state, req, p.blog!) },
    { method: "GET", path: "/v2/blog/:blog/posts", name: "posts", handle: (req, p) => listPosts(state, req, p.blog!) },
    { method: "GET", path: "/v2/blog/:blog/followers", name: "followers", handle: (req, p) => followers(state, req, p.blog!) },
    { method: "GET", path: "/:blog/post/:id", name: "web", handle: (_req, p) => postPage(state, p.blog!, p.id!) },
  ];
}
