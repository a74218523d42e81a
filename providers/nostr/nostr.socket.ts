import WebSocket from "ws";
import { AbstractRelay } from "nostr-tools/abstract-relay";
import type { Event } from "nostr-tools/core";
import type { Filter } from "nostr-tools/filter";
import { verifyEvent } from "nostr-tools/pure";
import { guardedAgents } from "@/lib/net/guarded-agent";

// Talking to relays. Relays are addresses the user typed, so their sockets go through the same
// outbound guard as every HTTP call (lib/net/guarded-agent.ts: the name is resolved there and only
// public addresses are dialled, unless ALLOW_PRIVATE_NETWORK=1 or it is the sandbox emulator). The
// protocol itself (EVENT/OK, REQ/EVENT/EOSE) is nostr-tools' relay client; `ws` is its socket, as
// Node 20 has no WebSocket of its own.

export const CONNECT_TIMEOUT_MS = 8_000;
/** How long a relay has to answer an EVENT with OK; after that the answer counts as lost. */
export const PUBLISH_TIMEOUT_MS = 3_000;
export const QUERY_TIMEOUT_MS = 5_000;
/** Relays advertise their own frame limits (NIP-11 max_message_length, often 16–512 KiB); 4 MiB is ample for what we read. */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/** What one relay said to an EVENT: accepted (OK true), refused (OK false with its reason), or no answer. */
export type RelayOutcome = {
  relay: string;
  status: "accepted" | "refused" | "unreachable" | "lost";
  message: string;
  notices?: string[];
};

/** A ws socket bound to the guarded agents, remembering why it failed (nostr-tools only says "connection failed"). */
export function socketClass(seen: { error?: Error } = {}) {
  return class GuardedWebSocket extends WebSocket {
    constructor(address: string) {
      super(address, {
        agent: new URL(address).protocol === "wss:" ? guardedAgents["https:"] : guardedAgents["http:"],
        handshakeTimeout: CONNECT_TIMEOUT_MS,
        maxPayload: MAX_FRAME_BYTES,
        followRedirects: false,
      });
      this.on("error", (e) => (seen.error ??= e));
    }
  };
}

async function open(url: string): Promise<{ relay: AbstractRelay } | { error: string }> {
  const seen: { error?: Error } = {};
  const relay = new AbstractRelay(url, {
    verifyEvent: (e) => verifyEvent(e),
    websocketImplementation: socketClass(seen) as unknown as typeof globalThis.WebSocket,
    enableReconnect: false,
  });
  try {
    await relay.connect({ timeout: CONNECT_TIMEOUT_MS });
    return { relay };
  } catch (e) {
    relay.close();
    const why = seen.error?.message ?? (typeof e === "string" ? e : (e as Error)?.message) ?? "connection failed";
    return { error: why };
  }
}

/** Sends one signed event to every relay at once, and records each relay's answer. */
export async function publishToRelays(relays: string[], event: Event): Promise<RelayOutcome[]> {
  return Promise.all(
    relays.map(async (url): Promise<RelayOutcome> => {
      const c = await open(url);
      if ("error" in c) return { relay: url, status: "unreachable", message: c.error };
      const notices: string[] = [];
      c.relay.onnotice = (m) => notices.push(String(m).slice(0, 300));
      c.relay.publishTimeout = PUBLISH_TIMEOUT_MS;
      try {
        const reason = await c.relay.publish(event);
        return { relay: url, status: "accepted", message: reason ?? "", ...(notices.length ? { notices } : {}) };
      } catch (e) {
        const message = (e as Error)?.message ?? String(e);
        // Sent, but no OK in time: the relay may have stored it.
        const lost = message === "publish timed out";
        return { relay: url, status: lost ? "lost" : "refused", message, ...(notices.length ? { notices } : {}) };
      } finally {
        c.relay.close();
      }
    }),
  );
}

/** The events every reachable relay returns for `filter` (REQ … EOSE), deduplicated by id; and the relays that could not be read. */
export async function queryRelays(
  relays: string[],
  filter: Filter,
): Promise<{ events: Event[]; failed: { relay: string; error: string }[] }> {
  const byId = new Map<string, Event>();
  const failed: { relay: string; error: string }[] = [];
  await Promise.all(
    relays.map(async (url) => {
      const c = await open(url);
      if ("error" in c) return void failed.push({ relay: url, error: c.error });
      await new Promise<void>((done) => {
        const sub = c.relay.subscribe([filter], {
          eoseTimeout: QUERY_TIMEOUT_MS,
          onevent: (e) => void byId.set(e.id, e),
          oneose: () => {
            sub.close();
            done();
          },
          onclose: () => done(),
        });
      });
      c.relay.close();
    }),
  );
  return { events: [...byId.values()], failed };
}
