import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import kickEmulator from "@/emulator/platforms/kick";
import type { Emulator } from "@/emulator/server";
import { startConnect } from "@/lib/channels/connect";
import { refreshChannelToken } from "@/lib/channels/tokens";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { ProviderError } from "@/providers/core/errors";
import type { KickProvider } from "@/providers/kick/kick.provider";
import { getProvider } from "@/providers/registry";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";

// Kick against its emulator: PKCE at sign-in, the channel slug as the link, the rotation of refresh
// tokens (each new one stored, the spent one refused), and a message Kick did not send.

let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;
const kick = () => getProvider("kick") as KickProvider;

beforeAll(async () => {
  emu = await useEmulator([kickEmulator]);
  owner = await makeOwner("kick");
});
afterAll(() => emu.stop());

async function connect(username: string) {
  const id = await connectEmulated(owner, emu, "kick", username);
  const row = await db.integration.findUniqueOrThrow({ where: { id } });
  const access: ChannelAccess = {
    id,
    internalId: row.internalId,
    username: row.username,
    accessToken: decryptSecret(row.accessToken!),
    profile: row.profile as Record<string, unknown>,
  };
  return { id, row, access };
}

describe("Kick", () => {
  it("asks for PKCE (S256) and the three scopes at sign-in", async () => {
    const url = new URL(await startConnect(owner, "kick", "http://127.0.0.1:5555"));
    expect(url.pathname).toBe("/kick/oauth/authorize");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("scope")).toBe("user:read channel:read chat:write");
  });

  it("connects with the numeric user id and the channel slug, and sends a chat message linked to the channel", async () => {
    const { access } = await connect("kick_streamer");
    expect(access.internalId).toMatch(/^\d+$/);
    expect(access.profile).toMatchObject({ slug: "kick-streamer" });
    const r = await kick().post(access, { text: "hello kick" }, {});
    const [rec] = emu.state.posts.filter((p) => p.platform === "kick" && p.text === "hello kick");
    expect(r.id).toBe(rec!.id);
    expect(r.url).toBe(`${emu.url}/kick/kick-streamer`);
    expect(await (await fetch(r.url)).text()).toContain("hello kick");
  });

  it("stores the rotated refresh token on every refresh; the spent one is refused", async () => {
    const { id, row } = await connect("kick_rotating");
    const firstRefresh = decryptSecret(row.refreshToken!);
    await refreshChannelToken(id, row.accessToken);
    const after = await db.integration.findUniqueOrThrow({ where: { id } });
    const secondRefresh = decryptSecret(after.refreshToken!);
    expect(secondRefresh).not.toBe(firstRefresh);
    const spent = await kick()
      .refreshToken(firstRefresh)
      .catch((e: unknown) => e as ProviderError);
    expect(spent).toBeInstanceOf(ProviderError);
    expect((spent as ProviderError).kind).toBe("disconnect");
  });

  it("refuses a message Kick answered with is_sent false", async () => {
    const { access } = await connect("kick_unsent");
    const spy = vi
      .spyOn(kick(), "fetch")
      .mockResolvedValueOnce(new Response(JSON.stringify({ data: { is_sent: false, message_id: "" }, message: "message not sent" })));
    try {
      const e = await kick()
        .post(access, { text: "x" }, {})
        .catch((x: unknown) => x as ProviderError);
      expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/did not send.*message not sent/) });
    } finally {
      spy.mockRestore();
    }
  });

  it("the emulator refuses a token exchange without the PKCE verifier, and content over 500 characters", async () => {
    const { access } = await connect("kick_checks");
    const long = await fetch(`${emu.url}/kick/public/v1/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${access.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "user", broadcaster_user_id: Number(access.internalId), content: "x".repeat(501) }),
    });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ data: null, message: expect.stringMatching(/500/) });
    const noType = await fetch(`${emu.url}/kick/public/v1/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${access.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ broadcaster_user_id: Number(access.internalId), content: "x" }),
    });
    expect(noType.status).toBe(400);
    const code = emu.state.issueCode({
      platform: "kick",
      clientId: "emulator-client",
      redirectUri: "http://127.0.0.1:5555/cb",
      scopes: ["chat:write"],
      accountId: "kick-1",
      challenge: "abc",
    });
    const token = await fetch(`${emu.url}/kick/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        client_id: "emulator-client",
        client_secret: "emulator-secret",
        redirect_uri: "http://127.0.0.1:5555/cb",
      }),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/code_verifier/) });
  });
});
