import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { CHANNELS, createCast, readCast } from "./casts";
import { APPROVED_PREFIX, invalidField, neynarError, P, PENDING_PREFIX, publicKeyOf, requireApiKey, signerOf } from "./signers";

// Farcaster as Neynar's REST API shows it to the provider, mounted at <emulator>/farcaster: the
// x-api-key on every call, managed signers (GET /v2/farcaster/signer), users by fid, the channels
// a user is active in, casts (create with idem, read back with counts), Neynar's ErrorRes
// envelope, and a 429 with Retry-After (Neynar documents the limits per plan, not its headers).
// The same mount serves the cast pages people read (farcaster.xyz/<username>/<hash>).

/** Every API route checks the API key first, as Neynar does. */
const api =
  (handle: (req: EmuRequest) => EmuResponse) =>
  (req: EmuRequest): EmuResponse =>
    requireApiKey(req) ?? handle(req);

function signer(state: EmulatorState, req: EmuRequest): EmuResponse {
  const uuid = req.query.get("signer_uuid");
  if (!uuid) return invalidField("Invalid query parameters", "signer_uuid", "Required");
  const s = signerOf(state, uuid);
  if (!s) return neynarError(404, "NotFound", "Signer not found", "signer_uuid");
  return json(200, {
    object: "signer",
    signer_uuid: s.uuid,
    public_key: publicKeyOf(s.uuid),
    status: s.status,
    ...(s.account ? { fid: Number(s.account.id) } : { signer_approval_url: `${req.base}/approve/${s.uuid}` }),
  });
}

function usersBulk(state: EmulatorState, req: EmuRequest): EmuResponse {
  const raw = req.query.get("fids");
  if (!raw) return invalidField("Invalid query parameters", "fids", "Required");
  const fids = raw.split(",").map((f) => f.trim());
  if (fids.length > 100) return invalidField("Invalid query parameters", "fids", "At most 100 fids");
  if (fids.some((f) => !/^\d+$/.test(f))) return invalidField("Invalid query parameters", "fids", "Expected comma-separated integers");
  const users = fids.flatMap((fid) => {
    const a = state.getAccount(P, fid);
    return a
      ? [
          {
            object: "user",
            fid: Number(a.id),
            username: a.username,
            display_name: a.name,
            pfp_url: `https://emulator.invalid/farcaster/pfp/${a.id}.png`,
            follower_count: 12,
            following_count: 34,
          },
        ]
      : [];
  });
  return json(200, { users });
}

function userChannels(state: EmulatorState, req: EmuRequest): EmuResponse {
  const fid = req.query.get("fid");
  if (!fid || !/^\d+$/.test(fid)) return invalidField("Invalid query parameters", "fid", "Required");
  if (!state.getAccount(P, fid)) return neynarError(404, "NotFound", "User not found", "fid");
  return json(200, {
    channels: CHANNELS.map((c) => ({ object: "channel", id: c.id, name: c.name, url: `https://emulator.invalid/channel/${c.id}` })),
    next: { cursor: null },
  });
}

function castPage(state: EmulatorState, hash: string): EmuResponse {
  const post = recorded(state, P).find(hash);
  if (!post) return htmlAnswer(404, "<!doctype html><title>Not found</title><p>This cast does not exist</p>");
  const who = state.getAccount(P, post.accountId)?.username ?? post.accountId;
  return htmlAnswer(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(who)} on Farcaster (emulator)</title></head><body><main><p>@${esc(who)}</p><pre>${esc(post.text)}</pre>${post.media.map((u) => `<p><a href="${esc(u)}">${esc(u)}</a></p>`).join("")}</main></body></html>`,
  );
}

function helpPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Farcaster emulator</title></head><body><main>
<h1>Farcaster through Neynar (emulator)</h1>
<ul><li>API key (x-api-key): the emulator's app secret, which sandbox mode sends.</li>
<li>Signer UUID: any UUID starting <code>${APPROVED_PREFIX}-</code> is an approved signer for a new account; one starting <code>${PENDING_PREFIX}-</code> is still waiting for approval. Others are not found.</li>
<li>Casts: text of at most 1,024 UTF-8 bytes, at most 2 embeds (URLs), channels ${CHANNELS.map((c) => `<code>${c.id}</code>`).join(", ")}; an <code>idem</code> key answers a repeat with the first cast.</li></ul></main></body></html>`;
}

function routes(state: EmulatorState): Route[] {
  return [
    { method: "GET", path: "/", name: "help", handle: () => htmlAnswer(200, helpPage()) },
    { method: "GET", path: "/v2/farcaster/signer", name: "signer", handle: api((req) => signer(state, req)) },
    { method: "GET", path: "/v2/farcaster/user/bulk", name: "profile", handle: api((req) => usersBulk(state, req)) },
    { method: "GET", path: "/v2/farcaster/user/channels", name: "channels", handle: api((req) => userChannels(state, req)) },
    { method: "POST", path: "/v2/farcaster/cast", name: "post", handle: api((req) => createCast(state, req)) },
    { method: "GET", path: "/v2/farcaster/cast", name: "cast", handle: api((req) => readCast(state, req)) },
    { method: "GET", path: "/~/conversations/:hash", name: "web", handle: (_req, p) => castPage(state, p.hash!) },
    { method: "GET", path: "/:username/:hash", name: "web", handle: (_req, p) => castPage(state, p.hash!) },
  ];
}

const emulator: PlatformEmulator = {
  id: P,
  name: "Farcaster",
  notes: `<p>Connect with a signer UUID starting <code>${APPROVED_PREFIX}-</code> (approved, a new account each); the API key is the sandbox's.</p>`,
  routes,
  faults: {
    // Signers do not expire; one the user revoked is refused.
    "expired-token": () => neynarError(403, "Forbidden", "Signer is not approved (status: revoked)", "signer_uuid"),
    "rate-limit": ({ retryAfterSeconds }) => ({
      ...neynarError(429, "RateLimitExceeded", "Too many requests: rate limit exceeded for this API key"),
      headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    }),
    "server-error": () => neynarError(500, "InternalServerError", "Internal server error"),
  },
};

export default emulator;
