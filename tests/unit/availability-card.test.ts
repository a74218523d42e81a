import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AddChannel } from "@/components/channels/add-channel";
import { describeProvider, providers } from "@/providers/registry";
import type { PlatformAvailability, ProviderDescriptor } from "@/providers/social.integrations.interface";

// The Channels page's connect cards for a platform the manifest marks "limited" or "unavailable":
// the reason is on the card, and an unavailable platform has it instead of the Connect button.

const LIMITED = "Only text posts: the platform API stopped taking images this year.";
const GONE = "The platform closed its API to new applications.";
const card = (availability: PlatformAvailability | undefined): ProviderDescriptor => ({
  ...describeProvider(providers.bluesky),
  configured: true,
  missingConfig: [],
  ...(availability ? { availability } : {}),
});
const cardOf = (html: string, name: string) => html.split("<li").find((li) => li.includes(`>${name}</p>`)) ?? "";

describe("connect cards", () => {
  it("shows a limited platform's reason beside its Connect button, and an unavailable one's in place of it", () => {
    const html = renderToStaticMarkup(
      createElement(AddChannel, {
        providers: [
          { ...card(undefined), identifier: "plain", name: "Plain" },
          { ...card({ status: "limited", reason: LIMITED }), identifier: "limited", name: "Limited one" },
          { ...card({ status: "unavailable", reason: GONE }), identifier: "gone", name: "Gone one", configured: false },
        ],
        onConnected: () => {},
      }),
    );
    expect(cardOf(html, "Plain")).toContain('aria-label="Connect Plain"');
    expect(cardOf(html, "Plain")).not.toMatch(/Limited:|Not available:/);

    const limited = cardOf(html, "Limited one");
    expect(limited).toContain(`Limited: </span>${LIMITED}`);
    expect(limited).toMatch(/<button[^>]*aria-label="Connect Limited one"/);

    const gone = cardOf(html, "Gone one");
    expect(gone).toContain(`Not available: </span>${GONE}`);
    expect(gone).not.toContain("<button");
    expect(gone).not.toContain("Not configured");
  });
});
