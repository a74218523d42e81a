import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/slack";
import type { Emulator } from "@/emulator/server";
import { rulesText } from "@/lib/composer/rules-text";
import type { ProviderError } from "@/providers/core/errors";
import { uploadVideos } from "@/providers/slack/slack.files";
import { slackManifest } from "@/providers/slack/slack.manifest";
import { SlackProvider } from "@/providers/slack/slack.provider";
import { SlackSession } from "@/providers/slack/slack.session";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";
import { isoMedia, png } from "@/tests/helpers/media-bytes";

// The provider's files against the Slack emulator (written from docs.slack.dev): images through
// the external upload flow shown as image blocks in the message; videos uploaded before the
// message and shared in its thread (files.completeUploadExternal with channel_id + thread_ts),
// the message's ts staying the post's id and link.

const provider = new SlackProvider();
let emu: Emulator;
let n = 0;
const REDIRECT = "http://127.0.0.1:5555/api/integrations/slack/callback";

async function connect(channelName = "random"): Promise<ChannelAccess> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `s-${++n}`, codeVerifier: "v" });
  const back = await authorizeInEmulator(emu, start.url, { username: `slack_files_${n}` });
  const auth = await provider.authenticate({ code: back.searchParams.get("code")!, codeVerifier: "v", redirectUri: REDIRECT });
  const pending: ChannelAccess = { id: `ch-${auth.id}`, internalId: auth.id, accessToken: auth.accessToken, profile: auth.profile };
  const page = (await provider.pages(pending)).find((p) => p.username === channelName)!;
  await provider.fetchPageInformation(pending, page.id);
  return { ...pending, internalId: page.id };
}
const posts = () => emu.state.posts.filter((p) => p.platform === "slack");
const video = () => ({ mimeType: "video/mp4", bytes: isoMedia("mp42") });

beforeAll(async () => {
  emu = await useEmulator([emulator]);
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});
beforeEach(() => {
  emu.state.posts = [];
});

describe("Slack videos", () => {
  it("the composer says where videos go", () => {
    expect(rulesText(slackManifest)).toContain("videos are shared as a reply in the post's thread");
  });

  it("posts the message, then shares the video as a reply in its thread; the message's ts is the post", async () => {
    const ch = await connect();
    const p = await provider.post(ch, { text: "**launch** clip", media: [{ ...video(), alt: "the launch" }] }, {});
    const [message, share] = posts();
    expect(message).toMatchObject({ id: p.id, text: "*launch* clip", media: [] });
    expect(share).toMatchObject({ replyTo: p.id, text: "", media: [expect.stringMatching(/^F/)] });
    expect(share!.extra).toMatchObject({ channel: ch.internalId, fileShare: true });
    expect(p.url).toContain(`/archives/${ch.internalId}/p${p.id.replace(".", "")}`);
    expect(p.warnings).toBeUndefined();
    expect(emu.state.media.get(share!.media[0]!)).toMatchObject({ mimeType: "video/mp4", alt: "the launch" });
  });

  it("a video-only post says where its video is; a follow-up's video goes to the root's thread, never a reply's", async () => {
    const ch = await connect();
    const root = await provider.post(ch, { text: "", media: [video()] }, {});
    expect(posts()[0]).toMatchObject({ id: root.id, text: "Video in the thread" });
    const reply = await provider.comment(ch, { text: "and another", media: [video(), video()] }, root, root, {});
    const shares = posts().filter((x) => x.extra?.fileShare);
    expect(shares.map((x) => x.replyTo)).toEqual([root.id, root.id]);
    expect(shares[1]!.media).toHaveLength(2);
    expect(posts().find((x) => x.id === reply.id)).toMatchObject({ replyTo: root.id, text: "and another" });
  });

  it("refuses images and videos together, before anything is uploaded or posted", async () => {
    const ch = await connect();
    const e = (await provider
      .post(ch, { text: "x", media: [video(), { mimeType: "image/png", bytes: png(4, 4) }] }, {})
      .catch((x: unknown) => x)) as ProviderError;
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/images or videos, not both/) });
    expect(posts()).toHaveLength(0);
  });

  it("Slack refuses a share whose upload was not sent, a thread of another channel and a reply's ts", async () => {
    const ch = await connect();
    const session = new SlackSession(provider, ch.accessToken);
    const complete = (json: unknown) =>
      session.call("files.completeUploadExternal", { json }, { action: "complete", idempotent: false }).then(
        () => "ok",
        (e: unknown) => JSON.parse((e as ProviderError).details.body!).error as string,
      );
    const reserved = await session.call("files.getUploadURLExternal", { form: { filename: "v.mp4", length: "99" } }, { action: "r" });
    expect(await complete({ files: [{ id: reserved.file_id }], channel_id: ch.internalId })).toBe("file_not_found");

    const root = await provider.post(ch, { text: "root" }, {});
    const reply = await provider.comment(ch, { text: "reply" }, root, root, {});
    const [up1] = await uploadVideos(provider, session, [video()]);
    expect(await complete({ files: [{ id: up1!.id }], channel_id: ch.internalId, thread_ts: reply.id })).toBe("cannot_reply_to_message");
    expect(await complete({ files: [{ id: up1!.id }], channel_id: ch.internalId, thread_ts: "1.000001" })).toBe("thread_not_found");
    expect(await complete({ files: [{ id: up1!.id }], thread_ts: root.id })).toBe("invalid_arguments");
    expect(await complete({ files: [{ id: up1!.id }], channel_id: ch.internalId, thread_ts: root.id })).toBe("ok");
    // Completed once: a second share of the same file is refused.
    expect(await complete({ files: [{ id: up1!.id }], channel_id: ch.internalId, thread_ts: root.id })).toBe("file_not_found");
  });

  it("a refused share leaves the posted message standing, with a warning instead of a second message", async () => {
    const ch = await connect();
    emu.state.faults.push({ platform: "slack", route: "complete-upload", kind: "missing-scope", times: 1, retryAfterSeconds: 0 });
    const p = await provider.post(ch, { text: "still here", media: [video()] }, {});
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ id: p.id, text: "still here" });
    expect(p.warnings?.join(" ")).toMatch(/posted but Slack did not share its video in the thread: .*(missing_scope|needs)/);
  });
});
