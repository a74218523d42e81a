import "server-only";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConnectionAffineQueue } from "./embedded-queue";

// The zero-install database: PGlite (Postgres compiled to WebAssembly) served over the Postgres
// wire protocol on a local port, so Prisma, pg and pg-boss connect to it like to any Postgres.

export type EmbeddedPostgres = { url: string; port: number; stop: () => Promise<void> };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PGlite has one writer and no lock of its own: two servers on one folder would corrupt it. */
function takeLock(dir: string): () => void {
  const file = path.join(dir, "server.pid");
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8"));
    if (pid && pid !== process.pid && processAlive(pid)) {
      throw new Error(`The embedded database in ${dir} is in use by process ${pid}. Stop it, or set DATA_DIR to another folder.`);
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

export async function startEmbeddedPostgres(opts: { dir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  let release = () => {};
  if (opts.dir) {
    mkdirSync(opts.dir, { recursive: true });
    release = takeLock(opts.dir);
  }
  const pglite = await PGlite.create(opts.dir ? path.join(opts.dir, "pgdata") : undefined);
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: opts.port ?? 0, maxConnections: 64 });
  // Before any connection: each connection's handler takes the server's queue when it attaches.
  (server as unknown as { queryQueue: ConnectionAffineQueue }).queryQueue = new ConnectionAffineQueue(pglite);
  let port = opts.port ?? 0;
  server.addEventListener("listening", (e) => {
    port = (e as CustomEvent<{ port: number }>).detail.port;
  });
  await server.start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    async stop() {
      await server.stop();
      await pglite.close();
      release();
    },
  };
}
