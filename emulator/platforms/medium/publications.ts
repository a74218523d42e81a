import { createHash } from "node:crypto";
import { isAnswer } from "@/emulator/kit/access";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { error, requireUser } from "./support";

// Publications (README §3.2). Every emulated account is related to three: one it edits, one it
// writes for (drafts only) and one it only follows, which the list includes as Medium's does
// ("all publications the user is subscribed to, writes to, or edits").

export type Role = "editor" | "writer";
export type Publication = { id: string; name: string; description: string; slug: string; contributors: Map<string, Role> };
export type Publications = Map<string, Publication>;

const SEEDS: { kind: string; role?: Role; name: (acc: Account) => string }[] = [
  { kind: "editor", role: "editor", name: (acc) => `${acc.name}'s Notes` },
  { kind: "writer", role: "writer", name: () => "Emulated Weekly" },
  { kind: "follower", name: () => "Followed Digest" },
];

const pubId = (acc: Account, kind: string) => createHash("sha1").update(`${acc.id}:${kind}`).digest("hex").slice(0, 12);

/** The account's publications, made on first need. */
export function publicationsOf(pubs: Publications, acc: Account): Publication[] {
  return SEEDS.map((s) => {
    const id = pubId(acc, s.kind);
    let p = pubs.get(id);
    if (!p) {
      const name = s.name(acc);
      p = { id, name, description: `An emulated publication (${s.kind})`, slug: `${s.kind}-${id}`, contributors: new Map() };
      if (s.role) p.contributors.set(acc.id, s.role);
      pubs.set(id, p);
    }
    return p;
  });
}

export function publicationRoutes(state: EmulatorState, pubs: Publications): Route[] {
  return [
    {
      method: "GET",
      path: "/v1/users/:userId/publications",
      name: "publications",
      handle(req, { userId }) {
        const acc = requireUser(state, req, "listPublications");
        if (isAnswer(acc)) return acc;
        if (userId !== acc.id) return error(403, "You may only list your own publications.");
        const data = publicationsOf(pubs, acc).map((p) => ({
          id: p.id,
          name: p.name,
          description: p.description,
          url: `${req.base}/${p.slug}`,
          imageUrl: `${req.base}/images/publication-${p.id}.png`,
        }));
        return json(200, { data });
      },
    },
    {
      method: "GET",
      path: "/v1/publications/:publicationId/contributors",
      name: "contributors",
      handle(req, { publicationId }) {
        const acc = requireUser(state, req, "basicProfile");
        if (isAnswer(acc)) return acc;
        publicationsOf(pubs, acc);
        const p = pubs.get(publicationId!);
        if (!p) return error(404, "Publication not found.");
        const data = [...p.contributors].map(([userId, role]) => ({ publicationId: p.id, userId, role }));
        return json(200, { data });
      },
    },
  ];
}
