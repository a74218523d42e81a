import { afterAll, beforeAll, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/lemmy";
import type { Emulator } from "@/emulator/server";
import { createPost } from "@/lib/posts/operations";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase } from "../../helpers/publishing";

// The community is looked up on the account's instance when the post is saved to be published:
// one that does not exist there is refused naming the setting.

ownDatabase();
let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let channel: string;

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  owner = await makeOwner("lemmy-app");
  channel = await connectEmulated(owner, emu, "lemmy", "lemmy_app_user");
}, 60_000);
afterAll(async () => {
  await emu?.stop();
});

const later = () => new Date(Date.now() + 3_600_000);

describe("Lemmy's community before scheduling", () => {
  it("refuses a community the instance does not know, naming the community setting", async () => {
    const e = (await createPost(owner, {
      mode: "schedule",
      publishAt: later(),
      targets: [{ channelId: channel, items: [{ text: "hi" }], settings: { community: "nosuchcommunity", title: "Hello" } }],
    }).catch((err: unknown) => err)) as { fields?: Record<string, string> };
    expect(e.fields?.["targets.0.settings.community"]).toMatch(/nosuchcommunity: .*couldnt_find_community/);
  });

  it("accepts a local community and a remote one it can resolve", async () => {
    for (const community of ["postmill", "technology@lemmy.world"]) {
      const saved = await createPost(owner, {
        mode: "schedule",
        publishAt: later(),
        targets: [{ channelId: channel, items: [{ text: "hi" }], settings: { community, title: "Hello" } }],
      });
      expect(saved.id).toBeTruthy();
    }
  });
});
