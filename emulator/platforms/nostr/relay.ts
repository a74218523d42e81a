import type { WebSocket } from "ws";
import type { Event } from "nostr-tools/core";
import { matchFilters, type Filter } from "nostr-tools/filter";
import { verifyEvent } from "nostr-tools/pure";
import type { EmulatorState } from "@/emulator/state";

// A relay as NIP-01 describes it, over the emulator's WebSocket upgrade: ["EVENT", e] is checked
// (id and Schnorr signature through nostr-tools' verifyEvent, timestamps, the relay's content
// limit) and answered ["OK", id, true|false, "<prefix>: <message>"]; ["REQ", sub, filters…] is
// answered with the stored matching events then ["EOSE", sub]. It admits writers by public key
// like a restricted relay (NIP-11 restricted_writes): a key is a member from the first time it is
// seen, and a revoked member is answered "blocked:". Faults queued for route "event" turn into the
// relay's own refusals ("rate-limited:", "error:", …) or a lost OK.

const PLATFORM = "nostr";
/** NIP-11's example limitation.max_content_length. */
export const MAX_CONTENT_LENGTH = 8196;
/** How far from now a created_at may be (NIP-11 created_at_lower_limit / upper_limit). */
const LOWER_LIMIT_S = 60 * 60 * 24;
const UPPER_LIMIT_S = 60 * 15;

const stores = new WeakMap<EmulatorState, Map<string, Event>>();
const storeOf = (state: EmulatorState) => stores.get(state) ?? stores.set(state, new Map()).get(state)!;

/** The events this relay holds, by id (read by the viewer page). */
export function storedEvent(state: EmulatorState, id: string): Event | undefined {
  return storeOf(state).get(id);
}

/** A key's membership, as a grant the conformance suite can revoke (its "access token" is the public key). */
function member(state: EmulatorState, pubkey: string) {
  let at = state.accessTokens.get(pubkey);
  if (!at) {
    const grantId = `nostr_member_${pubkey}`;
    state.account(PLATFORM, pubkey, { id: pubkey });
    state.grants.set(grantId, { id: grantId, platform: PLATFORM, accountId: pubkey, clientId: "relay", scopes: ["write"], revoked: false });
    at = { grantId, expiresAt: Number.MAX_SAFE_INTEGER };
    state.accessTokens.set(pubkey, at);
  }
  return state.grants.get(at.grantId)!;
}

const tagValues = (e: Event, name: string) => e.tags.filter((t) => t[0] === name);

/** Records a kind-1 note as a post: its text without the media links its imeta tags describe, and what it replies to (NIP-10 markers). */
function record(state: EmulatorState, e: Event) {
  const media = tagValues(e, "imeta")
    .map((t) => t.find((f) => f.startsWith("url "))?.slice(4))
    .filter((u): u is string => !!u);
  let text = e.content;
  for (const u of media) text = text.split(u).join("");
  const reply = tagValues(e, "e").find((t) => t[3] === "reply") ?? tagValues(e, "e").find((t) => t[3] === "root");
  state.record({
    platform: PLATFORM,
    id: e.id,
    accountId: e.pubkey,
    text: media.length ? text.trimEnd() : text,
    media,
    ...(reply ? { replyTo: reply[1] } : {}),
    extra: { tags: e.tags, created_at: e.created_at },
  });
}

function looksLikeEvent(e: unknown): e is Event {
  const x = e as Record<string, unknown>;
  return (
    !!x &&
    typeof x === "object" &&
    typeof x.id === "string" &&
    typeof x.pubkey === "string" &&
    typeof x.sig === "string" &&
    Number.isInteger(x.kind) &&
    Number.isInteger(x.created_at) &&
    typeof x.content === "string" &&
    Array.isArray(x.tags) &&
    x.tags.every((t) => Array.isArray(t) && t.every((v) => typeof v === "string"))
  );
}

/** The verdict on an EVENT: [accepted, message], or "hang" when a fault loses the answer. */
async function judge(state: EmulatorState, e: Event, send: (msg: unknown[]) => void): Promise<void> {
  const ok = (accepted: boolean, message: string) => send(["OK", e.id, accepted, message]);
  if (!verifyEvent(e)) return ok(false, "invalid: event id or signature is wrong");
  const now = Math.floor(Date.now() / 1000);
  if (e.created_at < now - LOWER_LIMIT_S || e.created_at > now + UPPER_LIMIT_S) return ok(false, "invalid: created_at is too far from now");
  if ([...e.content].length > MAX_CONTENT_LENGTH) return ok(false, `invalid: content is longer than ${MAX_CONTENT_LENGTH} characters`);
  if (member(state, e.pubkey).revoked) return ok(false, "blocked: this public key may not write to this relay");
  const store = storeOf(state);
  if (store.has(e.id)) return ok(true, "duplicate: already have this event");

  const fault = e.kind === 1 ? state.takeFault(PLATFORM, "event") : undefined;
  if (fault) {
    if (fault.kind === "timeout") {
      if (fault.processed) {
        store.set(e.id, e);
        record(state, e);
      }
      // The OK is lost: it comes (if ever) after the client stopped waiting.
      setTimeout(() => ok(true, ""), fault.delayMs ?? 60_000).unref();
      return;
    }
    const refusal: Record<string, string> = {
      "rate-limited": "rate-limited: slow down, you are sending too fast",
      "rate-limit": "rate-limited: slow down, you are sending too fast",
      "server-error": "error: could not store the event, try again",
      "expired-token": "auth-required: this relay needs you to authenticate (NIP-42)",
      "missing-scope": "restricted: this public key may not write kind 1 here",
    };
    if (fault.kind === "duplicate") return ok(true, "duplicate: already have this event");
    if (refusal[fault.kind]) return ok(false, refusal[fault.kind]!);
  }
  store.set(e.id, e);
  if (e.kind === 1) record(state, e);
  ok(true, "");
}

export function relaySocket(state: EmulatorState, ws: WebSocket): void {
  const send = (msg: unknown[]) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  ws.on("message", (data) => {
    let msg: unknown;
    try {
      msg = JSON.parse(String(data));
    } catch {
      return send(["NOTICE", "error: message is not JSON"]);
    }
    if (!Array.isArray(msg) || typeof msg[0] !== "string")
      return send(["NOTICE", "error: a message is a JSON array starting with its type"]);
    const [type, ...rest] = msg as [string, ...unknown[]];
    if (type === "EVENT") {
      if (!looksLikeEvent(rest[0])) return send(["NOTICE", "invalid: EVENT needs an event object"]);
      void judge(state, rest[0], send);
      return;
    }
    if (type === "REQ") {
      const [sub, ...filters] = rest as [unknown, ...Filter[]];
      if (typeof sub !== "string" || !filters.length || filters.some((f) => !f || typeof f !== "object"))
        return send(["CLOSED", String(sub), "invalid: REQ needs a subscription id and filters"]);
      for (const f of filters) for (const a of f.authors ?? []) if (/^[0-9a-f]{64}$/.test(a)) member(state, a);
      const events = [...storeOf(state).values()].filter((e) => matchFilters(filters, e)).sort((a, b) => b.created_at - a.created_at);
      const limit = Math.min(...filters.map((f) => f.limit ?? Infinity));
      for (const e of events.slice(0, Number.isFinite(limit) ? limit : undefined)) send(["EVENT", sub, e]);
      return send(["EOSE", sub]);
    }
    if (type === "CLOSE") return;
    send(["NOTICE", `error: unknown message type ${type}`]);
  });
}
