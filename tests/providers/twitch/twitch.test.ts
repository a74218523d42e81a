import { afterAll, beforeAll, describe, expect, it } from "vitest";
import twitchEmulator, { AUTOMOD_WORD } from "@/emulator/platforms/twitch";
import type { Emulator } from "@/emulator/server";
import { validateChannelTokens, validatingProviders } from "@/lib/channels/validate";
import { tokenValidationRound } from "@/lib/jobs/periodic";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { ProviderError } from "@/providers/core/errors";
import { getProvider } from "@/providers/registry";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import type { TwitchProvider } from "@/providers/twitch/twitch.provider";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";

// Twitch against its emulator: the two kinds of post, a dropped message, the Client-Id every Helix
// call needs, and the hourly token validation Twitch requires (a revoked grant flags the channel).

let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;
const twitch = () => getProvider("twitch") as TwitchProvider;

beforeAll(async () => {
  emu = await useEmulator([twitchEmulator]);
  owner = await makeOwner("twitch");
});
afterAll(() => emu.stop());

async function connect(username: string): Promise<{ id: string; access: ChannelAccess }> {
  const id = await connectEmulated(owner, emu, "twitch", username);
  const row = await db.integration.findUniqueOrThrow({ where: { id } });
  return {
    id,
    access: {
      id,
      internalId: row.internalId,
      username: row.username,
      accessToken: decryptSecret(row.accessToken!),
      profile: row.profile as Record<string, unknown>,
    },
  };
}

const revoke = (accessToken: string) => {
  const at = emu.state.accessTokens.get(accessToken)!;
  emu.state.grants.get(at.grantId)!.revoked = true;
};

describe("Twitch publishing", () => {
  it("connects with the numeric user id and login, and sends a chat message to its own chat", async () => {
    const { access } = await connect("tw_streamer");
    expect(access.internalId).toMatch(/^\d+$/);
    expect(access.username).toBe("tw_streamer");
    const r = await twitch().post(access, { text: "hello chat" }, { sendAs: "message", colour: "primary" });
    const [rec] = emu.state.posts.filter((p) => p.platform === "twitch" && p.text === "hello chat");
    expect(r.id).toBe(rec!.id);
    expect(r.url).toBe(`${emu.url}/twitch/tw_streamer`);
    expect((await fetch(r.url)).status).toBe(200);
  });

  it("sends an announcement with its colour, answered 204 without an id: the stored id is the app's own", async () => {
    const { access } = await connect("tw_announcer");
    const r = await twitch().post(access, { text: "big news" }, { sendAs: "announcement", colour: "purple" });
    const recs = emu.state.posts.filter((p) => p.platform === "twitch" && p.text === "big news");
    expect(recs).toHaveLength(1);
    expect(recs[0]!.extra).toEqual({ kind: "announcement", color: "purple" });
    expect(r.id).toMatch(/^announcement-/);
  });

  it("refuses a message Twitch dropped (200, is_sent false) with the drop reason", async () => {
    const { access } = await connect("tw_dropped");
    const e = await twitch()
      .post(access, { text: `this is ${AUTOMOD_WORD}` }, { sendAs: "message", colour: "primary" })
      .catch((x: unknown) => x as ProviderError);
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/did not send.*checked by mods/) });
  });

  it("the emulator refuses a Helix call without Client-Id, and an announcement colour Twitch does not have", async () => {
    const { access } = await connect("tw_checks");
    const noClient = await fetch(`${emu.url}/twitch/helix/users`, { headers: { authorization: `Bearer ${access.accessToken}` } });
    expect(noClient.status).toBe(401);
    expect(await noClient.json()).toMatchObject({ status: 401, message: "Client-Id header is missing" });
    const q = new URLSearchParams({ broadcaster_id: access.internalId, moderator_id: access.internalId });
    const red = await fetch(`${emu.url}/twitch/helix/chat/announcements?${q}`, {
      method: "POST",
      headers: { authorization: `Bearer ${access.accessToken}`, "client-id": "emulator-client", "content-type": "application/json" },
      body: JSON.stringify({ message: "x", color: "red" }),
    });
    expect(red.status).toBe(400);
    const long = await fetch(`${emu.url}/twitch/helix/chat/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${access.accessToken}`, "client-id": "emulator-client", "content-type": "application/json" },
      body: JSON.stringify({ broadcaster_id: access.internalId, sender_id: access.internalId, message: "x".repeat(501) }),
    });
    expect(long.status).toBe(422);
  });
});

describe("Twitch token validation (hourly, as Twitch requires)", () => {
  it("is declared through the manifest and picked up generically", () => {
    expect(validatingProviders().map((v) => [v.provider.identifier, v.everyMs])).toContainEqual(["twitch", 3_600_000]);
  });

  it("leaves a good token alone, and flags a channel whose grant was revoked (401 on validate, refresh refused)", async () => {
    const good = await connect("tw_valid");
    const gone = await connect("tw_revoked");
    revoke(gone.access.accessToken);
    const round = await validateChannelTokens(twitch(), { organizationId: owner.organizationId });
    expect(round.flagged).toBe(1);
    expect((await db.integration.findUniqueOrThrow({ where: { id: good.id } })).status).toBe("active");
    expect((await db.integration.findUniqueOrThrow({ where: { id: gone.id } })).status).toBe("refresh_needed");
    const notes = await db.notification.findMany({ where: { organizationId: owner.organizationId, kind: "channel.reconnect" } });
    expect(notes.filter((n) => n.title.includes("tw_revoked") || n.body.includes("tw revoked"))).toHaveLength(1);
  });

  it("renews an expired token on a 401 and keeps the channel", async () => {
    const c = await connect("tw_expired");
    emu.state.accessTokens.get(c.access.accessToken)!.expiresAt = 0;
    await validateChannelTokens(twitch(), { organizationId: owner.organizationId });
    const row = await db.integration.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.status).toBe("active");
    expect(decryptSecret(row.accessToken!)).not.toBe(c.access.accessToken);
  });

  it("runs at start and then once an hour per platform", async () => {
    const t0 = Date.now() + 10 * 3_600_000;
    const first = await tokenValidationRound(undefined, t0);
    expect(first.ran).toBe(true);
    expect(Object.keys(first.rounds ?? {})).toContain("twitch");
    expect(await tokenValidationRound(undefined, t0 + 59 * 60_000)).toEqual({ ran: false });
    expect((await tokenValidationRound(undefined, t0 + 60 * 60_000)).rounds).toHaveProperty("twitch");
  });
});
