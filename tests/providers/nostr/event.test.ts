import { describe, expect, it } from "vitest";
import { ProviderError } from "@/providers/core/errors";
import { hashtagTags, imetaTags, noteContent, noteTemplate, replyTags } from "@/providers/nostr/nostr.event";

// A post item as a kind-1 note: NIP-10 marked e tags and p tags for replies, NIP-92 imeta for media links.

const root = { id: "a".repeat(64), pubkey: "1".repeat(64), relay: "wss://r1.example" };
const parent = { id: "b".repeat(64), pubkey: "2".repeat(64), relay: "wss://r2.example" };

describe("NIP-10 reply tags", () => {
  it("a direct reply to the root carries one e tag marked root, and the root's author", () => {
    expect(replyTags(root, root)).toEqual([
      ["e", root.id, root.relay, "root", root.pubkey],
      ["p", root.pubkey],
    ]);
  });

  it("a deeper reply carries root and reply markers, and both authors once each", () => {
    expect(replyTags(root, parent)).toEqual([
      ["e", root.id, root.relay, "root", root.pubkey],
      ["e", parent.id, parent.relay, "reply", parent.pubkey],
      ["p", root.pubkey],
      ["p", parent.pubkey],
    ]);
    expect(replyTags(root, { ...parent, pubkey: root.pubkey }).filter((t) => t[0] === "p")).toEqual([["p", root.pubkey]]);
  });
});

describe("media by link", () => {
  const item = {
    text: "Look  ",
    media: [
      { url: "https://cdn.example/a.jpg", mimeType: "image/jpeg", alt: " A cat ", width: 800, height: 600 },
      { url: "https://cdn.example/b.mp4", mimeType: "video/mp4" },
    ],
  };

  it("puts each link on its own line after the text and describes it with an imeta tag (url + type, size and alt when known)", () => {
    expect(noteContent(item)).toBe("Look\n\nhttps://cdn.example/a.jpg\nhttps://cdn.example/b.mp4");
    expect(imetaTags(item)).toEqual([
      ["imeta", "url https://cdn.example/a.jpg", "m image/jpeg", "dim 800x600", "alt A cat"],
      ["imeta", "url https://cdn.example/b.mp4", "m video/mp4"],
    ]);
    expect(noteContent({ text: "Plain  " })).toBe("Plain  ");
  });

  it("refuses a library file without a public link as bad-body", () => {
    const e = (() => {
      try {
        noteContent({ text: "x", media: [{ path: "org/file.png", mimeType: "image/png" }] });
      } catch (x) {
        return x as ProviderError;
      }
    })();
    expect(e).toBeInstanceOf(ProviderError);
    expect(e!.kind).toBe("bad-body");
    expect(e!.message).toMatch(/attachment 1 has no public address/);
  });

  it("builds a kind-1 template: reply tags first, then hashtags, then imeta", () => {
    const t = noteTemplate({ ...item, text: "Look #Nostr" }, 1_700_000_000, { root, parent: root });
    expect(t.kind).toBe(1);
    expect(t.created_at).toBe(1_700_000_000);
    expect(t.tags.map((x) => x[0])).toEqual(["e", "p", "t", "imeta", "imeta"]);
  });

  it("tags each hashtag once, lowercase; a # inside a word is not one", () => {
    expect(hashtagTags("Hello #Nostr and #café, not a#b, #NOSTR again")).toEqual([
      ["t", "nostr"],
      ["t", "café"],
    ]);
    expect(hashtagTags("no tags")).toEqual([]);
  });
});
