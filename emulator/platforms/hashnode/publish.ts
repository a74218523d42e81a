import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import type { EmuResponse } from "@/emulator/types";
import { objectId, PLATFORM, PRO_PLAN, publicationsOf, type Publication } from "./accounts";
import type { Account } from "@/emulator/state";
import { coercionError, data, refused } from "./graphql";

// publishPost(input: PublishPostInput!), checked as Hashnode/gql-skill's schema.graphql and
// mutations.md describe it: the input's fields and their types (an unknown field, such as the
// legacy coverImageOptions or a tag's id, is refused as Apollo refuses it), at most 15 tags each
// { slug, name? }, the blog one of the user's and on Hashnode Pro, and a title of at least 6
// characters (issue 19; the SDL does not state the length).

const MAX_TAGS = 15;
const TITLE_MIN = 6;
const OBJECT_ID = /^[0-9a-f]{24}$/i;

type FieldType = "String" | "ObjectId" | "Boolean" | "DateTime" | "[PublishPostTagInput!]" | "[ObjectId!]";
const FIELDS: Record<string, { type: FieldType; required?: boolean }> = {
  publicationId: { type: "ObjectId", required: true },
  title: { type: "String", required: true },
  subtitle: { type: "String" },
  contentMarkdown: { type: "String", required: true },
  coverImage: { type: "String" },
  slug: { type: "String" },
  tags: { type: "[PublishPostTagInput!]" },
  originalArticleURL: { type: "String" },
  metaTitle: { type: "String" },
  metaDescription: { type: "String" },
  ogImage: { type: "String" },
  disableComments: { type: "Boolean" },
  isDelisted: { type: "Boolean" },
  enableToc: { type: "Boolean" },
  publishAs: { type: "ObjectId" },
  coAuthors: { type: "[ObjectId!]" },
  seriesId: { type: "ObjectId" },
  publishedAt: { type: "DateTime" },
};

/** Apollo's coercion of $input against PublishPostInput: the message for the first problem, or undefined. */
function coercion(input: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(input)) if (!(key in FIELDS)) return `Field "${key}" is not defined by type "PublishPostInput".`;
  for (const [key, f] of Object.entries(FIELDS)) {
    const v = input[key];
    if (v === undefined || v === null) {
      if (f.required) return `Field "${key}" of required type "${f.type}!" was not provided.`;
      continue;
    }
    const bad = `at "input.${key}"; Expected type "${f.type}".`;
    if (f.type === "String" && typeof v !== "string") return `String cannot represent a non string value ${bad}`;
    if (f.type === "Boolean" && typeof v !== "boolean") return `Boolean cannot represent a non boolean value ${bad}`;
    if (f.type === "ObjectId" && (typeof v !== "string" || !OBJECT_ID.test(v))) return `Invalid ObjectId ${bad}`;
    if (f.type === "DateTime" && (typeof v !== "string" || Number.isNaN(Date.parse(v)))) return `Invalid DateTime ${bad}`;
    if (f.type === "[ObjectId!]" && (!Array.isArray(v) || v.some((x) => typeof x !== "string" || !OBJECT_ID.test(x))))
      return `Invalid ObjectId list ${bad}`;
    if (f.type === "[PublishPostTagInput!]") {
      if (!Array.isArray(v)) return `Expected a list of PublishPostTagInput ${bad}`;
      for (const [i, t] of v.entries()) {
        if (!t || typeof t !== "object" || Array.isArray(t))
          return `Expected type "PublishPostTagInput" to be an object at "input.tags[${i}]".`;
        for (const k of Object.keys(t))
          if (k !== "slug" && k !== "name") return `Field "${k}" is not defined by type "PublishPostTagInput".`;
        const tag = t as { slug?: unknown; name?: unknown };
        if (typeof tag.slug !== "string") return `Field "slug" of required type "String!" was not provided at "input.tags[${i}]".`;
        if (tag.name !== undefined && tag.name !== null && typeof tag.name !== "string")
          return `String cannot represent a non string value at "input.tags[${i}].name".`;
      }
    }
  }
  return undefined;
}

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "") || "post";

export function publishPost(state: EmulatorState, account: Account, variables: Record<string, unknown>): EmuResponse {
  const input = variables.input;
  if (!input || typeof input !== "object" || Array.isArray(input))
    return coercionError("input", 'Expected non-nullable type "PublishPostInput!" not to be null.');
  const i = input as Record<string, unknown>;
  const problem = coercion(i);
  if (problem) return coercionError("input", problem);

  const pub: Publication | undefined = publicationsOf(account).find((p) => p.id === i.publicationId);
  if (!pub) return refused("NOT_FOUND", "Publication not found", "publishPost");
  if (!pub.pro) return refused("FORBIDDEN", PRO_PLAN, "publishPost");
  if (typeof i.seriesId === "string" && !pub.series.some((x) => x.id === i.seriesId))
    return refused("NOT_FOUND", "Series not found", "publishPost");
  const title = (i.title as string).trim();
  if (title.length < TITLE_MIN) return refused("BAD_USER_INPUT", `Title must be at least ${TITLE_MIN} characters long`, "publishPost");
  if (!(i.contentMarkdown as string).trim()) return refused("BAD_USER_INPUT", "Content cannot be empty", "publishPost");
  const tags = (i.tags as { slug: string; name?: string }[] | undefined) ?? [];
  if (tags.length > MAX_TAGS) return refused("BAD_USER_INPUT", `A post can have at most ${MAX_TAGS} tags`, "publishPost");
  if (tags.some((t) => !/^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)*$/u.test(t.slug)))
    return refused("BAD_USER_INPUT", "Tag slugs may only contain letters, digits and hyphens", "publishPost");

  const posts = recorded(state, PLATFORM);
  const taken = new Set(posts.byAccount(account.id).map((p) => `${p.extra?.publicationId}/${p.extra?.slug}`));
  const base = typeof i.slug === "string" && i.slug ? i.slug : slugOf(title);
  let slug = base;
  for (let n = 1; taken.has(`${pub.id}/${slug}`); n++) slug = `${base}-${n}`;

  const id = objectId(state.nextId(), "post");
  const cover = typeof i.coverImage === "string" ? i.coverImage : undefined;
  const url = `${pub.url}/${slug}`;
  posts.record({
    id,
    accountId: account.id,
    text: i.contentMarkdown as string,
    media: cover ? [cover] : [],
    extra: {
      publicationId: pub.id,
      slug,
      url,
      title,
      subtitle: i.subtitle,
      tags,
      originalArticleURL: i.originalArticleURL,
      disableComments: i.disableComments,
      isDelisted: i.isDelisted,
      enableToc: i.enableToc,
      seriesId: i.seriesId,
    },
  });
  return data({ publishPost: { post: { id, slug, url, title } } });
}
