import { createHash } from "node:crypto";
import { EMULATOR_CLIENT } from "@/emulator/kit/oauth";
import { envelope } from "@/emulator/kit/envelope";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// Neynar-managed signers for the Farcaster emulator. A real signer is created with the app's API
// key and approved by the user in the Farcaster app; here a signer_uuid whose first group is
// fa1cca57 counts as created and approved the first time it is used, for a new account (fid), and
// one whose first group is fa1c0000 as created but still waiting for approval. The signer is kept
// in the shared state's token table (never expiring), so revoking its grant makes it "revoked",
// as revoking the app's key in the Farcaster app does. The API key is the emulator's app secret.

export const P = "farcaster";
export const APPROVED_PREFIX = "fa1cca57";
export const PENDING_PREFIX = "fa1c0000";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Neynar's ErrorRes: {code, message, property?, status}. */
export const neynarError = envelope((status, code: string, message: string, property?: string) => ({
  code,
  message,
  ...(property ? { property } : {}),
  status,
}));

/** Neynar's request validation failure (a ZodError body). */
export const invalidField = (message: string, path: string, why: string): EmuResponse =>
  json(400, { message, code: "InvalidField", errors: [{ code: "custom", path: [path], message: why }] });

/** A signer_uuid the emulator treats as approved, from a username (the conformance recipe's). */
export function signerFor(username: string, prefix = APPROVED_PREFIX): string {
  const h = createHash("sha256").update(username).digest("hex");
  return `${prefix}-${h.slice(0, 4)}-4${h.slice(5, 8)}-a${h.slice(9, 12)}-${h.slice(12, 24)}`;
}

/** The API key check every Neynar call makes. */
export function requireApiKey(req: EmuRequest): EmuResponse | undefined {
  const key = req.headers["x-api-key"]?.trim();
  if (!key) return neynarError(401, "Unauthorized", "Missing API key: send it in the x-api-key header");
  if (key !== EMULATOR_CLIENT.secret) return neynarError(401, "Unauthorized", "Invalid API key");
  return undefined;
}

let nextFid = 880_000;

export type SignerView = { uuid: string; status: "approved" | "pending_approval" | "revoked"; account?: Account };

/** The signer behind a signer_uuid (created on first use when it has the emulator's prefixes), or undefined. */
export function signerOf(state: EmulatorState, uuid: string | undefined): SignerView | undefined {
  const id = (uuid ?? "").trim().toLowerCase();
  if (!UUID.test(id)) return undefined;
  if (id.startsWith(PENDING_PREFIX)) return { uuid: id, status: "pending_approval" };
  if (!state.accessTokens.has(id)) {
    if (!id.startsWith(APPROVED_PREFIX)) return undefined;
    const fid = String(nextFid++);
    const account = state.account(P, `emu-${id.slice(-8)}`, { id: fid, name: `Emulated caster ${fid}` });
    const grantId = `farcaster_signer_${id}`;
    state.grants.set(grantId, { id: grantId, platform: P, accountId: account.id, clientId: "neynar-api-key", scopes: [], revoked: false });
    state.accessTokens.set(id, { grantId, expiresAt: Number.MAX_SAFE_INTEGER });
  }
  const grant = state.grants.get(state.accessTokens.get(id)!.grantId)!;
  return { uuid: id, status: grant.revoked ? "revoked" : "approved", account: state.getAccount(P, grant.accountId) };
}

/** Ed25519 public key of the signer, as Neynar shows it (hex). */
export const publicKeyOf = (uuid: string) => `0x${createHash("sha256").update(`pk:${uuid}`).digest("hex")}`;
