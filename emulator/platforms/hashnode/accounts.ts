import { createHash } from "node:crypto";
import type { Account, EmulatorState, Grant } from "@/emulator/state";

// Personal access tokens and blogs. Hashnode PATs are made in the dashboard and never expire; the
// emulator has no dashboard, so a token of the form emu-pat-<username> is the token of that user,
// created the first time it is used. Any other token is unknown (UNAUTHENTICATED). Each user has
// two blogs (publications): the first on Hashnode Pro, the second on the free plan, which the API
// refuses to publish to since 2026-05-13.

export const PLATFORM = "hashnode";
export const PAT_PREFIX = "emu-pat-";
/** Hashnode's refusal for a blog without Pro (SKILL.md "Pro plan gating"). */
export const PRO_PLAN = "Publication does not have an active Pro plan. Upgrade in your dashboard to access this via the API.";
const PAT = /^emu-pat-([a-z0-9][a-z0-9_.-]{0,60})$/i;
/** Tokens do not expire: far beyond any test. */
const NEVER = 8.64e15;

export type Series = { id: string; name: string; slug: string };
export type Publication = { id: string; title: string; url: string; pro: boolean; ownerId: string; series: Series[] };

/** A 24-hex id, as Hashnode's ObjectIds are. */
export const objectId = (...parts: string[]) => createHash("sha1").update(parts.join("|")).digest("hex").slice(0, 24);

/** The grant behind a PAT, minting it for emu-pat-<username>; undefined for an unknown or revoked token. */
export function grantOf(state: EmulatorState, pat: string | undefined): (Grant & { account: Account }) | undefined {
  if (!pat) return undefined;
  if (!state.accessTokens.has(pat)) {
    const m = PAT.exec(pat);
    if (!m) return undefined;
    const account = state.account(PLATFORM, m[1]!.toLowerCase());
    const grantId = `grant_${objectId(pat)}`;
    state.grants.set(grantId, { id: grantId, platform: PLATFORM, accountId: account.id, clientId: "pat", scopes: [], revoked: false });
    state.accessTokens.set(pat, { grantId, expiresAt: NEVER });
  }
  const at = state.accessTokens.get(pat)!;
  const grant = state.grants.get(at.grantId);
  if (!grant || grant.platform !== PLATFORM || grant.revoked || at.expiresAt < Date.now()) return undefined;
  const account = state.getAccount(PLATFORM, grant.accountId);
  return account ? { ...grant, account } : undefined;
}

const seriesOf = (blogId: string): Series[] =>
  ["Getting started", "Deep dives"].map((name) => ({
    id: objectId(blogId, "series", name),
    name,
    slug: name.toLowerCase().replace(/ /g, "-"),
  }));

export function publicationsOf(account: Account): Publication[] {
  const host = account.username.replace(/[^a-z0-9-]/g, "-");
  const blogs: Omit<Publication, "series">[] = [
    {
      id: objectId(account.id, "blog"),
      title: `${account.name}'s blog`,
      url: `https://${host}.hashnode.dev`,
      pro: true,
      ownerId: account.id,
    },
    {
      id: objectId(account.id, "notes"),
      title: `${account.name}'s notes (free plan)`,
      url: `https://${host}-notes.hashnode.dev`,
      pro: false,
      ownerId: account.id,
    },
  ];
  return blogs.map((b) => ({ ...b, series: seriesOf(b.id) }));
}

/** Any user's blog by id (the `publication` query is public, but Pro-gated). */
export function publicationById(state: EmulatorState, id: string): Publication | undefined {
  for (const [key, account] of state.accounts)
    if (key.startsWith(`${PLATFORM}/`)) {
      const found = publicationsOf(account).find((p) => p.id === id);
      if (found) return found;
    }
  return undefined;
}

export const meAnswer = (account: Account) => ({
  id: objectId(account.id, "user"),
  username: account.username,
  name: account.name,
  profilePicture: `https://cdn.hashnode.com/res/hashnode/image/upload/${objectId(account.id, "avatar")}.png`,
  publications: {
    edges: publicationsOf(account).map((p) => ({
      node: { id: p.id, title: p.title, displayTitle: null, url: p.url, favicon: null },
      cursor: p.id,
    })),
    pageInfo: { endCursor: null, hasNextPage: false },
  },
});
