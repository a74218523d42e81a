import { describe, expect, it } from "vitest";
import { composerStart } from "@/lib/composer/start";
import type { ComposerChannel } from "@/lib/composer/types";
import type { OrgContext } from "@/lib/orgs/context";

// A free slot on the calendar opens the composer at that time, with that channel picked.
const channels = [
  { id: "c1", status: "active" },
  { id: "c2", status: "active" },
  { id: "c3", status: "refresh_needed" },
] as ComposerChannel[];
const ctx = {} as OrgContext;
const now = new Date("2026-12-02T12:00:00Z");

describe("composer start from a free slot", () => {
  it("uses the slot's time in the user's zone and picks its channel", async () => {
    const start = await composerStart(ctx, channels, "America/New_York", { at: "2026-12-07T14:00:00.000Z", channel: "c2" }, now);
    expect(start).toMatchObject({ kind: "compose", initial: { picked: ["c2"], when: "2026-12-07T09:00" } });
  });

  it("ignores a past time, an unknown channel and one that cannot publish", async () => {
    const past = await composerStart(ctx, channels, "UTC", { at: "2026-12-01T14:00:00.000Z", channel: "nope" }, now);
    expect(past).toMatchObject({ initial: { picked: [], when: "2026-12-02T13:00" } });
    const broken = await composerStart(ctx, channels, "UTC", { at: "garbage", channel: "c3" }, now);
    expect(broken).toMatchObject({ initial: { picked: [], when: "2026-12-02T13:00" } });
  });
});
