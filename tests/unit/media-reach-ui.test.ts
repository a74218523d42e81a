import { describe, expect, it } from "vitest";
import { mediaReachNote } from "@/components/channels/media-reach-note";
import { channelProblems } from "@/lib/composer/state";
import type { ComposerChannel, ComposerState, Descriptor } from "@/lib/composer/types";
import { providers, describeProvider } from "@/providers/registry";

// What the composer and the Channels page say about uploads for platforms that download
// attachments, from the descriptor's uploadsNotPublic (the server's reach, lib/media/public-reach.ts).
const REASON = "this server's address (APP_URL localhost:3000) cannot be reached from the internet and no object store (MEDIA_S3_*) is set";
const descriptor = (id: "devto" | "nostr" | "x", uploadsNotPublic: string | null): Descriptor => ({
  ...describeProvider(providers[id]),
  uploadsNotPublic,
});
const channel = (provider: string, name: string): ComposerChannel => ({
  id: "c1",
  name: "Acme",
  provider,
  providerName: name,
  badge: { text: "D", colour: "#000" },
  picture: null,
  username: null,
  instanceUrl: null,
  status: "active",
  maxLength: null,
});
const withUpload: ComposerState = {
  picked: ["c1"],
  global: [
    {
      text: "Body",
      media: [{ mediaId: "m1", src: "/api/media/m1/file", fileName: "cover.png", mimeType: "image/png", size: 100, alt: "" }],
    },
  ],
  variants: {},
  settings: { c1: { title: "A title" } },
  when: "2026-12-01T09:00",
};

describe("uploads for platforms that download attachments", () => {
  it("the composer blocks one before scheduling, saying why, only while the server has no public address", () => {
    const dev = channel("devto", "DEV");
    expect(channelProblems(withUpload, dev, descriptor("devto", REASON))["items.0.media.0"]).toBe(
      `Acme (DEV) downloads attachments from a public address, and "cover.png" was uploaded here, but ${REASON}; attach it by its link instead`,
    );
    expect(channelProblems(withUpload, dev, descriptor("devto", null))).toEqual({});
  });

  it("the Channels page explains it on the channel, and says nothing where uploads reach the platform", () => {
    expect(mediaReachNote(descriptor("devto", REASON))).toBe(
      `DEV downloads media from a public address, and ${REASON}, so files uploaded here cannot be attached; attach media by link, or ask the operator to set a public APP_URL or an object store.`,
    );
    expect(mediaReachNote(descriptor("devto", null))).toBeNull();
    expect(mediaReachNote(descriptor("nostr", null))).toMatch(/^Nostr shows media from its link for as long as a post exists/);
    expect(mediaReachNote(descriptor("x", REASON))).toBeNull();
    expect(mediaReachNote(undefined)).toBeNull();
  });
});
