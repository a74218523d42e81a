import { afterAll, beforeAll, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/reddit";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { createPost } from "@/lib/posts/operations";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase } from "../../helpers/publishing";

// A subreddit's rules are checked when the post is saved to be published, not only when it
// publishes: the save is refused naming the target's setting, and nothing is saved.

ownDatabase();
let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let channel: string;

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  owner = await makeOwner("reddit-app");
  channel = await connectEmulated(owner, emu, "reddit", "reddit_app_user");
}, 60_000);
afterAll(async () => {
  await emu?.stop();
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("the save was accepted");
    },
    (e: { fields?: Record<string, string> }) => e.fields ?? {},
  );

describe("Reddit's subreddit rules before scheduling", () => {
  it("refuses a post to a subreddit that requires flair, naming the flair setting, and saves nothing", async () => {
    const before = await db.post.count({ where: { organizationId: owner.organizationId } });
    const fields = await refusal(
      createPost(owner, {
        mode: "schedule",
        publishAt: new Date(Date.now() + 3_600_000),
        targets: [{ channelId: channel, items: [{ text: "hello" }], settings: { subreddit: "flair_required", title: "Needs flair" } }],
      }),
    );
    expect(fields["targets.0.settings.flair"]).toMatch(/r\/flair_required: post flair is required/);
    expect(await db.post.count({ where: { organizationId: owner.organizationId } })).toBe(before);
  });

  it("refuses an image for a text-only subreddit, naming the subreddit setting", async () => {
    const fields = await refusal(
      createPost(owner, {
        mode: "schedule",
        publishAt: new Date(Date.now() + 3_600_000),
        targets: [
          {
            channelId: channel,
            items: [{ text: "pic", media: [{ url: "https://example.com/a.png" }] }],
            settings: { subreddit: "text_only", title: "Picture" },
          },
        ],
      }),
    );
    expect(fields["targets.0.settings.subreddit"]).toMatch(/only text posts are allowed/);
  });

  it("refuses a video without its poster image naming the rule, and a video for a subreddit without videos", async () => {
    const save = (media: { url: string }[], subreddit = "postmill_sandbox") =>
      refusal(
        createPost(owner, {
          mode: "schedule",
          publishAt: new Date(Date.now() + 3_600_000),
          targets: [{ channelId: channel, items: [{ text: "clip", media }], settings: { subreddit, title: "Clip" } }],
        }),
      );
    const alone = await save([{ url: "https://example.com/clip.mp4" }]);
    expect(alone["targets.0.items.0.media"]).toMatch(/Reddit.*a video needs one image as its poster/);
    const noVideos = await save([{ url: "https://example.com/clip.mp4" }, { url: "https://example.com/poster.png" }], "no_videos");
    expect(noVideos).toEqual({ "targets.0.settings.subreddit": expect.stringMatching(/r\/no_videos: video posts are not allowed/) });
  });

  it("accepts what the subreddit takes", async () => {
    const saved = await createPost(owner, {
      mode: "schedule",
      publishAt: new Date(Date.now() + 3_600_000),
      targets: [
        {
          channelId: channel,
          items: [{ text: "hello" }],
          settings: { subreddit: "flair_required", title: "With flair", flair: "flair_required:5c2d7e10-2222-4b3c-8d2e-000000000003" },
        },
      ],
    });
    expect(saved.id).toBeTruthy();
  });
});
