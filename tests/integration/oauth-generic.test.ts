import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeConnect, startConnect } from "@/lib/channels/connect";
import { channelAccess, refreshChannelToken, refreshUnderLock } from "@/lib/channels/tokens";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PlatformManifest } from "@/providers/core/manifest";
import { OAuth2Provider, type TokenResponse } from "@/providers/core/oauth2-provider";
import { providers } from "@/providers/registry";
import type { PostItem } from "@/providers/social.integrations.interface";
import { z } from "zod";
import { loginAndConsent, startOidc, type OidcPeer } from "../peers/oidc";
import { makeOwner } from "../helpers/factories";
import { sqlRows } from "../helpers/sql";

// The shared OAuth 2.0 path (every oauth2 platform goes through it) against a real OAuth server.

const BASE = "http://127.0.0.1:5555";
let oidc: OidcPeer;
let tokenUrl = "";
let refreshCalls = 0;

const oidcManifest: PlatformManifest = {
  identifier: "oidc-test",
  name: "Test OAuth server",
  badge: { text: "T", colour: "#333333" },
  auth: { kind: "oauth2", scopes: ["openid", "offline_access", "post.write"] },
  editor: "normal",
  counting: "chars",
  maxLength: 100,
  maxConcurrentJob: 1,
  oneTimeToken: false,
  media: { maxItems: 0, mixKinds: false },
  settings: z.object({}),
  analytics: { account: false, post: false },
  publishSafety: "unconfirmed",
  env: { credentials: ["OIDC_TEST_CLIENT_ID", "OIDC_TEST_CLIENT_SECRET"], hosts: [] },
};

class OidcTestProvider extends OAuth2Provider {
  readonly manifest = oidcManifest;
  protected oauth = {
    authorizeUrl: () => `${oidc.issuer}/auth`,
    tokenUrl: () => tokenUrl,
    credentialsPrefix: "oidc_test",
    pkce: true,
    clientAuth: "body" as const,
    extraAuthorizeParams: { prompt: "consent" },
  };
  handleErrors() {
    return undefined;
  }
  protected async profile(accessToken: string, _t: TokenResponse) {
    const me = await this.fetchJson<{ sub: string; name: string }>(`${oidc.issuer}/me`, {}, { token: accessToken });
    return { id: me.sub, name: me.name ?? `User ${me.sub}`, username: me.sub };
  }
  override async refreshToken(rt: string) {
    refreshCalls++;
    return super.refreshToken(rt);
  }
  async post(_c: unknown, _i: PostItem): Promise<never> {
    throw new Error("not used");
  }
}

const rawRow = async (id: string) =>
  (
    await sqlRows<{ access_token: string; refresh_token: string; status: string }>(
      process.env.DATABASE_URL!,
      "SELECT access_token, refresh_token, status FROM integrations WHERE id = $1",
      [id],
    )
  )[0]!;

async function connect(owner: Awaited<ReturnType<typeof makeOwner>>, login = "alice") {
  const url = await startConnect(owner, "oidc-test", BASE);
  const back = await loginAndConsent(url, login);
  return { url, back, result: await completeConnect(owner.userId, "oidc-test", Object.fromEntries(back.searchParams)) };
}

const tokenWorks = async (token: string) =>
  (await fetch(`${oidc.issuer}/me`, { headers: { authorization: `Bearer ${token}` } })).status === 200;

beforeAll(async () => {
  oidc = await startOidc({ redirectUri: `${BASE}/api/integrations/oidc-test/callback` });
  tokenUrl = `${oidc.issuer}/token`;
  process.env.OIDC_TEST_CLIENT_ID = oidc.clientId;
  process.env.OIDC_TEST_CLIENT_SECRET = oidc.clientSecret;
  // A provider registered for this test only, reached through the same registry as real ones.
  (providers as Record<string, unknown>)["oidc-test"] = new OidcTestProvider();
});
afterAll(async () => {
  delete (providers as Record<string, unknown>)["oidc-test"];
  await oidc.stop();
});

describe("generic OAuth 2.0 connect against oidc-provider", () => {
  it("uses PKCE S256 and a server-side state, exchanges the code, and stores tokens encrypted", async () => {
    const owner = await makeOwner();
    const { url, back, result } = await connect(owner);
    const auth = new URL(url);
    expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
    expect(auth.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(back.searchParams.get("state")).toBe(auth.searchParams.get("state"));

    const channel = await db.integration.findUniqueOrThrow({ where: { id: result.channelId } });
    expect(channel).toMatchObject({ organizationId: owner.organizationId, internalId: "alice", status: "active" });
    const raw = await rawRow(channel.id);
    const access = decryptSecret(raw.access_token);
    expect(raw.access_token).not.toContain(access);
    expect(raw.refresh_token).toMatch(/^v1\./);
    expect(await tokenWorks(access)).toBe(true);
    const state = await db.oAuthState.findUniqueOrThrow({ where: { state: auth.searchParams.get("state")! } });
    expect(state.usedAt).not.toBeNull();
    expect(state.codeVerifier).toMatch(/^v1\./);
  });

  it("refuses a reused, unknown, expired or another user's state, saving nothing", async () => {
    const owner = await makeOwner();
    const other = await makeOwner("other");
    const { back } = await connect(owner);
    const q = Object.fromEntries(back.searchParams);
    await expect(completeConnect(owner.userId, "oidc-test", q)).rejects.toThrow("already used");
    await expect(completeConnect(owner.userId, "oidc-test", { ...q, state: "made-up" })).rejects.toThrow("unknown");

    const url = await startConnect(owner, "oidc-test", BASE);
    const fresh = await loginAndConsent(url, "bob");
    const fq = Object.fromEntries(fresh.searchParams);
    await expect(completeConnect(other.userId, "oidc-test", fq)).rejects.toMatchObject({ status: 403 });
    await db.oAuthState.update({ where: { state: fq.state! }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(completeConnect(owner.userId, "oidc-test", fq)).rejects.toThrow("expired");
    expect(await db.integration.count({ where: { organizationId: owner.organizationId, internalId: "bob" } })).toBe(0);
  });

  it("reports a denial clearly", async () => {
    const owner = await makeOwner();
    const url = new URL(await startConnect(owner, "oidc-test", BASE));
    const err = await completeConnect(owner.userId, "oidc-test", { state: url.searchParams.get("state"), error: "access_denied" }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toBe("You declined access on Test OAuth server; no channel was connected");
  });

  it("reconnecting keeps the channel id, and the refresh token when none is sent", async () => {
    const owner = await makeOwner();
    const first = await connect(owner, "carol");
    const second = await connect(owner, "carol");
    expect(second.result.channelId).toBe(first.result.channelId);
    expect(await db.integration.count({ where: { organizationId: owner.organizationId } })).toBe(1);
  });
});

describe("token refresh lifecycle", () => {
  it("refreshes ahead of expiry with rotation: the new token works, the refresh token changed", async () => {
    const owner = await makeOwner();
    const { result } = await connect(owner, "dave");
    const before = await rawRow(result.channelId);
    await db.integration.update({ where: { id: result.channelId }, data: { tokenExpiresAt: new Date(Date.now() + 1000) } });
    const access = await channelAccess(result.channelId);
    const after = await rawRow(result.channelId);
    expect(decryptSecret(after.refresh_token)).not.toBe(decryptSecret(before.refresh_token));
    expect(access.accessToken).not.toBe(decryptSecret(before.access_token));
    expect(await tokenWorks(access.accessToken)).toBe(true);
  });

  it("concurrent refreshes share one platform call, in process and across the row lock", async () => {
    const owner = await makeOwner();
    const { result } = await connect(owner, "erin");
    const seen = (await rawRow(result.channelId)).access_token;
    refreshCalls = 0;
    const inProcess = await Promise.all(Array.from({ length: 5 }, () => refreshChannelToken(result.channelId, seen)));
    expect(new Set(inProcess).size).toBe(1);
    expect(refreshCalls).toBe(1);

    // Two "workers" that both saw the same stale token: the second waits on the lock and reuses.
    const seen2 = (await rawRow(result.channelId)).access_token;
    refreshCalls = 0;
    const acrossWorkers = await Promise.all([refreshUnderLock(result.channelId, seen2), refreshUnderLock(result.channelId, seen2)]);
    expect(acrossWorkers[0]).toBe(acrossWorkers[1]);
    expect(refreshCalls).toBe(1);
    expect((await rawRow(result.channelId)).status).toBe("active");
    expect(await tokenWorks(acrossWorkers[0])).toBe(true);
  });

  it("reuse of an old refresh token: the server revokes the grant, the channel is flagged once with one notification", async () => {
    const owner = await makeOwner();
    const { result } = await connect(owner, "frank");
    const old = (await rawRow(result.channelId)).refresh_token;
    await refreshChannelToken(result.channelId, (await rawRow(result.channelId)).access_token);
    // A stale copy of the first refresh token comes back (e.g. restored from a backup).
    await db.integration.update({ where: { id: result.channelId }, data: { refreshToken: old } });
    const seen = (await rawRow(result.channelId)).access_token;
    const outcomes = await Promise.allSettled([refreshUnderLock(result.channelId, seen), refreshUnderLock(result.channelId, seen)]);
    expect(outcomes.every((o) => o.status === "rejected")).toBe(true);
    expect((await rawRow(result.channelId)).status).toBe("refresh_needed");
    const notes = await db.notification.findMany({ where: { organizationId: owner.organizationId, kind: "channel.reconnect" } });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain("Reconnect it on the Channels page");
  });

  it("a 5xx or unreachable token endpoint does not flag the channel", async () => {
    const owner = await makeOwner();
    const { result } = await connect(owner, "gina");
    const down: Server = createServer((_q, r) => r.writeHead(503).end("maintenance"));
    await new Promise<void>((ok) => down.listen(0, "127.0.0.1", ok));
    tokenUrl = `http://127.0.0.1:${(down.address() as { port: number }).port}/token`;
    try {
      const seen = (await rawRow(result.channelId)).access_token;
      await expect(refreshChannelToken(result.channelId, seen)).rejects.toMatchObject({ kind: "retry" });
      tokenUrl = "http://127.0.0.1:1/token";
      await expect(refreshChannelToken(result.channelId, seen)).rejects.toMatchObject({ kind: "retry" });
      expect((await rawRow(result.channelId)).status).toBe("active");
      expect(await db.notification.count({ where: { organizationId: owner.organizationId } })).toBe(0);
    } finally {
      tokenUrl = `${oidc.issuer}/token`;
      down.close();
    }
  });
});
