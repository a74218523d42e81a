import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import devtoEmulator from "@/emulator/platforms/devto";
import { organizationOf } from "@/emulator/platforms/devto/articles";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { ProviderError } from "@/providers/core/errors";
import { DevtoProvider } from "@/providers/devto/devto.provider";
import { devtoSettings, type DevtoSettings } from "@/providers/devto/devto.settings";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import { useEmulator } from "@/tests/helpers/emulator";

// DEV at the provider seam, against the emulated Forem API: connect with a key, articles with
// their settings, DEV's refusals in its own words, read-back after a lost answer, counters and
// the organizations to post under.

const devto = new DevtoProvider();
let emu: Emulator;
let site: string;
let n = 0;

const settings = (extra: Record<string, unknown> = {}): DevtoSettings => devtoSettings.parse({ title: `Article ${++n}`, ...extra });

async function connect(username: string): Promise<ChannelAccess> {
  const auth = await devto.connectWithFields({ site, apiKey: `emu-devto-${username}` });
  return {
    id: `ch-${username}`,
    internalId: auth.id,
    username: auth.username,
    instanceUrl: site,
    accessToken: auth.accessToken,
    profile: auth.profile,
  };
}

beforeAll(async () => {
  emu = await useEmulator([devtoEmulator]);
  site = `${emu.url}/devto`;
});
afterAll(() => emu.stop());
beforeEach(() => {
  // Writes are throttled to one per second per key, as on DEV; these tests are about other rules.
  emu.state.rateLimits = false;
});

describe("connecting with an API key", () => {
  it("checks the key live and keeps the community as the channel's server", async () => {
    const auth = await devto.connectWithFields({ site: `${site}/`, apiKey: " emu-devto-jane " });
    expect(auth).toMatchObject({ username: "jane", accessToken: "emu-devto-jane", profile: { service: site, username: "jane" } });
    expect(auth.id).toMatch(/^\d+$/);
  });

  it("refuses a wrong key on the API key field with DEV's word, and a missing one before asking", async () => {
    const wrong = (await devto.connectWithFields({ site, apiKey: "not-a-key" }).catch((e) => e)) as ValidationError;
    expect(wrong).toBeInstanceOf(ValidationError);
    expect(wrong.fields.apiKey).toMatch(/DEV refused this API key \(unauthorized\)/);
    const missing = (await devto.connectWithFields({ site, apiKey: "" }).catch((e) => e)) as ValidationError;
    expect(missing.fields.apiKey).toMatch(/Enter an API key/);
  });

  it("refuses an address that is not a Forem community on the community field", async () => {
    const e = (await devto
      .connectWithFields({ site: `${emu.url}/no-forem-here`, apiKey: "emu-devto-jane" })
      .catch((x) => x)) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fields.site).toMatch(/did not answer like a DEV \(Forem\) community/);
  });
});

describe("publishing an article", () => {
  it("sends the markdown, settings and cover URL, and returns DEV's id and link", async () => {
    const ch = await connect("writer");
    const made = await devto.post(
      ch,
      { text: "# Hello\n\nFirst *post*.", media: [{ url: "https://img.example/cover.png", mimeType: "image/png" }] },
      settings({ tags: ["TypeScript", "webdev"], series: "Notes", canonicalUrl: "https://blog.example/hello", description: "Hi" }),
    );
    const rec = emu.state.posts.find((p) => p.platform === "devto" && p.id === made.id)!;
    expect(rec.text).toBe("# Hello\n\nFirst *post*.");
    expect(rec.media).toEqual(["https://img.example/cover.png"]);
    expect(rec.extra?.article).toMatchObject({ tags: ["typescript", "webdev"], series: "Notes", published: true, description: "Hi" });
    expect(made.url).toMatch(new RegExp(`^${site}/writer/article-\\d+-`));
  });

  it("lists the organizations the user has published in, by id and name", async () => {
    const ch = await connect("member");
    const org = organizationOf(emu.state.getAccount("devto", ch.internalId)!);
    expect(await devto.settingsChoices(ch, "organization")).toEqual([{ value: String(org.id), label: org.name }]);
  });

  it("saves a draft when asked, and posts under an organization the user belongs to", async () => {
    const ch = await connect("orgwriter");
    const org = organizationOf(emu.state.getAccount("devto", ch.internalId)!);
    const made = await devto.post(ch, { text: "Draft body" }, settings({ status: "draft", organization: String(org.id) }));
    const rec = emu.state.posts.find((p) => p.id === made.id)!;
    expect(rec.extra?.article).toMatchObject({ published: false, organizationId: org.id });
    expect(made.url).toContain(`/${org.username}/`);
    expect(made.warnings).toEqual(["Saved as a draft on DEV: only you can see it until you publish it there"]);
    expect(await devto.settingsChoices(ch, "series")).toEqual([]);
  });

  it("fails with DEV's own sentence when DEV refuses the article", async () => {
    const ch = await connect("refused");
    const title = settings().title;
    await devto.post(ch, { text: "one" }, { ...settings(), title });
    const again = (await devto.post(ch, { text: "two" }, { ...settings(), title }).catch((e) => e)) as ProviderError;
    expect(again.kind).toBe("bad-body");
    expect(again.message).toMatch(/^Title has already been used in the last five minutes/);
    // Past the settings form (an older saved post): DEV's tag rule still speaks for itself.
    const tags = (await devto.post(ch, { text: "three" }, { ...settings(), tags: ["github-actions"] }).catch((e) => e)) as ProviderError;
    expect(tags.message).toMatch(/Tag "github-actions" contains non-alphanumeric/);
  });

  it("waits out DEV's write throttle (429 with Retry-After) instead of failing", async () => {
    emu.state.rateLimits = true;
    const ch = await connect("hasty");
    const started = Date.now();
    await devto.post(ch, { text: "first" }, settings());
    await devto.post(ch, { text: "second" }, settings());
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(emu.state.posts.filter((p) => p.accountId === ch.internalId)).toHaveLength(2);
  });

  it("disconnects on a revoked key", async () => {
    const ch = await connect("revoked");
    const grant = emu.state.grants.get(emu.state.accessTokens.get(ch.accessToken)!.grantId)!;
    grant.revoked = true;
    const e = (await devto.post(ch, { text: "x" }, settings()).catch((err) => err)) as ProviderError;
    expect(e.kind).toBe("disconnect");
  });
});

describe("reading back", () => {
  it("finds an article whose answer was lost by its body, and not one made before the call", async () => {
    const ch = await connect("reader");
    const before = await devto.post(ch, { text: "Old body" }, settings());
    // The earlier article is published in a millisecond strictly before the call began.
    await new Promise((r) => setTimeout(r, 5));
    const since = new Date();
    const made = await devto.post(ch, { text: "Lost answer\n\n```\nls\n```" }, settings());
    expect(await devto.findPublished(ch, { text: "Lost answer\n\n```\nls\n```" }, { since })).toEqual({ id: made.id, url: made.url });
    expect(await devto.findPublished(ch, { text: "Old body" }, { since })).toBeNull();
    expect(before.id).not.toBe(made.id);
  });

  it("reads page views, reactions and comments, and reports an article DEV no longer lists", async () => {
    const ch = await connect("counted");
    const made = await devto.post(ch, { text: "Count me" }, settings());
    const figures = await devto.postAnalytics(ch, made.id);
    expect(Object.keys(figures).sort()).toEqual(["comments", "engagements", "page_views", "reactions"]);
    expect(figures.engagements).toBe(figures.reactions! + figures.comments!);
    const gone = (await devto.postAnalytics(ch, "1").catch((e) => e)) as ProviderError;
    expect(gone.kind).toBe("bad-body");
  });

  it("reads the list once per collection (one context), not once per article", async () => {
    const ch = await connect("collected");
    const a = await devto.post(ch, { text: "One" }, settings());
    const b = await devto.post(ch, { text: "Two" }, settings());
    const ctx = {};
    await devto.postAnalytics(ch, a.id, ctx);
    // Every further read of the list would now fail: the same collection must not need one.
    emu.state.faults.push({ platform: "devto", route: "articles-me", kind: "server-error", times: 5, retryAfterSeconds: 0 });
    expect(Object.keys(await devto.postAnalytics(ch, b.id, ctx))).toContain("page_views");
    const other = (await devto.postAnalytics(ch, b.id, {}).catch((e) => e)) as ProviderError;
    expect(other.kind).toBe("retry");
    emu.state.faults = [];
  });
});

describe("the emulated API's own rules", () => {
  it("answers only the v1 media type and the api-key header", async () => {
    const noAccept = await fetch(`${site}/api/users/me`, { headers: { "api-key": "emu-devto-jane" } });
    expect(noAccept.status).toBe(404);
    const noKey = await fetch(`${site}/api/users/me`, { headers: { accept: "application/vnd.forem.api-v1+json" } });
    expect([noKey.status, await noKey.json()]).toEqual([401, { error: "unauthorized", status: 401 }]);
  });

  it("drops tags sent as a string, as Forem's strong parameters do", async () => {
    const res = await fetch(`${site}/api/articles`, {
      method: "POST",
      headers: { accept: "application/vnd.forem.api-v1+json", "api-key": "emu-devto-strings", "content-type": "application/json" },
      body: JSON.stringify({ article: { title: "String tags", body_markdown: "x", tags: "a, b" } }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { tags: string[] }).tags).toEqual([]);
  });
});
