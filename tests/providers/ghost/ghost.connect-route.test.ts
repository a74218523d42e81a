import { afterAll, beforeAll, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/ghost";
import { adminKeyFor } from "@/emulator/platforms/ghost/keys";
import type { Emulator } from "@/emulator/server";
import { connectWithFields } from "@/lib/channels/connect";
import { channelAccess } from "@/lib/channels/tokens";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { getProvider } from "@/providers/registry";
import { makeOwner } from "@/tests/helpers/factories";
import { useEmulator } from "@/tests/helpers/emulator";

// Connecting Ghost through the app's own form flow (what the Channels page posts to): a wrong key
// is a 422 on the key field in Ghost's words and saves nothing; a good one saves the channel with
// the key encrypted as its credentials, a 5-minute token as its access token, and the site.

let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;
const key = adminKeyFor("form");

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  owner = await makeOwner("ghost-connect");
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

const channels = () => db.integration.findMany({ where: { organizationId: owner.organizationId, provider: "ghost" } });

describe("connecting Ghost from the form", () => {
  it("refuses a wrong secret on the key field in Ghost's words, never echoing it, saving nothing", async () => {
    const wrong = `${key.split(":")[0]}:${"ab".repeat(32)}`;
    const e = await connectWithFields(owner, "ghost", { url: `${emu.url}/ghost/form`, apiKey: wrong }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).status).toBe(422);
    expect((e as ValidationError).fields).toEqual({ apiKey: "Ghost refused the Admin API key: Invalid token: invalid signature" });
    expect((e as ValidationError).message).not.toContain("ab".repeat(32));
    expect(await channels()).toHaveLength(0);
  });

  it("saves the site with the key encrypted, and publishes with tokens made from it", async () => {
    const { id } = await connectWithFields(owner, "ghost", { url: `${emu.url}/ghost/form/ghost/`, apiKey: key });
    const row = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ provider: "ghost", status: "active", instanceUrl: `${emu.url}/ghost/form`, name: "form (Ghost emulator)" });
    expect(row.credentials).not.toContain(key.split(":")[1]);
    expect(JSON.parse(decryptSecret(row.credentials!))).toEqual({ apiKey: key });
    const stored = decryptSecret(row.accessToken!);
    expect(JSON.parse(Buffer.from(stored.split(".")[0]!, "base64url").toString())).toMatchObject({ kid: key.split(":")[0] });
    expect(row.tokenExpiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(300_000);

    // The stored token expires within the kit's 5-minute margin, so every use signs a new one.
    const access = await channelAccess(id);
    expect(access.accessToken).not.toBe(stored);
    const made = await getProvider("ghost")!.post(access, { text: "From the form" }, { title: "Form" });
    expect(made.url).toBe(`${emu.url}/ghost/form/form/`);
  });
});
