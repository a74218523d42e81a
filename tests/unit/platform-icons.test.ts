import { describe, expect, it } from "vitest";
import * as simpleIcons from "simple-icons";
import { PLATFORM_ICONS } from "@/components/channels/platform-icons";
import { allProviders } from "@/providers/registry";

// Each platform's logo is named in its manifest (badge.icon); the browser's table must hold every
// one named, and nothing no platform uses (each icon is bytes in the bundle).
describe("platform logos", () => {
  it("every logo a manifest names is in the table, and the table holds only those", () => {
    const named = new Set<string>();
    for (const p of allProviders()) {
      if (!p.badge.icon) continue;
      expect(PLATFORM_ICONS[p.badge.icon], `${p.identifier}: ${p.badge.icon}`).toBeDefined();
      named.add(p.badge.icon);
    }
    expect(Object.keys(PLATFORM_ICONS).sort()).toEqual([...named].sort());
  });

  it("a platform without a logo is one Simple Icons lacks (it falls back to its letters)", () => {
    const slugs = new Set(Object.values(simpleIcons).map((i) => i.slug));
    for (const p of allProviders()) {
      if (p.badge.icon) continue;
      const guess = p.name.toLowerCase().replace(/[^a-z0-9]/g, "");
      expect(slugs.has(guess), `${p.identifier} could use the "${guess}" logo`).toBe(false);
    }
  });
});
