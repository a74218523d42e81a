import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { mediumGet } from "./medium.api";

// Publications a Medium account may post in. GET /v1/users/{userId}/publications lists every
// publication the user is related to, including up to 200 they only follow; only the contributors
// of a publication (GET /v1/publications/{id}/contributors) say who is an "editor" (may publish
// with any status) or a "writer" (may only submit drafts, which wait for an editor).

export type MediumRole = "editor" | "writer";
export type WritablePublication = { id: string; name: string; role: MediumRole };

type Publication = { id?: unknown; name?: unknown };
type Contributor = { publicationId?: unknown; userId?: unknown; role?: unknown };

/** Contributor lists read at once: enough to be quick, few enough not to hammer an undocumented rate limit. */
const PARALLEL = 4;

/** The user's role in a publication, or undefined when they are neither writer nor editor there. */
export async function roleIn(
  api: SocialAbstract,
  token: string,
  publicationId: string,
  userId: string,
  ctx?: PublishContext,
): Promise<MediumRole | undefined> {
  const contributors = await mediumGet<Contributor[]>(api, token, `/publications/${encodeURIComponent(publicationId)}/contributors`, {
    action: "read the publication's contributors",
    ctx,
  });
  const role = (Array.isArray(contributors) ? contributors : []).find((c) => c.userId === userId)?.role;
  return role === "editor" || role === "writer" ? role : undefined;
}

/** The publications the user writes or edits for, in Medium's order. */
export async function writablePublications(
  api: SocialAbstract,
  token: string,
  userId: string,
  ctx?: PublishContext,
): Promise<WritablePublication[]> {
  const all = await mediumGet<Publication[]>(api, token, `/users/${encodeURIComponent(userId)}/publications`, {
    action: "list your publications",
    ctx,
  });
  const candidates = (Array.isArray(all) ? all : []).flatMap((p) =>
    typeof p.id === "string" && p.id ? [{ id: p.id, name: typeof p.name === "string" && p.name.trim() ? p.name.trim() : p.id }] : [],
  );
  const out: (WritablePublication | undefined)[] = [];
  for (let i = 0; i < candidates.length; i += PARALLEL) {
    const batch = candidates.slice(i, i + PARALLEL);
    const roles = await Promise.all(batch.map((p) => roleIn(api, token, p.id, userId, ctx)));
    batch.forEach((p, j) => out.push(roles[j] ? { ...p, role: roles[j] } : undefined));
  }
  return out.filter((p): p is WritablePublication => !!p);
}
