import { randomBytes, randomUUID } from "node:crypto";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";
import { htmlToText } from "@/lib/markup/sanitize-html";
import { ghostError } from "./envelope";
import { P, type Site } from "./keys";

// Posts, images and newsletters of an emulated site, checked as Ghost's Admin API documents
// them (docs.ghost.org/admin-api: posts/creating-a-post, posts/scheduling-a-post,
// posts/sending-a-post, images/uploading-an-image, newsletters/overview) and with the column
// limits of Ghost's schema (title 255, custom_excerpt 300, feature_image_alt 125).

const STATUSES = ["draft", "published", "scheduled"];
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml"];
const PURPOSES = ["image", "profile_image", "icon"];
const IMAGE_LIMIT = 10 * 1024 * 1024;
const SCHEDULE_FLOOR_MS = 2 * 60_000;
const LIMITS: Record<string, [string, number]> = {
  title: ["posts", 255],
  custom_excerpt: ["posts", 300],
  canonical_url: ["posts", 2000],
  feature_image_alt: ["posts_meta", 125],
};

export const siteUrl = (req: EmuRequest, site: Site) => `${req.base}/${site.name ? `${site.name}/` : ""}`;
const objectId = () => randomBytes(12).toString("hex");
const invalid = (message: string, context?: string) => ghostError(422, "ValidationError", message, { context });
const badRequest = (message: string) => ghostError(400, "BadRequestError", message);

/** The newsletters every emulated site has: one active, one archived (never a valid `newsletter`). */
export function newsletters(site: Site) {
  const made = "2026-01-01T00:00:00.000Z";
  const base = { sender_name: null, sender_email: null, sender_reply_to: "newsletter", visibility: "members", created_at: made };
  return [
    {
      ...base,
      id: "62750bff2b868a34f814af08",
      name: `${site.name || "Ghost"} weekly`,
      slug: "default-newsletter",
      status: "active",
      sort_order: 0,
    },
    { ...base, id: "62750bff2b868a34f814af09", name: "Old announcements", slug: "old-announcements", status: "archived", sort_order: 1 },
  ];
}

export function browseNewsletters(req: EmuRequest, site: Site): EmuResponse {
  const filter = req.query.get("filter");
  const all = newsletters(site).filter((n) => !filter || filter === `status:${n.status}`);
  return json(200, {
    newsletters: all,
    meta: { pagination: { page: 1, limit: "all", pages: 1, total: all.length, next: null, prev: null } },
  });
}

const sitePosts = (state: EmulatorState, site: Site) => recorded(state, P).byAccount(site.accountId);

function view(req: EmuRequest, site: Site, p: RecordedPost) {
  const x = p.extra as Record<string, unknown>;
  const live = x.status === "published";
  return { id: p.id, ...x, url: `${siteUrl(req, site)}${live ? `${x.slug}/` : `p/${x.uuid}/`}` };
}

export function browsePosts(state: EmulatorState, req: EmuRequest, site: Site): EmuResponse {
  const limit = Math.max(1, Math.min(100, Number(req.query.get("limit")) || 15));
  const all = [...sitePosts(state, site)].reverse();
  return json(200, {
    posts: all.slice(0, limit).map((p) => view(req, site, p)),
    meta: { pagination: { page: 1, limit, pages: Math.ceil(all.length / limit) || 1, total: all.length, next: null, prev: null } },
  });
}

function slugFor(state: EmulatorState, site: Site, title: string): string {
  const base =
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 185) || "untitled";
  const taken = new Set(sitePosts(state, site).map((p) => (p.extra as { slug?: string }).slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

type PostInput = Record<string, unknown> & { tags?: unknown[] };

export function createPost(state: EmulatorState, req: EmuRequest, site: Site): EmuResponse {
  let body: { posts?: unknown };
  try {
    body = req.json();
  } catch {
    return badRequest("Request body is not valid JSON");
  }
  if (!Array.isArray(body.posts) || !body.posts[0] || typeof body.posts[0] !== "object")
    return badRequest("No root key ('posts') provided.");
  const input = body.posts[0] as PostInput;
  const title = typeof input.title === "string" ? input.title.trim() : "";
  if (!title) return invalid("Value in [posts.title] cannot be blank.");
  for (const [field, [table, max]] of Object.entries(LIMITS)) {
    const v = input[field];
    if (typeof v === "string" && [...v].length > max)
      return invalid(`Value in [${table}.${field}] exceeds maximum length of ${max} characters.`);
  }
  const status = input.status ?? "draft";
  if (typeof status !== "string" || !STATUSES.includes(status)) return invalid("Validation (isIn) failed for status", "status");
  const publishedAt = typeof input.published_at === "string" ? Date.parse(input.published_at) : undefined;
  if (publishedAt !== undefined && Number.isNaN(publishedAt)) return invalid("Validation (isDate) failed for published_at", "published_at");
  if (status === "scheduled" && (publishedAt === undefined || publishedAt < Date.now() + SCHEDULE_FLOOR_MS))
    return invalid("Date must be at least 2 minutes in the future.");

  // Only ?source=html makes Ghost read `html`; without it the body is taken from lexical/mobiledoc.
  const html = req.query.get("source") === "html" && typeof input.html === "string" ? input.html : "";
  const newsletter = req.query.get("newsletter");
  let emailed: ReturnType<typeof newsletters>[number] | undefined;
  if (newsletter && status !== "draft") {
    emailed = newsletters(site).find((n) => n.slug === newsletter && n.status === "active");
    if (!emailed) return invalid("The newsletter parameter doesn't match any active newsletter.");
  }
  const featureImage = typeof input.feature_image === "string" ? input.feature_image : null;
  const now = new Date().toISOString();
  const tags = (input.tags ?? []).map((t) => (typeof t === "string" ? t : String((t as { name?: unknown })?.name ?? "")));
  const extra = {
    uuid: randomUUID(),
    title,
    slug: slugFor(state, site, title),
    html,
    status,
    visibility: input.visibility ?? "public",
    created_at: now,
    updated_at: now,
    published_at: status === "draft" ? null : new Date(publishedAt ?? Date.now()).toISOString(),
    custom_excerpt: input.custom_excerpt ?? null,
    canonical_url: input.canonical_url ?? null,
    feature_image: featureImage,
    feature_image_alt: input.feature_image_alt ?? null,
    tags: tags.filter(Boolean).map((name) => ({ id: objectId(), name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-") })),
    newsletter: emailed ? { id: emailed.id, slug: emailed.slug, name: emailed.name } : null,
    email_segment: emailed ? (req.query.get("email_segment") ?? "all") : "all",
  };
  const post = recorded(state, P).record({
    id: objectId(),
    accountId: site.accountId,
    text: htmlToText(html),
    media: featureImage ? [featureImage] : [],
    extra,
  });
  return json(201, { posts: [view(req, site, post)] });
}

export async function uploadImage(state: EmulatorState, req: EmuRequest, site: Site): Promise<EmuResponse> {
  const type = req.headers["content-type"] ?? "";
  const form = type.startsWith("multipart/form-data")
    ? await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined)
    : undefined;
  const file = form?.get("file");
  if (!form || !(file instanceof Blob)) return invalid("Please select an image.");
  const purpose = String(form.get("purpose") ?? "image");
  if (!PURPOSES.includes(purpose)) return invalid(`Validation (isIn) failed for purpose`, "purpose");
  if (!IMAGE_TYPES.includes(file.type))
    return ghostError(415, "UnsupportedMediaTypeError", "Please select a valid image.", {
      context: `Supported formats: ${IMAGE_TYPES.join(", ")}`,
    });
  if (file.size > IMAGE_LIMIT)
    return ghostError(413, "RequestEntityTooLargeError", "Request is larger than the maximum file size the server allows");
  const name = (file as File).name?.replace(/[^a-z0-9._-]+/gi, "-") || "image";
  const url = `${siteUrl(req, site)}content/images/2026/12/${objectId().slice(0, 8)}-${name}`;
  state.media.set(url, { platform: P, accountId: site.accountId, mimeType: file.type, size: file.size });
  const ref = form.get("ref");
  return json(201, { images: [{ url, ref: typeof ref === "string" ? ref : null }] });
}
