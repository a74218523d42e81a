import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { importCsv } from "@/lib/imports/write";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, settled } from "../../helpers/publishing";

// Imported posts are ordinary scheduled posts: the jobs enqueued in the import's batch are picked
// up by the worker and each channel gets its own text.
ownDatabase();
let emu: Emulator;
let worker: PublishingWorker;
let owner: Awaited<ReturnType<typeof makeOwner>>;
const ch: Record<string, string> = {};

beforeAll(async () => {
  emu = await useEmulator();
  owner = await makeOwner("csvpub");
  ch.x = await connectEmulated(owner, emu, "x", "csvpub_x");
  ch.mastodon = await connectEmulated(owner, emu, "mastodon", "csvpub_masto");
  worker = await startPublishingWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await emu?.stop();
});

it("publishes an imported row at its time on every channel it names, with each channel's own text", async () => {
  const at = new Date(Date.now() + 3_000).toISOString();
  const csv = `date,channels,text,text:x\n${at},${ch.x}|${ch.mastodon},"Imported, for Mastodon",Imported for X\n`;
  const { postIds } = await importCsv(owner, csv, { timeZone: "UTC", rows: "all" });
  const targets = await settled(postIds[0]!, 30_000);
  expect(targets.map((t) => t.status)).toEqual(["published", "published"]);
  expect(emu.state.posts.filter((p) => p.text === "Imported for X")).toHaveLength(1);
  expect(emu.state.posts.filter((p) => p.text === "Imported, for Mastodon")).toHaveLength(1);
});
