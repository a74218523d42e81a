import { type Page } from "@playwright/test";
import { z } from "zod";
import type { ConformanceRecipe } from "../emulator/kit/recipe";
import { emulatorURL } from "../playwright.config";
import { channelLabel, type ChannelIdentity } from "../lib/channels/label";
import { allManifests } from "../providers/manifests";
import type { PlatformManifest } from "../providers/core/manifest";
import { connectEmulatedChannel, expect, pickChannel, signUp, test, uniqueEmail } from "./helpers";
import { tinyMp4 } from "./mp4";
import { solidPng } from "./png";

// Every registered platform, as a marketer uses it: connected from the Channels page, a post
// composed in the browser with the platform's own settings (a title, a category read from the
// site…) and an image where the platform takes one, Post now, and the link to the published post.
// Nothing here names a platform: what a user types comes from the platform's recipe
// (emulator/platforms/<id>/recipe.ts) and the form from its settings schema, so platform #37 is
// covered the day it is registered.

type JsonField = { title?: string; type?: string; items?: unknown; choices?: string; enum?: unknown[] };
type EmuPost = { platform: string; text: string; id: string; extra?: { mediaFetches?: { url: string; ok: boolean }[] } };

const recipeOf = async (id: string) => ((await import(`../emulator/platforms/${id}/recipe.ts`)) as { default: ConformanceRecipe }).default;

/** A tiny valid PNG (1×1), for platforms without pixel rules; a recipe's `image` size replaces it. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC", "base64");

async function channelLabels(page: Page): Promise<Record<string, string>> {
  const { channels } = (await (await page.request.get("/api/channels")).json()) as { channels: (ChannelIdentity & { provider: string })[] };
  return Object.fromEntries(channels.map((c) => [c.provider, channelLabel(c)]));
}

/** Fills the platform's settings section with the recipe's values the way a user would. */
async function fillSettings(page: Page, m: PlatformManifest, values: Record<string, unknown>) {
  const schema = z.toJSONSchema(m.settings, { unrepresentable: "any", io: "input" }) as { properties?: Record<string, JsonField> };
  const section = page.getByRole("region", { name: `${m.name} settings` });
  for (const [key, value] of Object.entries(values)) {
    const f = schema.properties?.[key];
    if (!f) continue;
    const label = new RegExp(`^${(f.title ?? key).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\(required\\))?$`);
    if (f.choices === "channel") {
      // Choices come from the platform: pick what the platform offers first, as a user would.
      if (f.type === "array") await section.getByRole("group", { name: label }).getByRole("checkbox").first().check();
      else {
        const select = section.getByLabel(label);
        await expect(section.getByText("Loading the choices from this channel…")).toHaveCount(0);
        const offered = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
        expect(offered.length, `${m.name}: the platform offered no ${f.title ?? key}`).toBeGreaterThan(0);
        await select.selectOption(offered[0]!);
      }
    } else if (typeof value === "boolean") await section.getByLabel(label).setChecked(value);
    else if (Array.isArray(value)) await section.getByLabel(label).fill(value.join(", "));
    else if (f.enum) await section.getByLabel(label).selectOption(String(value));
    else await section.getByLabel(label).fill(String(value));
  }
}

// E2E_PLATFORMS=a,b narrows the run to those platforms while one is being written; CI runs them all.
const only = process.env.E2E_PLATFORMS?.split(",").map((s) => s.trim());
const platforms = allManifests().filter((m) => m.availability?.status !== "unavailable" && (!only || only.includes(m.identifier)));

// One test per platform, each in an organization of its own, so one platform's failure neither
// hides nor disturbs the others'.
for (const m of platforms)
  test(`${m.name}: a post composed in the browser, with the platform's own settings and media, publishes and links to it`, async ({
    page,
  }) => {
    const recipe = await recipeOf(m.identifier);
    test.setTimeout(60_000 + (1 + (recipe.morePosts?.length ?? 0)) * 30_000);
    await signUp(page, `Catalogue ${m.name}`, uniqueEmail(`catalogue-${m.identifier}`));
    await connectEmulatedChannel(page, m.identifier, `cat_${m.identifier.replace(/[^a-z0-9]/g, "_")}`);
    const labels = await channelLabels(page);

    // The recipe's settings, then each other kind of post it names (an offer beside an event…).
    for (const [n, settings] of [recipe.settings ?? {}, ...(recipe.morePosts ?? [])].entries())
      await test.step(n ? `${m.name} (${Object.values(settings)[0]})` : m.name, async () => {
        const text = `Catalogue post for ${m.name} ${Date.now()}`;
        await page.goto("/compose");
        await pickChannel(page, m.identifier);
        await page.getByLabel("Post", { exact: true }).fill(text);
        // The file the recipe names, else an image where the platform takes one, else a video (a video platform).
        const kind = recipe.media ?? (m.media.image ? "image" : m.media.video ? "video" : undefined);
        if (kind && m.media[kind] && m.media.maxItems > 0) {
          const file =
            kind === "video"
              ? { name: "cover.mp4", mimeType: "video/mp4", buffer: tinyMp4() }
              : {
                  name: "cover.png",
                  mimeType: "image/png",
                  buffer: recipe.image ? solidPng(recipe.image.width, recipe.image.height) : PNG,
                };
          const named = file.name.replace(".", "\\.");
          await page
            .getByLabel(/Choose files/)
            .first()
            .setInputFiles(file);
          await expect(page.getByRole("progressbar", { name: new RegExp(`Uploading ${named}`) })).toHaveCount(0, { timeout: 30_000 });
          if (m.media.byLinkOnly && m.media.keepsLink) {
            // The platform shows attachments from their link for good: an upload (whose public URL
            // expires) is refused before scheduling, naming why. Platforms that download the file
            // once get its signed URL instead (sandbox mode: the emulator reaches this server).
            await expect(page.getByTestId("blocking-problems")).toContainText("from a public address");
            await page
              .getByRole("button", { name: `Remove ${file.name}` })
              .first()
              .click();
          } else if (kind === "image" && m.media.maxAltTextLength)
            await page.getByLabel(new RegExp(`Alt text for ${named}`)).fill("A one-pixel cover");
        }
        await page.getByRole("tab", { name: labels[m.identifier] }).click();
        await fillSettings(page, m, settings);
        await expect(page.getByTestId("blocking-problems")).toHaveCount(0);
        await page.getByRole("button", { name: "Post now" }).click();
        await expect(page).toHaveURL(/\/calendar\?post=/);

        const card = page.getByTestId("post").filter({ hasText: text.slice(0, 40) });
        await expect(card.getByTestId("status").first()).toHaveText("Published", { timeout: 30_000 });
        const link = card.getByRole("link", { name: `View on ${m.name}` }).first();
        await expect(link).toHaveAttribute("href", /^https?:\/\//);

        // The platform received it once, carrying the unique text.
        const { posts } = (await (await page.request.get(`${emulatorURL}/_emulator/posts?platform=${m.identifier}`)).json()) as {
          posts: EmuPost[];
        };
        const sent = posts.filter((p) => JSON.stringify(p).includes(text.slice(-13)));
        expect(sent).toHaveLength(1);
        // A platform that downloads attachments got the uploaded image from its signed public URL
        // (its emulator records each download in extra.mediaFetches, emulator/kit/fetch-media.ts).
        const fetches = sent[0]!.extra?.mediaFetches ?? [];
        if (kind && m.media[kind] && m.media.byLinkOnly && !m.media.keepsLink)
          expect(fetches.length, `${m.name} downloaded the ${kind}`).toBeGreaterThan(0);
        for (const f of fetches) expect(f, `${m.name} fetched ${f.url}`).toMatchObject({ ok: true });
      });
  });
