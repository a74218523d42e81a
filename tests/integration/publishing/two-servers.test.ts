import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@/emulator/server";
import { completeConnect, startConnect } from "@/lib/channels/connect";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { createPost } from "@/lib/posts/operations";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import mastodonEmulator from "@/emulator/platforms/mastodon";
import { authorizeInEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, settled } from "../../helpers/publishing";

// Two independent Mastodon servers whose accounts have the same id, connected through the app's
// own connect flow and published to by the real worker: each channel is its own, and each post
// lands on its own server. Also: the app registers itself once per server and reuses it.

ownDatabase();
let a: Emulator;
let b: Emulator;
let worker: PublishingWorker | undefined;
let owner: Awaited<ReturnType<typeof makeOwner>>;

beforeAll(async () => {
  [a, b] = await Promise.all([startEmulator({ platforms: [mastodonEmulator] }), startEmulator({ platforms: [mastodonEmulator] })]);
  // Each server is reached at the address the user typed, not pinned to one emulator.
  delete process.env.PROVIDER_SANDBOX_URL;
  delete process.env.MASTODON_INSTANCE_URL;
  process.env.ALLOW_PRIVATE_NETWORK = "1";
  owner = await makeOwner("two");
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
});

const server = (emu: Emulator) => `${emu.url}/mastodon`;

/** Connects `username` on the server of `emu` the way the Channels page does; returns the channel id and the sign-in link. */
async function connect(emu: Emulator, username: string) {
  const url = await startConnect(owner, "mastodon", "http://127.0.0.1:5555", { instance: server(emu) });
  const back = await authorizeInEmulator(emu, url, { username });
  const { channelId } = await completeConnect(owner.userId, "mastodon", Object.fromEntries(back.searchParams));
  return { channelId, url };
}

describe("two Mastodon servers with the same account id", () => {
  it("are two channels, and each post is published on its own server", async () => {
    // Same username, so both servers give the account the same id.
    expect(a.state.account("mastodon", "alice").id).toBe(b.state.account("mastodon", "alice").id);
    const onA = await connect(a, "alice");
    const onB = await connect(b, "alice");
    expect(onB.channelId).not.toBe(onA.channelId);

    const rows = await db.integration.findMany({ where: { organizationId: owner.organizationId, provider: "mastodon" } });
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.server, r.instanceUrl]]))).toEqual({
      [onA.channelId]: [server(a), server(a)],
      [onB.channelId]: [server(b), server(b)],
    });

    worker = await startPublishingWorker();
    const post = await createPost(owner, {
      mode: "now",
      targets: [
        { channelId: onA.channelId, items: [{ text: "for server A" }] },
        { channelId: onB.channelId, items: [{ text: "for server B" }] },
      ],
    });
    const targets = await settled(post.id);
    expect(targets.map((t) => t.status)).toEqual(["published", "published"]);
    expect(a.state.posts.map((p) => p.text)).toEqual(["for server A"]);
    expect(b.state.posts.map((p) => p.text)).toEqual(["for server B"]);
    const links = Object.fromEntries(targets.map((t) => [t.integrationId, (t.results as { url: string }[])[0]!.url]));
    expect(links[onA.channelId]).toContain(new URL(a.url).host);
    expect(links[onB.channelId]).toContain(new URL(b.url).host);
  });

  it("registers the app once per server, keeps its secret encrypted and out of the sign-in link, and re-registers only when refused", async () => {
    const apps = (emu: Emulator) => [...emu.state.apps.values()];
    // alice connected once on each server above; another account on A reuses A's registration.
    await connect(a, "bob");
    expect(apps(a)).toHaveLength(1);
    expect(apps(b)).toHaveLength(1);

    const stored = await db.appClient.findMany({ where: { provider: "mastodon" }, orderBy: { server: "asc" } });
    expect(stored.map((r) => r.server).sort()).toEqual([server(a), server(b)].sort());
    for (const row of stored) {
      const app = apps(row.server === server(a) ? a : b)[0]!;
      expect(row.clientId).toBe(app.clientId);
      expect(row.clientSecret).not.toContain(app.clientSecret);
      expect(decryptSecret(row.clientSecret)).toBe(app.clientSecret);
    }

    // Server A drops the app: the next connection registers a new one, and the one after reuses it.
    const dropped = apps(a)[0]!;
    a.state.apps.clear();
    const carol = await connect(a, "carol");
    expect(apps(a)).toHaveLength(1);
    expect(apps(a)[0]!.clientId).not.toBe(dropped.clientId);
    expect(new URL(carol.url).searchParams.get("client_id")).toBe(apps(a)[0]!.clientId);
    expect(carol.url).not.toContain(apps(a)[0]!.clientSecret);
    await connect(a, "dave");
    expect(apps(a)).toHaveLength(1);
    expect(
      (await db.appClient.findUniqueOrThrow({ where: { provider_server: { provider: "mastodon", server: server(a) } } })).clientId,
    ).toBe(apps(a)[0]!.clientId);
  });
});
