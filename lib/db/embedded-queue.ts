import type { PGlite } from "@electric-sql/pglite";

// PGlite is one Postgres backend; pglite-socket multiplexes every client connection onto it, one
// wire-protocol message at a time. Its own queue keeps a connection's messages together only while
// an explicit transaction is open. But the extended protocol keeps state between messages outside
// transactions too: a client's Parse, Bind, Describe and Execute share the backend's unnamed
// statement and portal until its Sync. When another connection's Parse lands between them, the
// first client binds the other's statement ("bind message supplies 1 parameters, but prepared
// statement "" requires 5", or "unnamed prepared statement does not exist"): seen with the web
// server, the worker and pg-boss sharing the embedded database. This queue gives the backend to
// one connection from its first extended-protocol message through its Sync, and for as long as
// a transaction it opened stays open. It also keeps serving after a failed message, where the
// library's queue stopped for good.
//
// It replaces the socket server's queue (a private field; @electric-sql/pglite-socket is pinned
// at 0.2.17, whose handlers call only the four methods below). tests/integration/embedded.test.ts
// drives the interleaving that breaks without it.

type Item = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (n: number) => void;
  reject: (e: unknown) => void;
};

/** Message types that leave state for the next message of the same batch (Parse, Bind, Describe, Execute, Close, Flush). */
const OPENS_BATCH = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));
const SYNC = "S".charCodeAt(0);
const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);

export class ConnectionAffineQueue {
  private queue: Item[] = [];
  private processing = false;
  /** The connection the backend belongs to until its batch is synced and its transaction closed. */
  private owner: number | null = null;
  private batchOpen = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** A connection went away: its queued messages are dropped, and a batch it left open is closed. */
  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error("Handler disconnected"));
      return false;
    });
    if (this.owner === handlerId && !this.db.isInTransaction()) void this.release(false);
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner === handlerId && this.db.isInTransaction()) await this.release(true);
  }

  private async release(rollback: boolean): Promise<void> {
    const closeBatch = this.batchOpen;
    this.owner = null;
    this.batchOpen = false;
    // A Sync ends the abandoned batch (and clears an error state that would make the backend skip
    // the next client's messages); the rollback ends the abandoned transaction. (exec takes the
    // database's lock itself, so it must not run inside runExclusive.)
    if (closeBatch) await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC_MESSAGE, { onRawData: () => {} }));
    if (rollback) await this.db.exec("ROLLBACK");
    void this.processQueue();
  }

  private next(): Item | undefined {
    const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
    return index < 0 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        let bytes = 0;
        const type = item.message[0]!;
        if (OPENS_BATCH.has(type)) this.batchOpen = true;
        this.owner = item.handlerId;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (e) {
          item.reject(e);
          continue;
        } finally {
          if (type === SYNC) this.batchOpen = false;
          if (!this.batchOpen && !this.db.isInTransaction()) this.owner = null;
        }
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}
