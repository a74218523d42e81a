import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";
import type { ProviderError } from "@/providers/core/errors";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import xEmulator from "@/emulator/platforms/x";
import { XProvider } from "@/providers/x/x.provider";
import { connectX, png } from "@/tests/helpers/platforms/x";

// Alt text on X (POST /2/media/metadata) is handled by the kind of failure: a transient one is
// repeated, a refusal costs the description, never the post, and is reported as a warning; text
// over X's 1,000 characters is never cut short (docs/publishing.md, "Alt text on X").

let emu: Emulator;
const x = new XProvider();
let channel: ChannelAccess;
let seq = 0;
const text = (s: string) => `${s} #${++seq}`;
const mediaOf = (postId: string) =>
  emu.state.posts.find((p) => p.platform === "x" && p.id === postId)!.media.map((id) => emu.state.media.get(id)!);

beforeAll(async () => {
  emu = await useEmulator([xEmulator]);
  ({ channel } = await connectX(emu, x, "alt_x"));
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => {
  emu.state.faults = [];
});

describe("alt text on X", () => {
  it("publishes without the description, with a warning naming X's reason, when X refuses it", async () => {
    await injectFault(emu, { platform: "x", route: "media-metadata", kind: "missing-scope" });
    const out = await x.post(channel, { text: text("Refused description"), media: [png("A red dot"), png("A blue dot")] }, {});
    const [first, second] = mediaOf(out.id);
    expect(first!.alt).toBeUndefined();
    expect(second!.alt).toBe("A blue dot");
    expect(out.warnings).toEqual([
      "X did not take the alt text of image 1 (You are not permitted to perform this action.), so it was published without it",
    ]);
  });

  it("repeats a transient failure and keeps the description", async () => {
    await injectFault(emu, { platform: "x", route: "media-metadata", kind: "server-error" });
    const out = await x.post(channel, { text: text("Transient"), media: [png("A green dot")] }, {});
    expect(mediaOf(out.id)[0]!.alt).toBe("A green dot");
    expect(out.warnings).toBeUndefined();
    expect(emu.state.faults).toEqual([]);
  });

  it("hands a lasting outage back as retry, so the whole target is tried again later", async () => {
    await injectFault(emu, { platform: "x", route: "media-metadata", kind: "server-error", times: 10 });
    const before = emu.state.posts.length;
    const err = (await x.post(channel, { text: text("Outage"), media: [png("A dot")] }, {}).catch((e) => e)) as ProviderError;
    expect(err.kind).toBe("retry");
    expect(err.details.mayHavePublished).toBeFalsy();
    expect(emu.state.posts.length).toBe(before);
  });

  it("never cuts a description short: over 1,000 characters it is not sent, and the target says why", async () => {
    const long = "🐈".repeat(1001);
    const out = await x.post(channel, { text: text("Too long"), media: [png(long)] }, {});
    expect(mediaOf(out.id)[0]!.alt).toBeUndefined();
    expect(out.warnings).toEqual([
      "X did not take the alt text of image 1 (it has 1001 characters; X takes at most 1000), so it was published without it",
    ]);
  });

  it("takes exactly 1,000 characters, counted as X counts them (an emoji is one)", async () => {
    const full = "🐈".repeat(1000);
    const out = await x.post(channel, { text: text("Full length"), media: [png(full)] }, {});
    expect(mediaOf(out.id)[0]!.alt).toBe(full);
    expect(out.warnings).toBeUndefined();
  });
});
