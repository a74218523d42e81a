// A real Nostr relay (CodyTseng's @nostr-relay engine: core + validator + an in-memory SQLite
// event repository) on a WebSocket bound to 127.0.0.1, for the integration tests:
//   node tests/peers/nostr-relay-server.cjs [--port N] [--refuse "blocked: reason"]
// Port 0 or none picks a free port. With --refuse, every EVENT is refused with that OK message
// (the engine's own beforeHandleEvent plugin hook), as a relay that does not admit the writer.
// Prints one JSON line {"url"} and then READY; SIGTERM/SIGINT close it.
/* eslint-disable @typescript-eslint/no-require-imports */
"use strict";

const path = require("node:path");

const peers = path.join(__dirname, "node_modules");
const { NostrRelay, createOutgoingNoticeMessage } = require(path.join(peers, "@nostr-relay/core"));
const { EventRepositorySqlite } = require(path.join(peers, "@nostr-relay/event-repository-sqlite"));
const { Validator } = require(path.join(peers, "@nostr-relay/validator"));
const { WebSocketServer } = require(path.join(peers, "ws"));

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

(async () => {
  const repo = new EventRepositorySqlite(":memory:");
  await repo.init();
  const relay = new NostrRelay(repo);
  const refuse = arg("refuse");
  if (refuse) relay.register({ beforeHandleEvent: () => ({ canHandle: false, message: refuse }) });
  const validator = new Validator();
  const wss = new WebSocketServer({ host: "127.0.0.1", port: Number(arg("port") ?? 0) });
  wss.on("connection", (ws) => {
    relay.handleConnection(ws);
    ws.on("message", async (data) => {
      try {
        await relay.handleMessage(ws, await validator.validateIncomingMessage(data));
      } catch (e) {
        ws.send(JSON.stringify(createOutgoingNoticeMessage(e.message)));
      }
    });
    ws.on("close", () => relay.handleDisconnect(ws));
  });
  wss.on("listening", () => {
    console.log(JSON.stringify({ url: `ws://127.0.0.1:${wss.address().port}` }));
    console.log("READY");
  });
  const stop = () => {
    for (const c of wss.clients) c.terminate();
    wss.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
