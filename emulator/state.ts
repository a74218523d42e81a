import { createHash, randomBytes } from "node:crypto";

// Everything the emulator remembers, in memory: accounts, OAuth grants and tokens (with rotation
// and reuse detection), recorded posts, uploaded media and queued faults.

export type Grant = {
  id: string;
  platform: string;
  accountId: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
};
type AccessToken = { grantId: string; expiresAt: number };
type RefreshToken = { grantId: string; used: boolean };
type Code = {
  platform: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  accountId: string;
  challenge?: string;
  expiresAt: number;
  used: boolean;
};

export type RecordedPost = {
  platform: string;
  id: string;
  accountId: string;
  text: string;
  media: string[];
  replyTo?: string;
  poll?: unknown;
  extra?: Record<string, unknown>;
  idempotencyKey?: string;
  receivedAt: number;
};

export type Account = { id: string; username: string; name: string; picture?: string; extra?: Record<string, unknown> };
/** A queued fault. For "timeout", `processed` means the platform did the work before the answer was lost. */
export type Fault = {
  platform: string;
  route: string;
  kind: string;
  times: number;
  retryAfterSeconds: number;
  delayMs?: number;
  processed?: boolean;
};

const token = (prefix: string) => `${prefix}_${randomBytes(18).toString("base64url")}`;

export class EmulatorState {
  accounts = new Map<string, Account>(); // key: platform/accountId
  grants = new Map<string, Grant>();
  accessTokens = new Map<string, AccessToken>();
  refreshTokens = new Map<string, RefreshToken>();
  codes = new Map<string, Code>();
  posts: RecordedPost[] = [];
  media = new Map<string, { platform: string; accountId: string; mimeType: string; size: number; alt?: string }>();
  faults: Fault[] = [];
  /** Requests being answered now and the most at once, per platform (concurrency checks). */
  inFlight = new Map<string, number>();
  peakInFlight = new Map<string, number>();
  latencyMs = new Map<string, number>();
  /** Platform rate limits are on, as on the real platforms; load benchmarks turn them off. */
  rateLimits = true;
  apps = new Map<string, { platform: string; clientId: string; clientSecret: string; redirectUris: string[]; scopes: string[] }>();
  /** Seconds an access token lives; tests shorten it to exercise refresh. */
  accessTtlSeconds = 7200;
  private seq = 1_000_000;

  nextId(): string {
    return String(Date.now()) + String(this.seq++);
  }

  account(platform: string, username: string, extra: Partial<Account> = {}): Account {
    const id = extra.id ?? `${platform}-${createHash("sha1").update(username).digest("hex").slice(0, 10)}`;
    const key = `${platform}/${id}`;
    const existing = this.accounts.get(key);
    if (existing) return existing;
    const acc: Account = { id, username, name: extra.name ?? username.replace(/[._-]/g, " "), picture: extra.picture, extra: extra.extra };
    this.accounts.set(key, acc);
    return acc;
  }

  getAccount(platform: string, id: string): Account | undefined {
    return this.accounts.get(`${platform}/${id}`);
  }

  issueCode(c: Omit<Code, "expiresAt" | "used">): string {
    const code = token("code");
    this.codes.set(code, { ...c, expiresAt: Date.now() + 60_000, used: false });
    return code;
  }

  /** Single use; a wrong PKCE verifier burns the code too (RFC 6749 §4.1.2). */
  redeemCode(code: string, opts: { clientId: string; redirectUri?: string; verifier?: string }): Code | string {
    const c = this.codes.get(code);
    if (!c || c.used || c.expiresAt < Date.now()) return "The authorization code is invalid, expired or already used";
    c.used = true;
    if (c.clientId !== opts.clientId) return "The authorization code was issued to another client";
    if (opts.redirectUri !== undefined && c.redirectUri !== opts.redirectUri)
      return "redirect_uri does not match the authorization request";
    if (c.challenge) {
      if (!opts.verifier) return "code_verifier is required";
      if (createHash("sha256").update(opts.verifier).digest("base64url") !== c.challenge)
        return "code_verifier does not match the code_challenge";
    }
    return c;
  }

  issueTokens(platform: string, accountId: string, clientId: string, scopes: string[], withRefresh: boolean, grantId?: string) {
    const gid = grantId ?? token("grant");
    if (!grantId) this.grants.set(gid, { id: gid, platform, accountId, clientId, scopes, revoked: false });
    const access = token(`${platform}_at`);
    this.accessTokens.set(access, { grantId: gid, expiresAt: Date.now() + this.accessTtlSeconds * 1000 });
    let refresh: string | undefined;
    if (withRefresh) {
      refresh = token(`${platform}_rt`);
      this.refreshTokens.set(refresh, { grantId: gid, used: false });
    }
    return { accessToken: access, refreshToken: refresh, expiresIn: this.accessTtlSeconds, grantId: gid };
  }

  /** Rotation with reuse detection: an already-used refresh token revokes the whole grant. */
  rotate(platform: string, refresh: string): ReturnType<EmulatorState["issueTokens"]> | "invalid" | "reused" {
    const rt = this.refreshTokens.get(refresh);
    const grant = rt && this.grants.get(rt.grantId);
    if (!rt || !grant || grant.platform !== platform || grant.revoked) return "invalid";
    if (rt.used) {
      grant.revoked = true;
      return "reused";
    }
    rt.used = true;
    return this.issueTokens(platform, grant.accountId, grant.clientId, grant.scopes, true, grant.id);
  }

  /** The grant behind a bearer token, or why there is none. */
  checkAccess(platform: string, bearer: string | undefined): Grant | "missing" | "invalid" | "expired" {
    if (!bearer) return "missing";
    const at = this.accessTokens.get(bearer);
    const grant = at && this.grants.get(at.grantId);
    if (!at || !grant || grant.platform !== platform || grant.revoked) return "invalid";
    if (at.expiresAt < Date.now()) return "expired";
    return grant;
  }

  expireTokens(platform?: string): number {
    let n = 0;
    for (const at of this.accessTokens.values()) {
      const g = this.grants.get(at.grantId);
      if (!platform || g?.platform === platform) {
        at.expiresAt = 0;
        n++;
      }
    }
    return n;
  }

  record(p: Omit<RecordedPost, "id" | "receivedAt"> & { id?: string }): RecordedPost {
    const post = { ...p, id: p.id ?? this.nextId(), receivedAt: Date.now() };
    this.posts.push(post);
    return post;
  }

  findByIdempotencyKey(platform: string, accountId: string, key: string): RecordedPost | undefined {
    const hourAgo = Date.now() - 3_600_000;
    return this.posts.find(
      (p) => p.platform === platform && p.accountId === accountId && p.idempotencyKey === key && p.receivedAt > hourAgo,
    );
  }

  takeFault(platform: string, route: string): Fault | undefined {
    const f = this.faults.find((x) => x.platform === platform && (x.route === route || x.route === "*") && x.times > 0);
    if (!f) return undefined;
    f.times -= 1;
    if (f.times === 0) this.faults.splice(this.faults.indexOf(f), 1);
    return f;
  }

  reset(): void {
    this.accounts.clear();
    this.grants.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.codes.clear();
    this.posts = [];
    this.media.clear();
    this.faults = [];
    this.peakInFlight.clear();
    this.latencyMs.clear();
    this.rateLimits = true;
    this.apps.clear();
    this.accessTtlSeconds = 7200;
  }
}
