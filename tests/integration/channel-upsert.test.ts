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
    const first = await upsertChannel({ organizationId: owner.organizationId, provider: "x", auth: auth({ refreshToken: "rt-1", expiresIn: 7200 }) });
    const again = await upsertChannel({ organizationId: owner.organizationId, provider: "x", auth: auth({ accessToken: "at-2" }) });
    expect(again.id).toBe(first.id);
    const row = await db.integration.findUniqueOrThrow({ where: { id: first.id } });
    expect(decryptSecret(row.accessToken!)).toBe("at-2");
    expect(decryptSecret(row.refreshToken!)).toBe("rt-1");
    const rotated = await upsertChannel({ organizationId: owner.organizationId, provider: "x", auth: auth({ accessToken: "at-3", refreshToken: "rt-2" }) });
    expect(decryptSecret((await db.integration.findUniqueOrThrow({ where: { id: rotated.id } })).refreshToken!)).toBe("rt-2");
  });

  it("a channel waiting for a page pick, or disabled, refuses to publish", async () => {
    const owner = await makeOwner();
    const pending = await upsertChannel({ organizationId: owner.organizationId, provider: "linkedin-page", auth: auth({ needsPagePick: true }) });
    expect(pending.pending).toBe(true);
    await expect(channelAccess(pending.id)).rejects.toMatchObject({ kind: "bad-body", message: expect.stringContaining("until a page is picked") });
    const active = await upsertChannel({ organizationId: owner.organizationId, provider: "x", auth: auth() });
    await db.integration.update({ where: { id: active.id }, data: { status: "disabled" } });
    await expect(channelAccess(active.id)).rejects.toMatchObject({ message: expect.stringContaining("is disabled") });
  });
});
