import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { GET as listFeeds, POST as addFeed } from "@/app/api/v1/feeds/route";
import { DELETE as deleteFeed } from "@/app/api/v1/feeds/[id]/route";
import { POST as checkFeed } from "@/app/api/v1/feeds/[id]/check/route";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { startFeedServer, type FeedServer } from "../../helpers/feed-server";
import { makeKey, v1Call } from "../../helpers/api-v1";

// Feeds through /api/v1 on the Feeds page's own lib/feeds functions: follow a feed served on
// 127.0.0.1, check it after a new item, see the item and the post it became, stop following it.

let emu: Emulator;
let server: FeedServer;
let a: Awaited<ReturnType<typeof makeOwner>>;
let masto: string;
let key: string;
const saved = process.env.ALLOW_PRIVATE_NETWORK;

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_NETWORK = "1";
  emu = await useEmulator();
  server = await startFeedServer("API news", [{ id: "old", title: "Already there" }]);
  a = await makeOwner("v1feeds");
  masto = await connectEmulated(a, emu, "mastodon", `v1feeds_${Date.now()}`);
  key = await makeKey(a);
}, 60_000);
afterAll(async () => {
  if (saved === undefined) delete process.env.ALLOW_PRIVATE_NETWORK;
  else process.env.ALLOW_PRIVATE_NETWORK = saved;
  await stopBoss();
  await server?.stop();
  await emu?.stop();
});

describe("/api/v1/feeds", () => {
  it("follows a feed, posts a new item as a draft on check, lists it, and stops following", async () => {
    const added = await v1Call(addFeed, "/api/v1/feeds", {
      method: "POST",
      key,
      body: { url: `${server.url}/rss.xml`, template: "{title} {link}", channels: [{ channelId: masto }], mode: "draft" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ newItems: 1, posted: 0 });
    const id = added.body.id as string;

    server.items.push({ id: "new", title: "Fresh from the API" });
    const checked = await v1Call(checkFeed, `/api/v1/feeds/${id}/check`, { method: "POST", key, params: { id } });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ status: "ok", newItems: 1, posted: 1, failed: 0 });

    const list = await v1Call(listFeeds, "/api/v1/feeds", { key });
    const feed = (list.body.data as { id: string; items: { title: string; state: string; postId: string | null }[] }[])[0]!;
    expect(feed.id).toBe(id);
    const posted = feed.items.find((i) => i.title === "Fresh from the API")!;
    expect(posted.state).toBe("posted");
    const target = await a.db.postTarget.findFirstOrThrow({ where: { postId: posted.postId! } });
    expect(target.status).toBe("draft");
    expect((target.items as { text: string }[])[0]!.text).toMatch(/^Fresh from the API http:\/\/127\.0\.0\.1:\d+\/posts\/new$/);

    const again = await v1Call(addFeed, "/api/v1/feeds", {
      method: "POST",
      key,
      body: { url: `${server.url}/rss.xml`, template: "{title}", channels: [{ channelId: masto }], mode: "draft" },
    });
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: "url", message: "this organization already follows this feed" })]);

    expect((await v1Call(deleteFeed, `/api/v1/feeds/${id}`, { method: "DELETE", key, params: { id } })).status).toBe(200);
    expect((await v1Call(listFeeds, "/api/v1/feeds", { key })).body.data).toEqual([]);
  });
});
