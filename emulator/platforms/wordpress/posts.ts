import { isAnswer } from "@/emulator/kit/access";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";
import { CATEGORIES, P, requireUser, signedIn, TAGS, wpError } from "./site";

// POST /wp/v2/media and /wp/v2/posts and their reads, checked as WordPress checks them
// (developer.wordpress.org/rest-api/reference/posts and /media; core wp_insert_post's date rule).

const ALLOWED_TYPES: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp" };
const STATUSES = ["publish", "future", "draft", "pending", "private"];
const DATE_GMT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
let nextId = 100;

const invalidParam = (param: string, why: string) =>
  wpError(400, "rest_invalid_param", `Invalid parameter(s): ${param}`, { params: { [param]: why } });

export function uploadMedia(state: EmulatorState, req: EmuRequest): EmuResponse {
  const who = requireUser(state, req);
  if (isAnswer(who)) return who;
  const { account } = who;
  if (req.body.length === 0) return wpError(400, "rest_upload_no_data", "No data supplied.");
  const disposition = req.headers["content-disposition"];
  if (!disposition) return wpError(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.");
  const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  if (!filename)
    return wpError(
      400,
      "rest_upload_invalid_disposition",
      'Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename="image.png"` or similar.',
    );
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
  if (!ALLOWED_TYPES[type]) return wpError(500, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type.");
  const id = nextId++;
  const alt = req.query.get("alt_text") ?? "";
  state.media.set(String(id), { platform: P, accountId: account.id, mimeType: type, size: req.body.length, alt });
  const month = new Date().toISOString().slice(0, 7).replace("-", "/");
  return json(201, {
    id,
    media_type: "image",
    mime_type: type,
    alt_text: alt,
    source_url: `${req.base}/wp-content/uploads/${month}/${encodeURIComponent(filename)}`,
    author: Number(account.id),
  });
}

type PostInput = {
  title?: unknown;
  content?: unknown;
  excerpt?: unknown;
  status?: unknown;
  date_gmt?: unknown;
  slug?: unknown;
  categories?: unknown;
  tags?: unknown;
  featured_media?: unknown;
};

const slugOf = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 200);

/** Term ids as WordPress 6.1 takes them: integers required, ids the site does not have dropped without a word. */
function checkTerms(value: unknown, param: string, known: { id: number }[]): number[] | EmuResponse {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v)))
    return invalidParam(param, `${param} is not of type array of integers.`);
  return (value as number[]).filter((id) => known.some((t) => t.id === id));
}

export function createPost(state: EmulatorState, req: EmuRequest): EmuResponse {
  const who = requireUser(state, req);
  // Nobody signed in: the permission check refuses with 401 (403 would mean a role without the capability).
  if (isAnswer(who)) return wpError(401, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.");
  const { account } = who;
  let body: PostInput;
  try {
    body = req.json<PostInput>();
  } catch {
    return wpError(400, "rest_invalid_json", "Invalid JSON body passed.");
  }
  const text = (v: unknown, param: string) =>
    v === undefined || typeof v === "string" ? (v ?? "") : invalidParam(param, `${param} is not of type string.`);
  const title = text(body.title, "title");
  const content = text(body.content, "content");
  const excerpt = text(body.excerpt, "excerpt");
  for (const v of [title, content, excerpt]) if (typeof v !== "string") return v;
  if (!(title as string).trim() && !(content as string).trim() && !(excerpt as string).trim())
    return wpError(400, "empty_content", "Content, title, and excerpt are empty.");
  let status = body.status ?? "draft";
  if (typeof status !== "string" || !STATUSES.includes(status))
    return invalidParam("status", `status is not one of ${STATUSES.join(", ")}.`);
  let date = Date.now();
  if (body.date_gmt !== undefined) {
    if (typeof body.date_gmt !== "string" || !DATE_GMT.test(body.date_gmt) || Number.isNaN(Date.parse(`${body.date_gmt}Z`)))
      return invalidParam("date_gmt", "Invalid date.");
    date = Date.parse(`${body.date_gmt}Z`);
  }
  // wp_insert_post: a publish dated ahead is scheduled, a future dated now or past is published.
  if (status === "publish" && date > Date.now() + 60_000) status = "future";
  else if (status === "future" && date <= Date.now() + 60_000) status = "publish";
  const categories = checkTerms(body.categories, "categories", CATEGORIES);
  if (!Array.isArray(categories)) return categories;
  const tags = checkTerms(body.tags, "tags", TAGS);
  if (!Array.isArray(tags)) return tags;
  const featured = body.featured_media ?? 0;
  if (!Number.isInteger(featured)) return invalidParam("featured_media", "featured_media is not of type integer.");
  // An unknown featured_media is accepted too (201 on WordPress 6.1.9); the emulator stores none.
  const image = featured && state.media.get(String(featured))?.platform === P ? featured : 0;
  if (body.slug !== undefined && typeof body.slug !== "string") return invalidParam("slug", "slug is not of type string.");
  const id = nextId++;
  const slug = slugOf((body.slug as string | undefined) || (title as string)) || String(id);
  const link = status === "publish" ? `${req.base}/${slug}/` : `${req.base}/?p=${id}`;
  const post = {
    id,
    date_gmt: new Date(date).toISOString().slice(0, 19),
    slug,
    status,
    link,
    author: Number(account.id),
    title: { raw: title, rendered: title },
    content: { raw: content, rendered: content },
    excerpt: { raw: excerpt, rendered: excerpt },
    featured_media: image,
    // No categories given: the default one (Uncategorized); unknown ones given: none.
    categories: body.categories === undefined ? [1] : categories,
    tags,
  };
  recorded(state, P).record({
    id: String(id),
    accountId: account.id,
    text: content as string,
    media: image ? [String(image)] : [],
    extra: { post },
  });
  return json(201, post);
}

export function readPost(state: EmulatorState, req: EmuRequest, id: string): EmuResponse {
  const who = signedIn(state, req, false);
  if (who && isAnswer(who)) return who;
  const post = recorded(state, P).find(id)?.extra?.post as { status: string; author: number } | undefined;
  const mine = who && !isAnswer(who) && String(post?.author) === who.account.id;
  if (!post || (post.status !== "publish" && !mine)) return wpError(404, "rest_post_invalid_id", "Invalid post ID.");
  return json(200, post);
}
