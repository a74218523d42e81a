import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { deleteChannel } from "@/lib/channels/queries";
import { createPost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";

// Deleting a channel takes its posts off the schedule: a post only for that channel goes
// entirely, a post for several channels keeps its other channels.
let emu: Emulator;
beforeAll(async () => {
  emu = await useEmulator();
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

it("removes posts left without channels and keeps the rest of shared posts", async () => {
  const owner = await makeOwner("del-chan");
  const x = await connectEmulated(owner, emu, "x", "del_x");
  const masto = await connectEmulated(owner, emu, "mastodon", "del_masto");
  const publishAt = new Date(Date.now() + 5 * 86_400_000);
  const only = await createPost(owner, { mode: "schedule", publishAt, targets: [{ channelId: x, items: [{ text: "only on X" }] }] });
  const shared = await createPost(owner, {
    mode: "schedule",
    publishAt,
    targets: [
      { channelId: x, items: [{ text: "both" }] },
      { channelId: masto, items: [{ text: "both" }] },
    ],
  });

  expect(await deleteChannel(owner, x)).toEqual({ removedScheduled: 2 });
  await expect(getPost(owner, only.id)).rejects.toThrow(/not found/i);
  const kept = await getPost(owner, shared.id);
  expect(kept.targets.map((t) => t.channel.id)).toEqual([masto]);
  expect(kept.status).toBe("scheduled");
  await expect(deleteChannel(owner, x)).rejects.toThrow(/not found/i);
});
