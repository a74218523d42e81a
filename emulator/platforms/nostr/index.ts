import { decode } from "nostr-tools/nip19";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { MAX_CONTENT_LENGTH, relaySocket, storedEvent } from "./relay";

// Nostr as the provider sees it, written from the fact sheet (../shared/platforms/nostr.md) and
// NIP-01/10/11/19/92, never from providers/: a relay over WebSocket at ws://<emulator>/nostr
// (relay.ts), its NIP-11 information document on a plain GET, and a viewer page for the
// nevent/note links the stored results point at (the emulator stands in for njump.me).

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function viewer(state: EmulatorState, code: string): EmuResponse {
  let id: string | undefined;
  try {
    const d = decode(code);
    id = d.type === "nevent" ? d.data.id : d.type === "note" ? d.data : undefined;
  } catch {
    /* not a NIP-19 code */
  }
  const e = id ? storedEvent(state, id) : undefined;
  if (!e) return { status: 404, headers: { "content-type": "text/html; charset=utf-8" }, body: "<p>No such note on this relay</p>" };
  return {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: `<article><pre>${escape(e.content)}</pre></article>`,
  };
}

function routes(state: EmulatorState): Route[] {
  return [
    {
      method: "GET",
      path: "/",
      name: "info",
      handle: () =>
        json(
          200,
          { name: "Postmill emulator relay", supported_nips: [1, 10, 11, 19, 92], limitation: { max_content_length: MAX_CONTENT_LENGTH } },
          { "content-type": "application/nostr+json" },
        ),
    },
    { method: "GET", path: "/:code", name: "viewer", handle: (_req, p) => viewer(state, p.code!) },
  ];
}

const emulator: PlatformEmulator = {
  id: "nostr",
  name: "Nostr",
  notes: "A relay at ws://&lt;emulator&gt;/nostr: connect with that address and any private key (nsec or hex).",
  routes,
  socket: (state, ws) => relaySocket(state, ws),
  // Relays answer over the socket, not HTTP: faults on route "event" are turned into the relay's
  // own OK refusals in relay.ts, so these HTTP answers are never used.
  faults: {},
};

export default emulator;
