import { isAnswer } from "@/emulator/kit/access";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { readContent } from "./content";
import { publicationsOf, type Publications } from "./publications";
import { error, PLATFORM, profileUrl, requireUser } from "./support";

// Creating a post (README §3.3), on the user's profile or under a publication. Checked as the
// README says: title, contentFormat ("html" | "markdown") and content required (400); the author
// in the path must be the token's user (403); a publication's editors may use any status, its
// writers only "draft", anyone else nothing (403). Kept as Medium keeps it: a title over 100
// characters is ignored and one made from the content instead, only the first three tags are used,
// and tags over 25 characters are ignored.

const STATUSES = ["public", "draft", "unlisted"];
const LICENSES = [
  "all-rights-reserved",
  "cc-40-by",
  "cc-40-by-sa",
  "cc-40-by-nd",
  "cc-40-by-nc",
  "cc-40-by-nc-nd",
  "cc-40-by-nc-sa",
  "cc-40-zero",
  "public-domain",
];
const LICENSE_URLS: Record<string, string> = { "all-rights-reserved": "https://medium.com/policy/9db0094a1e0f" };

type Body = Record<string, unknown>;
const refuse = (message: string) => ({ refusal: error(400, message) });

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "untitled";

/** The request's fields, or Medium's 400 naming the first one that is missing or invalid. */
function checkBody(req: EmuRequest): { body: Body } | { refusal: EmuResponse } {
  let body: Body;
  try {
    body = req.json<Body>();
  } catch {
    return refuse("The request body must be JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return refuse("The request body must be a JSON object.");
  if (typeof body.title !== "string" || !body.title.trim()) return refuse("title is required.");
  if (body.contentFormat !== "html" && body.contentFormat !== "markdown")
    return refuse('contentFormat is required and must be "html" or "markdown".');
  if (typeof body.content !== "string" || !body.content.trim()) return refuse("content is required.");
  if (body.tags !== undefined && !(Array.isArray(body.tags) && body.tags.every((t) => typeof t === "string")))
    return refuse("tags must be an array of strings.");
  if (body.canonicalUrl !== undefined && (typeof body.canonicalUrl !== "string" || !URL.canParse(body.canonicalUrl)))
    return refuse("canonicalUrl must be a URL.");
  if (body.publishStatus !== undefined && !STATUSES.includes(body.publishStatus as string))
    return refuse('publishStatus must be "public", "draft" or "unlisted".');
  if (body.license !== undefined && !LICENSES.includes(body.license as string))
    return refuse(`license must be one of ${LICENSES.join(", ")}.`);
  if (body.notifyFollowers !== undefined && typeof body.notifyFollowers !== "boolean") return refuse("notifyFollowers must be a boolean.");
  return { body };
}

function create(state: EmulatorState, req: EmuRequest, acc: Account, body: Body, publicationId?: string): EmuResponse {
  const content = body.content as string;
  const format = body.contentFormat as "html" | "markdown";
  const given = (body.title as string).trim();
  const read = readContent(format, content, given);
  // Titles over 100 characters are ignored; Medium synthesizes one from the first content.
  const title = given.length > 100 ? (read.text.split("\n")[0] ?? "").slice(0, 100) : given;
  const tags = ((body.tags as string[] | undefined) ?? []).slice(0, 3).filter((t) => t.length <= 25);
  const publishStatus = (body.publishStatus as string | undefined) ?? "public";
  const license = (body.license as string | undefined) ?? "all-rights-reserved";
  const canonicalUrl = body.canonicalUrl as string | undefined;
  const post = recorded(state, PLATFORM).record({
    id: state.nextId().slice(-12),
    accountId: acc.id,
    text: read.text,
    media: read.media,
    extra: {
      title,
      contentFormat: format,
      content,
      tags,
      canonicalUrl,
      publishStatus,
      license,
      notifyFollowers: body.notifyFollowers,
      publicationId,
    },
  });
  return json(201, {
    data: {
      id: post.id,
      title,
      authorId: acc.id,
      tags,
      url: `${profileUrl(req.base, acc)}/${slugOf(title)}-${post.id}`,
      ...(canonicalUrl ? { canonicalUrl } : {}),
      publishStatus,
      ...(publishStatus === "draft" ? {} : { publishedAt: post.receivedAt }),
      license,
      licenseUrl: LICENSE_URLS[license] ?? `https://creativecommons.org/licenses/${license}`,
      ...(publicationId ? { publicationId } : {}),
    },
  });
}

export function postRoutes(state: EmulatorState, pubs: Publications): Route[] {
  return [
    {
      method: "POST",
      path: "/v1/users/:authorId/posts",
      name: "post",
      handle(req, { authorId }) {
        const acc = requireUser(state, req, "publishPost");
        if (isAnswer(acc)) return acc;
        if (authorId !== acc.id) return error(403, "The authorId in the path is not the authenticated user.");
        const checked = checkBody(req);
        return "refusal" in checked ? checked.refusal : create(state, req, acc, checked.body);
      },
    },
    {
      method: "POST",
      path: "/v1/publications/:publicationId/posts",
      name: "publication-post",
      handle(req, { publicationId }) {
        const acc = requireUser(state, req, "publishPost");
        if (isAnswer(acc)) return acc;
        publicationsOf(pubs, acc);
        const role = pubs.get(publicationId!)?.contributors.get(acc.id);
        if (!role) return error(403, "The user cannot publish into this publication.");
        const checked = checkBody(req);
        if ("refusal" in checked) return checked.refusal;
        if (role === "writer" && (checked.body.publishStatus ?? "public") !== "draft")
          return error(403, "Writers of this publication may only create drafts.");
        return create(state, req, acc, checked.body, publicationId);
      },
    },
  ];
}
