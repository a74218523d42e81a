import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";
import { randomToken } from "@/providers/core/pkce";
import { SANDBOX_CLIENT } from "@/providers/core/hosts";
import type { AppClient, AppClientStore } from "@/providers/social.integrations.interface";
import mastodonEmulator from "@/emulator/platforms/mastodon";
import { INVALID_CLIENT } from "@/emulator/platforms/mastodon/clients";
import { MastodonProvider } from "@/providers/mastodon/mastodon.provider";
import { REDIRECT } from "@/tests/helpers/platforms/mastodon";

// The app registers itself once per server and reuses that client, registering anew only when the
// server refuses it (Mastodon answers 401 invalid_client for a client it does not know).

const provider = new MastodonProvider();
let emu: Emulator;
let base: string;

/** The app's store, in memory: server -> client. */
function memoryStore() {
  const clients = new Map<string, AppClient>();
  const store: AppClientStore = {
    get: async (server) => clients.get(server) ?? null,
    save: async (server, client) => void clients.set(server, client),
    forget: async (server, clientId) => void (clients.get(server)?.clientId === clientId && clients.delete(server)),
  };
  return { clients, store };
}

const start = (store?: AppClientStore, redirectUri = REDIRECT) =>
  provider.generateAuthUrl({ redirectUri, state: randomToken(12), codeVerifier: randomToken(48), instanceUrl: base, appClients: store });
const registrations = () => [...emu.state.apps.values()].filter((a) => a.platform === "mastodon").length;

beforeAll(async () => {
  emu = await useEmulator([mastodonEmulator]);
  base = `${emu.url}/mastodon`;
  delete process.env.PROVIDER_SANDBOX_URL; // talk to the server named, as with a real one
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => {
  emu.state.apps.clear();
});

describe("the Mastodon app registration", () => {
  it("is registered on the first connection to a server and reused by the next ones", async () => {
    const { clients, store } = memoryStore();
    const first = await start(store);
    expect(registrations()).toBe(1);
    expect(clients.get(base)).toMatchObject({
      clientId: first.data?.clientId,
      clientSecret: first.data?.clientSecret,
      redirectUri: REDIRECT,
    });

    const second = await start(store);
    expect(registrations()).toBe(1);
    expect(second.data?.clientId).toBe(first.data?.clientId);
    // The check token the server handed out for the client was revoked straight away.
    const appGrants = [...emu.state.grants.values()].filter((g) => g.clientId === first.data?.clientId && !g.accountId);
    expect(appGrants.length).toBeGreaterThan(0);
    expect(appGrants.every((g) => g.revoked)).toBe(true);

    // The reused client signs in like a fresh one.
    const back = await authorizeInEmulator(emu, second.url, { username: "reuser" });
    const auth = await provider.authenticate({
      code: back.searchParams.get("code")!,
      codeVerifier: second.codeVerifier,
      redirectUri: REDIRECT,
      data: second.data,
      appClients: store,
    });
    expect(auth.id).toBe(emu.state.account("mastodon", "reuser").id);
  });

  it("is registered anew when the server no longer knows the stored client, and the new one is kept", async () => {
    const { clients, store } = memoryStore();
    const first = await start(store);
    emu.state.apps.delete(String(first.data?.clientId)); // an admin removed the app
    // With the dropped client the server's own authorize page refuses (what a user would have seen).
    const stale = await fetch(first.url);
    expect(stale.status).toBe(401);
    expect(await stale.text()).toContain(INVALID_CLIENT);

    const second = await start(store);
    expect(second.data?.clientId).not.toBe(first.data?.clientId);
    expect(clients.get(base)?.clientId).toBe(second.data?.clientId);
    expect((await fetch(second.url)).status).toBe(200);
  });

  it("is registered anew for another redirect address (a client is bound to its redirect URI)", async () => {
    const { clients, store } = memoryStore();
    const first = await start(store);
    const moved = await start(store, "https://postmill.example/api/integrations/mastodon/callback");
    expect(moved.data?.clientId).not.toBe(first.data?.clientId);
    expect(clients.get(base)?.redirectUri).toBe("https://postmill.example/api/integrations/mastodon/callback");
  });

  it("is forgotten when the server drops it during a sign-in, with a message saying to connect again", async () => {
    const { clients, store } = memoryStore();
    const s = await start(store);
    const back = await authorizeInEmulator(emu, s.url, { username: "late" });
    emu.state.apps.delete(String(s.data?.clientId));
    const err = await provider
      .authenticate({
        code: back.searchParams.get("code")!,
        codeVerifier: s.codeVerifier,
        redirectUri: REDIRECT,
        data: s.data,
        appClients: store,
      })
      .catch((e) => e);
    expect(err.message).toMatch(/no longer recognises Postmill's registration.*Connect again/);
    expect(clients.has(base)).toBe(false);
  });

  it("without a store, registers on each connection", async () => {
    await start();
    await start();
    expect(registrations()).toBe(2);
  });
});

describe("the emulated Mastodon server's clients (docs: methods/oauth)", () => {
  const token = (body: Record<string, string>) =>
    fetch(`${base}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body),
    });

  it("answers an unknown client or a wrong secret with 401 invalid_client and the documented description", async () => {
    const s = await start();
    const bodies: Record<string, string>[] = [
      { grant_type: "client_credentials", client_id: "nobody", client_secret: "x" },
      { grant_type: "client_credentials", client_id: String(s.data?.clientId), client_secret: "wrong" },
      {
        grant_type: "authorization_code",
        client_id: SANDBOX_CLIENT.id,
        client_secret: SANDBOX_CLIENT.secret,
        code: "c",
        redirect_uri: REDIRECT,
      },
    ];
    for (const body of bodies) {
      const res = await token(body);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "invalid_client", error_description: INVALID_CLIENT });
    }
  });

  it("does not take the emulator's generic sandbox client on the authorize page: Mastodon apps are registered", async () => {
    const url = `${base}/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: SANDBOX_CLIENT.id, redirect_uri: REDIRECT, scope: "write:statuses", state: "s" })}`;
    expect((await fetch(url)).status).toBe(401);
  });

  it("gives an app token for a registered client only within its scopes, usable for nothing a user token is", async () => {
    const s = await start();
    const auth = { client_id: String(s.data?.clientId), client_secret: String(s.data?.clientSecret) };
    expect((await token({ grant_type: "client_credentials", ...auth, scope: "read" })).status).toBe(400);
    const res = await token({ grant_type: "client_credentials", ...auth, scope: "write:statuses" });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const me = await fetch(`${base}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(me.status).toBe(422);
  });
});
