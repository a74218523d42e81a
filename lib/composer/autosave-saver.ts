// Saves the composer's post to the server as a draft, one request at a time: the first save of a
// new post creates the draft, every later one updates that same draft. A save asked for while
// one is in flight waits and only the newest waiting body is sent, so two creates can never
// race and an older body never lands after a newer one.

export type DraftBody = { mode: "draft"; publishAt?: string; targets: unknown[] };
/** The saved post's id, and its serverMark as the server now holds it. */
export type Send = (req: { url: string; method: "POST" | "PUT"; body: DraftBody }) => Promise<{ id: string; mark?: string }>;

export type SaverStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date; fp: string; mark?: string }
  | { kind: "failed"; reason: string; fp: string };

type Options = {
  postId?: string;
  send: Send;
  onStatus: (s: SaverStatus) => void;
  /** Called once, when a new post has become a draft on the server. */
  onCreated?: (id: string) => void;
  now?: () => Date;
};

export class DraftSaver {
  postId: string | undefined;
  private running: Promise<void> | null = null;
  private waiting: { body: DraftBody; fp: string } | null = null;
  private stopped = false;

  constructor(private readonly opts: Options) {
    this.postId = opts.postId;
  }

  /** Asks for a save of this body (fp: its fingerprint); resolves when no save is left to run. */
  save(body: DraftBody, fp: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.waiting = { body, fp };
    if (!this.running) this.running = this.drain().finally(() => (this.running = null));
    return this.running;
  }

  /** Resolves once nothing is in flight (a submit waits here so it never races a create). */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No more saves (the post was scheduled, published or discarded); a waiting body is dropped. */
  stop(): void {
    this.stopped = true;
    this.waiting = null;
  }

  resume(): void {
    this.stopped = false;
  }

  get busy(): boolean {
    return !!this.running;
  }

  private async drain(): Promise<void> {
    while (this.waiting && !this.stopped) {
      const { body, fp } = this.waiting;
      this.waiting = null;
      this.opts.onStatus({ kind: "saving" });
      try {
        const creating = !this.postId;
        const { id, mark } = await this.opts.send(
          creating ? { url: "/api/posts", method: "POST", body } : { url: `/api/posts/${this.postId}`, method: "PUT", body },
        );
        if (creating) {
          this.postId = id;
          this.opts.onCreated?.(id);
        }
        this.opts.onStatus({ kind: "saved", at: (this.opts.now ?? (() => new Date()))(), fp, mark });
      } catch (e) {
        this.opts.onStatus({ kind: "failed", reason: reasonOf(e), fp });
      }
    }
  }
}

/** A short reason for the status line: the server's first field message, or its message. */
export function reasonOf(e: unknown): string {
  const err = e as { message?: string; fields?: Record<string, string> };
  const first = err?.fields && Object.values(err.fields)[0];
  if (first) return first;
  if (e instanceof TypeError) return "no connection to the server";
  return err?.message || "the server refused it";
}
