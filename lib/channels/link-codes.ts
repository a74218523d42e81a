import "server-only";
import { createHash, randomInt } from "node:crypto";
import { db } from "@/lib/db/client";
import { sqlPool } from "@/lib/db/pool";
import { AppError, notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { requireRole } from "@/lib/orgs/roles";
import type { LinkCodeFlow } from "@/providers/core/manifest";
import type { LinkRequest, SocialProvider } from "@/providers/social.integrations.interface";
import { providerOr404 } from "./connect";
import { connectError } from "./provider-errors";
import { upsertChannel } from "./upsert";

// Linking a chat to a platform's bot with a one-time code (manifest auth.link, e.g. Telegram's
// "/connect <code>"): the Channels page asks for a code, the user sends `<command> <code>` in the
// chat where the bot was added, and the page asks for the code's state until it is linked. The
// code is random, single use, bound to the organization (and user) that asked for it and kept for
// the flow's ttlMinutes; only its hash is stored, in the one-time flow table OAuth uses.
//
// The bot's messages are read on demand, while someone waits for a link (each status check reads
// them; the page asks every two seconds), not by a webhook: nothing needs a public address, and Telegram
// allows one reader per bot, which a database lock gives across this server's processes. What was
// read is confirmed by the platform's cursor (Telegram's update offset), kept per process; after a
// restart the unconfirmed messages come again, and a code already used by the same chat is then
// passed over silently.

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no I, O, 0, 1: easy to read back
const CODE_LENGTH = 10;

const stateKey = (provider: string, code: string) =>
  `link:${provider}:${createHash("sha256").update(code.trim().toUpperCase()).digest("base64url")}`;

type LinkData = { link: true; channelId?: string; chat?: string };

function flowOf(provider: SocialProvider): LinkCodeFlow {
  const auth = provider.manifest.auth;
  if (auth.kind !== "bot" || !auth.link) throw new AppError(`${provider.name} does not connect with a link code`, 400);
  return auth.link;
}

export type IssuedCode = { code: string; command: string; expiresAt: string; instructions: string };

/** A new one-time code for this organization; the previous unused codes of the user for the platform stay valid until they expire. */
export async function issueLinkCode(ctx: OrgContext, providerId: string): Promise<IssuedCode> {
  requireRole(ctx, "admin", "connect channels");
  const provider = providerOr404(providerId);
  const a = provider.manifest.availability;
  if (a?.status === "unavailable") throw new AppError(`${provider.name} cannot be connected: ${a.reason}`, 400, "provider");
  const flow = flowOf(provider);
  const missing = provider.missingConfig?.() ?? [];
  if (missing.length) throw new AppError(`${provider.name} is not configured on this server: set ${missing.join(" and ")}`, 400);
  const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  const expiresAt = new Date(Date.now() + flow.ttlMinutes * 60_000);
  await db.oAuthState.create({
    data: {
      state: stateKey(providerId, code),
      provider: providerId,
      userId: ctx.userId,
      organizationId: ctx.organizationId,
      data: { link: true } satisfies LinkData,
      expiresAt,
    },
  });
  const instructions = provider.manifest.auth.kind === "bot" ? provider.manifest.auth.instructions : "";
  return { code, command: `${flow.command} ${code}`, expiresAt: expiresAt.toISOString(), instructions };
}

export type LinkStatus =
  { status: "pending"; expiresAt: string } | { status: "linked"; channelId: string } | { status: "expired"; message: string };

/** Where the organization's code stands, after reading the bot's new messages. Unknown codes (or another organization's) are 404. */
export async function linkStatus(ctx: OrgContext, providerId: string, code: string): Promise<LinkStatus> {
  requireRole(ctx, "admin", "connect channels");
  const provider = providerOr404(providerId);
  const flow = flowOf(provider);
  const find = () => db.oAuthState.findUnique({ where: { state: stateKey(providerId, code) } });
  const row = await find();
  if (!row || row.provider !== providerId || row.organizationId !== ctx.organizationId) throw notFound("Link code");
  const linkedId = (r: typeof row) => (r.data as LinkData | null)?.channelId;
  if (!row.usedAt && row.expiresAt > new Date()) await pollLinkRequests(provider);
  const now = (await find()) ?? row;
  const channelId = linkedId(now);
  if (channelId) return { status: "linked", channelId };
  if (now.expiresAt <= new Date())
    return { status: "expired", message: `This code expired (codes last ${flow.ttlMinutes} minutes); ask for a new one` };
  return { status: "pending", expiresAt: now.expiresAt.toISOString() };
}

const cursors = new Map<string, string | undefined>();

/** Reads the bot's new link commands and settles each; one reader at a time across processes. */
export async function pollLinkRequests(provider: SocialProvider): Promise<{ read: number } | { busy: true }> {
  const id = provider.identifier;
  if (!provider.linkRequests) throw new AppError(`${provider.name} cannot read link commands`, 400);
  return withReaderLock(id, async () => {
    const { requests, cursor } = await provider.linkRequests!(cursors.get(id)).catch((e) => connectError(provider.name, e));
    for (const r of requests) await settle(provider, r);
    cursors.set(id, cursor);
    return { read: requests.length };
  });
}

const reading = new Set<string>();

// A session-level advisory lock on a connection of its own, held while the platform is read and
// the commands settled through other connections (a transaction-level lock would hold a
// transaction open across network calls, and the embedded database runs one transaction at a
// time). The in-process flag covers the embedded database, whose connections share one session.
async function withReaderLock<T>(provider: string, fn: () => Promise<T>): Promise<T | { busy: true }> {
  if (reading.has(provider)) return { busy: true };
  reading.add(provider);
  const key = `link-poll:${provider}`;
  const client = await sqlPool().connect();
  try {
    const { rows } = await client.query<{ got: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS got", [key]);
    if (!rows[0]?.got) return { busy: true };
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [key]);
    }
  } finally {
    client.release();
    reading.delete(provider);
  }
}

/** Links the chat of one command to the organization whose code it carries, or answers why not. */
async function settle(provider: SocialProvider, r: LinkRequest): Promise<void> {
  const flow = flowOf(provider);
  // A command older than any code could live is read again after a restart (its confirmation was
  // lost with the process): it is not answered a second time.
  const stale = !!r.sentAt && Date.now() - r.sentAt.getTime() > flow.ttlMinutes * 60_000;
  const answer = (text: string) => (stale ? undefined : provider.answerLink?.(r, text).catch(() => undefined));
  if (r.refused) return void (await answer(r.refused));
  const row = await db.oAuthState.findUnique({ where: { state: stateKey(provider.identifier, r.code) } });
  if (!row || row.provider !== provider.identifier)
    return void (await answer(`This code is unknown. Ask for a code on the Channels page and send "${flow.command} <code>" here.`));
  const data = (row.data as LinkData | null) ?? { link: true };
  if (row.usedAt) {
    // The same command read again (after a restart) is no second use.
    if (data.chat === r.account.id) return;
    return void (await answer("This code was already used to link another chat. Ask for a new code on the Channels page."));
  }
  if (row.expiresAt <= new Date())
    return void (await answer(`This code expired (codes last ${flow.ttlMinutes} minutes). Ask for a new code on the Channels page.`));
  const claimed = await db.oAuthState.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
  if (claimed.count === 0) return;
  const member = await db.membership.findUnique({
    where: { userId_organizationId: { userId: row.userId, organizationId: row.organizationId } },
  });
  if (!member) return void (await answer("The person who asked for this code is no longer in that organization; nothing was linked."));
  const saved = await upsertChannel({ organizationId: row.organizationId, provider: provider.identifier, auth: r.account });
  await db.oAuthState.update({ where: { id: row.id }, data: { data: { ...data, channelId: saved.id, chat: r.account.id } } });
  await answer(`Linked: ${r.account.name} now publishes from Postmill.`);
}
