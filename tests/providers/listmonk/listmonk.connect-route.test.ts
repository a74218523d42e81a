import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import emulator from "@/emulator/platforms/listmonk";
import { tokenFor } from "@/emulator/platforms/listmonk/users";
import { connectWithFields } from "@/lib/channels/connect";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { makeOwner } from "@/tests/helpers/factories";
import { useEmulator } from "@/tests/helpers/emulator";

// Connecting Listmonk through the app's own form flow (what the Channels page posts to): a wrong
// token is a 400 with Listmonk's words and saves nothing; a good one saves the channel with the
// token encrypted and the server it lives on.

let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  owner = await makeOwner("listmonk-connect");
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

const channels = () => db.integration.findMany({ where: { organizationId: owner.organizationId, provider: "listmonk" } });

describe("connecting Listmonk from the form", () => {
  it("refuses a wrong token with a 400 in Listmonk's words, saving nothing", async () => {
    const e = await connectWithFields(owner, "listmonk", { url: `${emu.url}/listmonk`, username: "editor", token: "not-the-token" }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(400);
    expect((e as AppError).message).toMatch(/^Listmonk refused the connection: Listmonk: invalid API credentials\./);
    expect((e as AppError).message).not.toContain("not-the-token");
    expect(await channels()).toHaveLength(0);
  });

  it("saves the channel with the token encrypted, the API user and the server", async () => {
    const { id } = await connectWithFields(owner, "listmonk", {
      url: `${emu.url}/listmonk`,
      username: "editor",
      token: tokenFor("editor"),
    });
    const row = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ provider: "listmonk", status: "active", username: "editor", instanceUrl: `${emu.url}/listmonk` });
    expect(row.accessToken).not.toContain(tokenFor("editor"));
    expect(decryptSecret(row.accessToken!)).toBe(tokenFor("editor"));
    expect(row.profile).toMatchObject({ apiUser: "editor" });
  });
});
