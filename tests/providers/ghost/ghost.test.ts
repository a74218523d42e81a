import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ghostEmulator from "@/emulator/platforms/ghost";
import { adminKeyFor } from "@/emulator/platforms/ghost/keys";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { ProviderError } from "@/providers/core/errors";
import { adminToken } from "@/providers/ghost/ghost.key";
import { GhostProvider } from "@/providers/ghost/ghost.provider";
import type { GhostSettings } from "@/providers/ghost/ghost.settings";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import { png } from "@/tests/helpers/media-bytes";
import { useEmulator } from "@/tests/helpers/emulator";

// Ghost at the provider seam, against the emulator written from Ghost's Admin API docs: connect
// (and its refusals), posts with their settings, the feature image, newsletters and tokens.

const ghost = new GhostProvider();
let emu: Emulator;
let site: string;
let channel: ChannelAccess;
const credentials = { apiKey: adminKeyFor("seam") };

const refusedFields = async (p: Promise<unknown>): Promise<Record<string, string>> => {
  const e = await p.then(
    () => expect.unreachable("the connection was accepted"),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).fields;
};
const lastPost = () => emu.state.posts.filter((p) => p.platform === "ghost").at(-1)!;
const publish = (text: string, settings: Partial<GhostSettings>, media?: Parameters<GhostProvider["post"]>[1]["media"]) =>
  ghost.post(channel, { text, media }, { title: "A title", status: "published", ...settings } as GhostSettings);

beforeAll(async () => {
  emu = await useEmulator([ghostEmulator]);
  site = `${emu.url}/ghost/seam`;
  const auth = await ghost.connectWithFields({ url: `${site}/ghost/`, apiKey: credentials.apiKey });
  channel = {
    id: "ch-1",
    internalId: auth.id,
    username: auth.username,
    instanceUrl: site,
    accessToken: auth.accessToken,
    profile: auth.profile,
  };
});
afterAll(() => emu.stop());

describe("ghost connect", () => {
  it("reads the site and keeps the key as credentials, the site as the channel's server", async () => {
    const auth = await ghost.connectWithFields({ url: site, apiKey: credentials.apiKey });
    expect(auth).toMatchObject({
      id: `${site}/`,
      name: "seam (Ghost emulator)",
      username: new URL(site).host + "/ghost/seam",
      picture: `${site}/content/images/icon.png`,
      refreshToken: credentials.apiKey.split(":")[0],
      expiresIn: 300,
      profile: { service: site, siteUrl: `${site}/` },
      credentials,
    });
  });

  it("refuses a wrong secret with Ghost's own words, on the key field", async () => {
    const [id] = credentials.apiKey.split(":");
    const fields = await refusedFields(ghost.connectWithFields({ url: site, apiKey: `${id}:${"0".repeat(64)}` }));
    expect(fields).toEqual({ apiKey: "Ghost refused the Admin API key: Invalid token: invalid signature" });
  });

  it("refuses another site's key as Ghost does: an unknown key", async () => {
    const fields = await refusedFields(ghost.connectWithFields({ url: site, apiKey: adminKeyFor("elsewhere") }));
    expect(fields.apiKey).toMatch(/^Ghost refused the Admin API key: Unknown Admin API Key/);
  });

  it("refuses a Content API key and a missing address before calling Ghost", async () => {
    const fields = await refusedFields(ghost.connectWithFields({ url: "", apiKey: "22444f78447824223cefc48062" }));
    expect(fields.url).toBeTruthy();
    expect(fields.apiKey).toMatch(/Content API key/);
  });

  it("refuses an address where no Ghost answers, on the address field", async () => {
    const fields = await refusedFields(ghost.connectWithFields({ url: `${emu.url}/nothing-here`, apiKey: credentials.apiKey }));
    expect(fields.url).toMatch(/does not answer as a Ghost site/);
  });
});

describe("ghost posts", () => {
  it("publishes html with ?source=html, tags, excerpt and canonical URL, returning the post's id and public link", async () => {
    const made = await publish("<p>Body <strong>text</strong></p>", {
      tags: ["News", "Launch"],
      excerpt: "Short",
      canonicalUrl: "https://orig.example/a",
      visibility: "members",
    });
    const rec = lastPost();
    expect(made.id).toBe(rec.id);
    expect(made.url).toBe(`${site}/a-title/`);
    expect(rec.text).toBe("Body text");
    expect(rec.extra).toMatchObject({
      title: "A title",
      html: "<p>Body <strong>text</strong></p>",
      status: "published",
      custom_excerpt: "Short",
      canonical_url: "https://orig.example/a",
      visibility: "members",
      newsletter: null,
      tags: [expect.objectContaining({ name: "News" }), expect.objectContaining({ name: "Launch" })],
    });
    expect(await (await fetch(made.url)).text()).toContain("Body text");
  });

  it("uploads the feature image first and sets it with its alt text", async () => {
    await publish("With a picture", {}, [{ mimeType: "image/png", bytes: png(64, 48), alt: "A chart" }]);
    const rec = lastPost();
    const url = (rec.extra as { feature_image: string }).feature_image;
    expect(url).toMatch(new RegExp(`^${site}/content/images/.+-feature\\.png$`));
    expect(emu.state.media.get(url)).toMatchObject({ mimeType: "image/png", accountId: "seam" });
    expect(rec.extra).toMatchObject({ feature_image_alt: "A chart" });
    expect(rec.media).toEqual([url]);
  });

  it("emails it with the newsletter picked from the site's choices, to the segment chosen", async () => {
    const choices = await ghost.settingsChoices(channel, "newsletter");
    expect(choices).toEqual([{ value: "default-newsletter", label: "seam weekly" }]);
    await publish("For subscribers", { newsletter: choices[0]!.value, emailSegment: "status:-free" });
    expect(lastPost().extra).toMatchObject({ newsletter: { slug: "default-newsletter" }, email_segment: "status:-free" });
  });

  it("saves drafts (a preview link) and lets Ghost schedule with its publish time", async () => {
    const draft = await publish("Draft body", { status: "draft" });
    expect(draft.url).toMatch(new RegExp(`^${site}/p/[0-9a-f-]{36}/$`));
    const at = new Date(Date.now() + 3_600_000).toISOString();
    await publish("Later", { status: "scheduled", publishedAt: at, newsletter: "default-newsletter" });
    expect(lastPost().extra).toMatchObject({ status: "scheduled", published_at: at, newsletter: { slug: "default-newsletter" } });
  });

  it("fails with Ghost's words what Ghost refuses: a time too soon, an archived newsletter, no title", async () => {
    const refused = async (settings: Partial<GhostSettings>) => (await publish("x", settings).catch((e: unknown) => e)) as ProviderError;
    const soon = await refused({ status: "scheduled", publishedAt: new Date(Date.now() + 30_000).toISOString() });
    expect([soon.kind, soon.message]).toEqual(["bad-body", "Date must be at least 2 minutes in the future."]);
    const archived = await refused({ newsletter: "old-announcements" });
    expect([archived.kind, archived.message]).toEqual(["bad-body", "The newsletter parameter doesn't match any active newsletter."]);
    const untitled = await refused({ title: "" });
    expect([untitled.kind, untitled.message]).toEqual(["bad-body", "title: a Ghost post needs a title"]);
  });
});

describe("ghost tokens", () => {
  it("makes a new working token from the stored key, without calling Ghost", async () => {
    const fresh = await ghost.refreshToken(credentials.apiKey.split(":")[0]!, { credentials });
    expect(fresh.accessToken).not.toBe(channel.accessToken);
    await ghost.post({ ...channel, accessToken: fresh.accessToken }, { text: "fresh" }, { title: "Fresh", status: "draft" });
  });

  it("asks to reconnect when the stored key is unreadable or not the one the channel was made with", async () => {
    const e1 = (await ghost.refreshToken("x", { credentials: { apiKey: "revoked-key" } }).catch((e: unknown) => e)) as ProviderError;
    expect(e1.kind).toBe("disconnect");
    const e2 = (await ghost.refreshToken("aaaaaaaaaaaaaaaaaaaaaaaa", { credentials }).catch((e: unknown) => e)) as ProviderError;
    expect(e2.kind).toBe("disconnect");
  });

  it("renews an expired token once, and gives up (disconnect) when the integration is deleted", async () => {
    const [id, secret] = credentials.apiKey.split(":") as [string, string];
    const stale = adminToken({ id, secret }, Date.now() - 10 * 60_000);
    let renewed = 0;
    const ctx = {
      refreshAccessToken: async () => {
        renewed++;
        return adminToken({ id, secret });
      },
    };
    await ghost.post({ ...channel, accessToken: stale }, { text: "after renewal" }, { title: "Renewed", status: "draft" }, ctx);
    expect(renewed).toBe(1);

    emu.state.grants.get("ghost-integration-seam")!.revoked = true;
    const gone = (await ghost
      .post(channel, { text: "gone" }, { title: "Gone", status: "draft" })
      .catch((e: unknown) => e)) as ProviderError;
    expect(gone.kind).toBe("disconnect");
    expect(gone.message).toMatch(/^Unknown Admin API Key/);
  });
});

describe("ghost in sandbox mode", () => {
  it("connects the emulator's root site from the address its home page gives, with the key it shows", async () => {
    const notes = ghostEmulator.notes ?? "";
    const key = /key <code>([0-9a-f]{24}:[0-9a-f]{64})<\/code>/.exec(notes)?.[1];
    expect(key).toBeTruthy();
    const auth = await ghost.connectWithFields({ url: `${emu.url}/ghost`, apiKey: key! });
    expect(auth.profile).toMatchObject({ service: emu.url });
    const root = { ...channel, instanceUrl: emu.url, accessToken: auth.accessToken, profile: auth.profile };
    const made = await ghost.post(root, { text: "Root site" }, { title: "On the root site", status: "published" });
    expect(made.url).toBe(`${emu.url}/ghost/on-the-root-site/`);
  });
});
