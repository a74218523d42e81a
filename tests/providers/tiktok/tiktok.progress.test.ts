import { afterAll, beforeAll, describe, expect, it } from "vitest";
import tiktokEmulator from "@/emulator/platforms/tiktok";
import type { Emulator } from "@/emulator/server";
import { SANDBOX_CLIENT } from "@/providers/core/hosts";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import { MB } from "@/providers/tiktok/tiktok.chunks";
import { TiktokProvider } from "@/providers/tiktok/tiktok.provider";
import { tiktokSettings } from "@/providers/tiktok/tiktok.settings";
import { useEmulator } from "@/tests/helpers/emulator";

// A video's chunks show on the target as "Uploading N%" (the publish context's upload.progress,
// as YouTube's do), the line cleared once the file is up; the bytes come by ranged reads.

const tiktok = new TiktokProvider();
let emu: Emulator;
let channel: ChannelAccess;
const before = process.env.TIKTOK_STATUS_POLL_SECONDS;

beforeAll(async () => {
  emu = await useEmulator([tiktokEmulator]);
  process.env.TIKTOK_STATUS_POLL_SECONDS = "0.01";
  const acc = emu.state.account("tiktok", "prog");
  const t = emu.state.issueTokens("tiktok", acc.id, SANDBOX_CLIENT.id, ["user.info.basic", "video.publish", "video.upload"], true);
  channel = { id: "ch-prog", internalId: acc.id, username: "prog", accessToken: t.accessToken, profile: {} };
});
afterAll(async () => {
  await emu.stop();
  if (before === undefined) delete process.env.TIKTOK_STATUS_POLL_SECONDS;
  else process.env.TIKTOK_STATUS_POLL_SECONDS = before;
});

describe("TikTok video upload progress", () => {
  it("reports each chunk as a percentage, then clears the line", async () => {
    const size = 25 * MB; // two chunks of 10 MB, the last taking the trailing 5 MB
    const file = Buffer.alloc(size);
    file.write("\u0000\u0000\u0000\u0018ftypisom", 0, "latin1");
    const lines: (string | null)[] = [];
    const upload = { load: async () => null, save: async () => undefined, progress: async (t: string | null) => void lines.push(t) };
    const item = {
      text: "Progress video",
      media: [{ mimeType: "video/mp4", size, path: "org/v.mp4", read: async (s: number, e: number) => file.subarray(s, e) }],
    };
    const out = await tiktok.post(channel, item, tiktokSettings.parse({ privacy_level: "SELF_ONLY" }), { upload });
    expect(out.id).toBeTruthy();
    expect(lines).toEqual(["Uploading 40%", "Uploading 100%", null]);
  });
});
