import { describe, expect, it } from "vitest";
import { channelAccess } from "@/lib/channels/tokens";
import { upsertChannel } from "@/lib/channels/upsert";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { makeOwner } from "../helpers/factories";

const auth = (extra: object = {}) => ({ id: "acct-1", name: "Acme", username: "acme", accessToken: "at-1", ...extra });

describe("saving a connection", () => {
  it("reconnecting keeps the channel id and its refresh token when the platform sends none", async () => {
    const owner = await makeOwner();
    const first = await upsertChannel({
      organizationId: owner.organizationId,
      provider: "x",
      auth: auth({ refreshToken: "rt-1", expiresIn: 7200 }),
    });
    const again = await upsertChannel({ organizationId: owner.organizationId, provider: "x", auth: auth({ accessToken: "at-2" }) });
    expect(again.id).toBe(first.id);
    const row = await db.integration.findUniqueOrThrow({ where: { id: first.id } });
    expect(decryptSecret(row.accessToken!)).toBe("at-2");
    expect(decryptSecret(row.refreshToken!)).toBe("rt-1");
    const rotated = await upsertChannel({
      organizationId: owner.organizationId,
      provider: "x",
      auth: auth({ accessToken: "at-3", refreshToken: "rt-2" }),
    });
    expect(decryptSecret((await db.integration.findUniqueOrThrow({ where: { id: rotated.id } })).refreshToken!)).toBe("rt-2");
  });

  it("a channel waiting for a page pick, or disabled, refuses to publish", async () => {
    const owner = await makeOwner();
    const pending = await upsertChannel({
      organizationId: owner.organizationId,
      provider: "linkedin-page",
      auth: auth({ needsPagePick: true }),
    });
    expect(pending.pending).toBe(true);
    await expect(channelAccess(pending.id)).rejects.toMatchObject({
      kind: "bad-body",
      message: expect.stringContaining("until a page is picked"),
    });
    const active = await upsertChannel({ organizationId: owner.organizationId, provider: "x", auth: auth() });
    await db.integration.update({ where: { id: active.id }, data: { status: "disabled" } });
    await expect(channelAccess(active.id)).rejects.toMatchObject({ message: expect.stringContaining("is disabled") });
  });

  it("the same account id on two servers is two channels; each keeps its own server and token", async () => {
    const owner = await makeOwner();
    const on = (instanceUrl: string, accessToken: string) => ({
      organizationId: owner.organizationId,
      provider: "mastodon",
      instanceUrl,
      auth: auth({ id: "1", accessToken }),
    });
    const a = await upsertChannel(on("https://a.example", "token-a"));
    const b = await upsertChannel(on("https://b.example", "token-b"));
    expect(b.id).not.toBe(a.id);
    const rows = await db.integration.findMany({ where: { organizationId: owner.organizationId }, orderBy: { server: "asc" } });
    expect(rows.map((r) => [r.server, r.instanceUrl, decryptSecret(r.accessToken!)])).toEqual([
      ["https://a.example", "https://a.example", "token-a"],
      ["https://b.example", "https://b.example", "token-b"],
    ]);
    // Another spelling of server A is server A: the channel is updated, not duplicated.
    const again = await upsertChannel(on("HTTPS://A.Example:443/", "token-a2"));
    expect(again.id).toBe(a.id);
    expect(await db.integration.count({ where: { organizationId: owner.organizationId } })).toBe(2);
  });

  it("reconnecting a channel with the same account id on another server is refused, naming both servers", async () => {
    const owner = await makeOwner();
    const base = { organizationId: owner.organizationId, provider: "mastodon" };
    const a = await upsertChannel({
      ...base,
      instanceUrl: "https://a.example",
      auth: auth({ id: "1", username: "alice", accessToken: "token-a" }),
    });
    const err = await upsertChannel({
      ...base,
      instanceUrl: "https://b.example",
      reconnectChannelId: a.id,
      auth: auth({ id: "1", username: "alice", accessToken: "token-b" }),
    }).catch((e) => e);
    expect(err).toMatchObject({ status: 409, message: expect.stringMatching(/alice on b\.example.*alice on a\.example/) });
    const row = await db.integration.findUniqueOrThrow({ where: { id: a.id } });
    expect([row.instanceUrl, decryptSecret(row.accessToken!)]).toEqual(["https://a.example", "token-a"]);
    expect(await db.integration.count({ where: { organizationId: owner.organizationId } })).toBe(1);
  });
});
