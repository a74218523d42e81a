import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState, RecordedPost } from "@/emulator/state";
import { P } from "./keys";

// Articles as Forem's model checks them (app/models/article.rb, app/models/tag.rb,
// app/services/articles/creator.rb), with its error sentences: a title (at most 128 characters
// not counting whitespace, not reused by the same user within five minutes), a body of at most
// 800 KB, at most 4 tags of letters and digits (30 characters each), an http(s) cover and
// canonical URL (the canonical one public, and unique among published articles), and an
// organization the user belongs to (any other is silently ignored by the strong parameters).

const BODY_MAX_BYTES = 800 * 1024;
const TITLE_MAX = 128;
const TAG_MAX = 30;
const TITLE_WINDOW_MS = 5 * 60_000;
const LOCAL = new Set(["localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"]);

export type ArticleInput = {
  title?: unknown;
  body_markdown?: unknown;
  published?: unknown;
  tags?: unknown;
  series?: unknown;
  main_image?: unknown;
  canonical_url?: unknown;
  description?: unknown;
  organization_id?: unknown;
};

export type Article = {
  id: number;
  title: string;
  body: string;
  published: boolean;
  publishedAt: string | null;
  createdAt: number;
  tags: string[];
  series?: string;
  mainImage?: string;
  canonicalUrl?: string;
  description: string;
  slug: string;
  organizationId?: number;
};

let nextArticleId = 2_000_000;

const httpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:" ? u : undefined;
  } catch {
    return undefined;
  }
};

/** Rails' Array#to_sentence: "a", "a and b", "a, b, and c". */
const sentence = (parts: string[]) => (parts.length <= 2 ? parts.join(" and ") : `${parts.slice(0, -1).join(", ")}, and ${parts.at(-1)}`);

/** An article as the owner's list shows it: its id and when it arrived (for its counters). */
export type Listed = { id: string; receivedAt: number; article: Article };

/** The account's articles: those it made here, and the one it had published before (earlierArticle). */
export function articlesOf(state: EmulatorState, accountId: string): Listed[] {
  const made = recorded(state, P)
    .byAccount(accountId)
    .flatMap((post: RecordedPost) => {
      const article = post.extra?.article as Article | undefined;
      return article ? [{ id: post.id, receivedAt: post.receivedAt, article }] : [];
    });
  const before = (state.getAccount(P, accountId)?.extra?.earlier as Listed[] | undefined) ?? [];
  return [...made, ...before];
}

/**
 * Every emulated account arrives with a past: one article published a month ago under its
 * organization, as a member who has written for it would have. Forem lists a user's
 * organizations nowhere but on their articles, so this is what lets a client find the
 * organization (GET /api/articles/me names it, GET /api/organizations/{username} gives its id).
 */
export function earlierArticle(account: Account): Listed {
  const org = organizationOf(account);
  const at = Date.now() - 30 * 86_400_000;
  const id = 1_000_000 + (Number(account.id) % 1_000_000);
  const title = `Hello from ${org.name}`;
  return {
    id: String(id),
    receivedAt: at,
    article: {
      id,
      title,
      body: `${account.name} writes for ${org.name}.`,
      published: true,
      publishedAt: new Date(at).toISOString(),
      createdAt: at,
      tags: ["welcome"],
      description: `${account.name} writes for ${org.name}.`,
      slug: `hello-from-${org.username.replace(/_/g, "-")}-${id.toString(36)}`,
      organizationId: org.id,
    },
  };
}

/** The organizations an emulated account belongs to: one each, named after it. */
export function organizationOf(account: Account): { id: number; username: string; name: string } {
  return { id: 9_000_000 + (Number(account.id) % 1_000_000), username: `${account.username}_org`, name: `${account.name} Org` };
}

/** Forem's validation sentence for an article, or the article to store. */
export function checkArticle(state: EmulatorState, account: Account, input: ArticleInput): { error: string } | { article: Article } {
  const errors: string[] = [];
  const title = typeof input.title === "string" ? input.title.trim() : "";
  const body = typeof input.body_markdown === "string" ? input.body_markdown : "";
  if (!title) errors.push("Title can't be blank");
  else if ([...title.replace(/\s/gu, "")].length > TITLE_MAX) errors.push(`Title is too long (maximum is ${TITLE_MAX} characters)`);
  if (Buffer.byteLength(body, "utf8") > BODY_MAX_BYTES) errors.push("Body markdown is too long.");

  // Strong parameters permit `tags` as an array only: a string is dropped without a word.
  const tags = Array.isArray(input.tags) ? input.tags.map((t) => String(t).trim().toLowerCase()).filter(Boolean) : [];
  if (tags.length > 4) errors.push("Tag list exceed the maximum of 4 tags");
  for (const t of tags) {
    if (!/^[\p{L}\p{N}]+$/u.test(t)) errors.push(`Tag "${t}" contains non-alphanumeric or prohibited unicode characters`);
    else if (t.length > TAG_MAX) errors.push(`Tag "${t}" is too long (maximum is ${TAG_MAX} characters)`);
  }

  const mainImage = typeof input.main_image === "string" && input.main_image ? input.main_image : undefined;
  if (mainImage && !httpUrl(mainImage)) errors.push("Main image is not a valid URL");
  const canonicalUrl = typeof input.canonical_url === "string" && input.canonical_url ? input.canonical_url : undefined;
  const published = input.published === true || input.published === "true";
  const mine = articlesOf(state, account.id);
  if (canonicalUrl) {
    const u = httpUrl(canonicalUrl);
    if (!u || LOCAL.has(u.hostname) || /\s/.test(canonicalUrl)) errors.push("Canonical url is not a valid URL");
    else if (
      published &&
      state.posts.some(
        (p) =>
          p.platform === P &&
          (p.extra?.article as Article | undefined)?.published &&
          (p.extra?.article as Article).canonicalUrl === canonicalUrl,
      )
    )
      errors.push("Canonical url has already been taken. Email yo@dev.to for further details.");
  }
  if (title && mine.some(({ article }) => article.title === title && Date.now() - article.createdAt < TITLE_WINDOW_MS))
    errors.push("Title has already been used in the last five minutes");
  if (title && mine.some(({ article }) => article.title === title && article.body === body))
    errors.push("Body markdown has already been taken");
  if (errors.length) return { error: sentence(errors) };

  const org = organizationOf(account);
  const id = nextArticleId++;
  const slug = `${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "untitled"
  }-${id.toString(36)}`;
  return {
    article: {
      id,
      title,
      body,
      published,
      publishedAt: published ? new Date().toISOString() : null,
      createdAt: Date.now(),
      tags,
      ...(typeof input.series === "string" && input.series.trim() ? { series: input.series.trim() } : {}),
      ...(mainImage ? { mainImage } : {}),
      ...(canonicalUrl ? { canonicalUrl } : {}),
      description: typeof input.description === "string" && input.description ? input.description : body.slice(0, 104),
      slug,
      ...(Number(input.organization_id) === org.id ? { organizationId: org.id } : {}),
    },
  };
}
