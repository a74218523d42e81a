import { afterAll, beforeAll, describe, expect, it } from "vitest";
import emulatorModule from "@/emulator/platforms/hashnode";
import type { Emulator } from "@/emulator/server";
import { connectWithFields } from "@/lib/channels/connect";
import { listChoices } from "@/lib/channels/choices";
import { listPages, pickPage } from "@/lib/channels/pages";
import { db } from "@/lib/db/client";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { useEmulator } from "@/tests/helpers/emulator";
import { makeOwner } from "@/tests/helpers/factories";
import { ownDatabase } from "@/tests/helpers/publishing";

// Hashnode through the app's own connect flow (what the Channels page's form calls): the "fields"
// route leaves the channel pending, the blog is picked as after OAuth, and a wrong token is a 4xx
// with Hashnode's message that saves nothing.

ownDatabase();
let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;

beforeAll(async () => {
  emu = await useEmulator([emulatorModule]);
  owner = await makeOwner("hashnode-connect");
}, 60_000);
afterAll(() => emu?.stop());

const rows = () => db.integration.findMany({ where: { organizationId: owner.organizationId, provider: "hashnode" } });

describe("connecting Hashnode from the Channels page", () => {
  it("refuses a wrong token with a 422 on the token field, saving nothing", async () => {
    const e = await connectWithFields(owner, "hashnode", { token: "wrong-token" }).then(
      () => expect.unreachable("a wrong token was accepted"),
      (err: unknown) => err as { status?: number; fields?: Record<string, string> },
    );
    expect(e.status).toBe(422);
    expect(e.fields?.token).toMatch(/You must be logged in to perform this action/);
    expect(await rows()).toHaveLength(0);
  });

  it("leaves the channel pending, lists the user's blogs, and becomes the picked blog", async () => {
    const saved = await connectWithFields(owner, "hashnode", { token: "emu-pat-linus" });
    expect(saved.pending).toBe(true);
    const row = await db.integration.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row).toMatchObject({ status: "pending", username: "linus" });
    expect(decryptSecret(row.accessToken!)).toBe("emu-pat-linus");

    const blogs = await listPages(owner, saved.id);
    expect(blogs.map((b) => b.name)).toEqual(["linus's blog", "linus's notes (free plan)"]);
    const picked = await pickPage(owner, saved.id, blogs[0]!.id);
    expect(picked.id).toBe(saved.id);
    expect(await db.integration.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({
      status: "active",
      internalId: blogs[0]!.id,
      name: "linus's blog",
      username: "linus.hashnode.dev",
    });
  });

  it("offers the picked blog's series as the Series setting's choices (GET /api/channels/<id>/choices/seriesId)", async () => {
    const [channel] = (await rows()).filter((r) => r.status === "active");
    const choices = await listChoices(owner, channel!.id, "seriesId");
    expect(choices.map((c) => c.label)).toEqual(["Getting started", "Deep dives"]);
    expect(choices.every((c) => /^[0-9a-f]{24}$/.test(c.value))).toBe(true);
  });

  it("connecting the same user again and picking the same blog updates that channel instead of adding one", async () => {
    const again = await connectWithFields(owner, "hashnode", { token: "emu-pat-linus" });
    const [blog] = await listPages(owner, again.id);
    await pickPage(owner, again.id, blog!.id);
    expect((await rows()).filter((r) => r.internalId === blog!.id)).toHaveLength(1);
    expect((await rows()).filter((r) => r.status === "pending")).toHaveLength(0);
  });
});
