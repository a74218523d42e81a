import { describe, expect, it } from "vitest";
import { tiktokBusinessSettings } from "@/providers/tiktok-business/tiktok-business.settings";
import { tiktokSettings } from "@/providers/tiktok/tiktok.settings";

// TikTok's UX rules as settings: the privacy level is required with no default; branded content
// cannot be private (content-sharing-guidelines); interactions default to off until the creator turns them on.

describe("TikTok settings", () => {
  it("requires a privacy level and picks none by itself", () => {
    const r = tiktokSettings.safeParse({});
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["privacy_level"]);
    expect(tiktokSettings.parse({ privacy_level: "FOLLOWER_OF_CREATOR" })).toMatchObject({
      post_mode: "direct",
      allow_comment: false,
      allow_duet: false,
      allow_stitch: false,
      branded_content: false,
    });
  });

  it("refuses private branded content, naming the field", () => {
    for (const schema of [tiktokSettings, tiktokBusinessSettings]) {
      const r = schema.safeParse({ privacy_level: "SELF_ONLY", branded_content: true });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]).toMatchObject({ path: ["branded_content"], message: expect.stringMatching(/cannot be private/) });
      expect(schema.safeParse({ privacy_level: "PUBLIC_TO_EVERYONE", branded_content: true }).success).toBe(true);
    }
  });
});
