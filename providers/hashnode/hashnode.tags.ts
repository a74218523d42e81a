import { HASHNODE_MAX_TAGS } from "./hashnode.settings";

// publishPost takes tags as objects, { slug, name } (PublishPostTagInput: slug required, name
// defaulting to the slug); a slug Hashnode does not know yet creates the tag. Users type tag
// names ("Web Development"); the slug is its lower-case words joined by hyphens, as on
// hashnode.com/n/web-development.

export type HashnodeTag = { slug: string; name: string };

export function tagSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "") // accents go, the letters stay: "Café" → "cafe"
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** The tags as Hashnode takes them: slugged, the first of each slug kept, at most 15. */
export function hashnodeTags(names: readonly string[] | undefined): HashnodeTag[] | undefined {
  if (!names?.length) return undefined;
  const seen = new Map<string, HashnodeTag>();
  for (const raw of names) {
    const name = raw.trim();
    const slug = tagSlug(name);
    if (slug && !seen.has(slug)) seen.set(slug, { slug, name });
  }
  const tags = [...seen.values()].slice(0, HASHNODE_MAX_TAGS);
  return tags.length ? tags : undefined;
}
