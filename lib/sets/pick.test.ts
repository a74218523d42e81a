import { describe, expect, it } from "vitest";
import type { ComposerChannel, ComposerState, Descriptor } from "@/lib/composer/types";
import { applySet, setBodyOf, type SetView } from "./pick";

const channel = (id: string, provider: string, status = "active") =>
  ({
    id,
    name: id,
    provider,
    providerName: provider,
    status,
    badge: null,
    picture: null,
    username: null,
    instanceUrl: null,
    maxLength: null,
  }) as unknown as ComposerChannel;
const channels = new Map([channel("x1", "x"), channel("m1", "mastodon", "refresh_needed"), channel("r1", "reddit")].map((c) => [c.id, c]));
const state: ComposerState = {
  picked: ["x1"],
  global: [{ text: "keep me", media: [] }],
  variants: {},
  settings: { x1: { replySettings: "verified" } },
  when: "",
};
const member = (channelId: string, settings: Record<string, unknown> = {}) => ({
  channelId,
  name: channelId,
  provider: "",
  status: "active",
  settings,
});

describe("applySet", () => {
  it("selects the set's usable channels with its settings, keeps the text, and names what it skipped", () => {
    const set: SetView = { id: "s", name: "S", channels: [member("r1", { subreddit: "news" }), member("m1"), member("gone")] };
    const { state: next, skipped } = applySet(state, set, channels);
    expect(next.picked).toEqual(["r1"]);
    expect(next.settings.r1).toEqual({ subreddit: "news" });
    expect(next.global).toBe(state.global);
    expect(skipped).toEqual([expect.stringMatching(/m1.*refresh needed/), "gone"]);
  });
  it("replaces a picked channel's settings with the set's defaults, which stay editable", () => {
    const { state: next } = applySet(state, { id: "s", name: "S", channels: [member("x1", { replySettings: "following" })] }, channels);
    expect(next.settings.x1).toEqual({ replySettings: "following" });
    next.settings.x1!.replySettings = "verified";
    expect(next.settings.x1).not.toBe(state.settings.x1);
  });
});

describe("setBodyOf", () => {
  it("saves the selection with its non-empty settings", () => {
    const d = {
      identifier: "x",
      settingsSchema: { properties: { replySettings: { type: "string" }, communityId: { type: "string" } } },
    } as unknown as Descriptor;
    const body = setBodyOf(
      "Mine",
      { ...state, settings: { x1: { replySettings: "verified", communityId: "" } } },
      channels,
      new Map([["x", d]]),
    );
    expect(body).toEqual({ name: "Mine", channels: [{ channelId: "x1", settings: { replySettings: "verified" } }] });
  });
});
