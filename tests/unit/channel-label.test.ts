import { describe, expect, it } from "vitest";
import { channelAddress, channelDetail, channelHandle, channelLabel, channelServer } from "@/lib/channels/label";
import { allProviders } from "@/providers/registry";

describe("channel label", () => {
  const a = { name: "Acme", providerName: "Mastodon", username: "acme", instanceUrl: "https://social.example" };
  const b = { ...a, instanceUrl: "http://127.0.0.1:4592/" };

  it("tells two same-named channels on different servers apart", () => {
    expect(channelLabel(a)).toBe("Acme (Mastodon, @acme on social.example)");
    expect(channelLabel(b)).toBe("Acme (Mastodon, @acme on 127.0.0.1:4592)");
    expect(channelLabel(a)).not.toBe(channelLabel(b));
  });

  it("tells two same-named channels with different handles apart, and names the platform", () => {
    expect(channelLabel({ name: "Acme", providerName: "X", username: "acme" })).toBe("Acme (X, @acme)");
    expect(channelLabel({ name: "Acme", providerName: "X", username: "acme_news" })).toBe("Acme (X, @acme_news)");
    expect(channelLabel({ name: "Acme", providerName: "LinkedIn", username: null })).toBe("Acme (LinkedIn)");
  });

  it("keeps a handle written with @ and reads a server typed without a scheme", () => {
    expect(channelHandle({ username: "@alice" })).toBe("@alice");
    expect(channelHandle({ username: " " })).toBeNull();
    expect(channelServer({ instanceUrl: "mastodon.example" })).toBe("mastodon.example");
    expect(channelServer({ instanceUrl: null })).toBeNull();
    expect(channelDetail({ name: "n", providerName: "p", instanceUrl: "https://pds.example" })).toBe("pds.example");
  });

  it("does not repeat the server of a fediverse handle stored with its domain, and keeps a different domain", () => {
    const stored = { name: "Acme", providerName: "Mastodon", username: "acme@127.0.0.1:4592", instanceUrl: "http://127.0.0.1:4592" };
    expect(channelLabel(stored)).toBe("Acme (Mastodon, @acme on 127.0.0.1:4592)");
    expect(channelAddress(stored)).toBe("@acme@127.0.0.1:4592");
    expect(channelAddress({ username: "acme", instanceUrl: "https://social.example" })).toBe("@acme@social.example");
    const split = { name: "Acme", providerName: "Mastodon", username: "acme@example.com", instanceUrl: "https://social.example.com" };
    expect(channelLabel(split)).toBe("Acme (Mastodon, @acme@example.com on social.example.com)");
    expect(channelAddress({ username: "acme_x", instanceUrl: null })).toBe("@acme_x");
  });
});

// WCAG contrast of white text on the badge colour (small text needs 4.5:1).
function contrastWithWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (l + 0.05);
}

describe("platform badges", () => {
  it("every platform has a short badge, readable in white on its colour, and no two look the same", () => {
    const seen = new Set<string>();
    for (const p of allProviders()) {
      expect(p.badge.text.length, p.identifier).toBeGreaterThan(0);
      expect(p.badge.text.length, p.identifier).toBeLessThanOrEqual(2);
      expect(p.badge.colour, p.identifier).toMatch(/^#[0-9a-f]{6}$/i);
      expect(contrastWithWhite(p.badge.colour), p.identifier).toBeGreaterThanOrEqual(4.5);
      expect(seen.has(p.badge.text), `${p.identifier} badge text repeats`).toBe(false);
      seen.add(p.badge.text);
    }
  });
});
