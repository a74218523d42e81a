// A real Bluesky PDS (@atproto/pds, the production server code) with an in-memory did:plc
// directory, bound to 127.0.0.1, for the integration tests. Run from /work/main:
//   node tests/peers/pds-server.cjs [--pds-port N] [--plc-port N] [--data-dir DIR]
// (or PDS_PORT / PLC_PORT / PDS_DATA_DIR). Port 0 or none picks a free port. Prints one JSON line
// {"url","plcUrl","dataDir","adminPassword"} and then READY. SIGTERM/SIGINT stop both servers and
// remove the data directory when this script created it.
/* eslint-disable @typescript-eslint/no-require-imports */
"use strict";

const net = require("node:net");
const path = require("node:path");
const fs = require("node:fs");
const os = require("node:os");
const crypto = require("node:crypto");

// PDS and PLC call listen(port) without a host, i.e. on every interface: keep them on loopback.
const origListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" && (args.length === 1 || typeof args[1] === "function")) args.splice(1, 0, "127.0.0.1");
  return origListen.apply(this, args);
};

const peers = path.join(__dirname, "node_modules");
const { PlcServer, Database: PlcDb } = require(path.join(peers, "@did-plc/server"));
const pds = require(path.join(peers, "@atproto/pds"));
const { Secp256k1Keypair } = require(path.join(peers, "@atproto/crypto"));

function arg(name, envName) {
  const i = process.argv.indexOf(`--${name}`);
  if (i > 0 && process.argv[i + 1]) return process.argv[i + 1];
  return process.env[envName];
}

// The PDS derives its public URL from its port, so the port must be known before it starts.
function freePort() {
  return new Promise((resolve, reject) => {
    const s = origListen.call(net.createServer(), 0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function main() {
  const plcPort = Number(arg("plc-port", "PLC_PORT")) || (await freePort());
  const pdsPort = Number(arg("pds-port", "PDS_PORT")) || (await freePort());
  const givenDir = arg("data-dir", "PDS_DATA_DIR");
  const dir = givenDir || fs.mkdtempSync(path.join(os.tmpdir(), "postmill-pds-"));
  fs.mkdirSync(dir, { recursive: true });

  const plc = PlcServer.create({ db: PlcDb.mock(), port: plcPort });
  await plc.start();

  const rotation = await Secp256k1Keypair.create({ exportable: true });
  const adminPassword = crypto.randomBytes(12).toString("hex");
  const env = {
    port: pdsPort,
    hostname: "localhost",
    devMode: true,
    dataDirectory: dir,
    blobstoreDiskLocation: path.join(dir, "blobs"),
    didPlcUrl: `http://127.0.0.1:${plcPort}`,
    recoveryDidKey: (await Secp256k1Keypair.create()).did(),
    adminPassword,
    jwtSecret: crypto.randomBytes(16).toString("hex"),
    plcRotationKeyK256PrivateKeyHex: Buffer.from(await rotation.export()).toString("hex"),
    serviceHandleDomains: [".test"],
    inviteRequired: false,
    disableSsrfProtection: true,
    rateLimitsEnabled: false,
    crawlers: [],
    // No App View: app.bsky.* reads are proxied here and fail, as on a lone self-hosted PDS.
    bskyAppViewUrl: "https://appview.invalid",
    bskyAppViewDid: "did:example:invalid",
    bskyAppViewCdnUrlPattern: "http://cdn.appview.invalid/%s/%s/%s",
    modServiceUrl: "https://moderator.invalid",
    modServiceDid: "did:example:invalid",
  };
  const server = await pds.PDS.create(pds.envToCfg(env), pds.envToSecrets(env));
  await server.start();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.destroy().catch(() => {});
    await plc.destroy().catch(() => {});
    if (!givenDir) fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // The parent test process died without stopping us: do not linger.
  process.on("disconnect", stop);

  console.log(JSON.stringify({ url: `http://127.0.0.1:${pdsPort}`, plcUrl: `http://127.0.0.1:${plcPort}`, dataDir: dir, adminPassword }));
  console.log("READY");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
