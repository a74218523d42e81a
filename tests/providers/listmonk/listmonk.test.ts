import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import emulator from "@/emulator/platforms/listmonk";
import type { Campaign } from "@/emulator/platforms/listmonk/campaigns";
import { tokenFor } from "@/emulator/platforms/listmonk/users";
import { ValidationError } from "@/lib/errors";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";
import { ProviderError } from "@/providers/core/errors";
import { ListmonkProvider } from "@/providers/listmonk/listmonk.provider";
import { listmonkSettings } from "@/providers/listmonk/listmonk.settings";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";

// The provider against the Listmonk emulator: connecting, publishing a campaign in its two calls,
// settling lost answers, choices and analytics.

const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
);
const provider = new ListmonkProvider();
let emu: Emulator;
let server: string;
let n = 0;

const connect = (username = `user${++n}`, token = tokenFor(username)) => provider.connectWithFields({ url: server, username, token });
const access = (a: AuthResult): ChannelAccess => ({
  id: `channel-${a.id}`,
  internalId: a.id,
  username: a.username,
  instanceUrl: a.profile!.service as string,
  accessToken: a.accessToken,
  profile: a.profile,
});
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const campaigns = () => emu.state.posts.filter((p) => p.platform === "listmonk").map((p) => p.extra!.campaign as Campaign);
/** Runs `f` as on a real deployment, where each user names their server (sandbox mode pins the emulated one). */
async function unpinned<T>(f: () => Promise<T>): Promise<T> {
  const sandbox = process.env.PROVIDER_SANDBOX_URL;
  delete process.env.PROVIDER_SANDBOX_URL;
  try {
    return await f();
  } finally {
    process.env.PROVIDER_SANDBOX_URL = sandbox;
  }
}
const settings = (s: Record<string, unknown> = {}) => listmonkSettings.parse({ subject: "Weekly news", lists: ["1"], ...s });

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  server = `${emu.url}/listmonk`;
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});
beforeEach(() => {
  emu.state.posts = [];
  emu.state.faults = [];
});

describe("listmonk connect", () => {
  it("checks the API user on the server and keeps the server and user on the channel", async () => {
    const a = await connect("postmill");
    expect(a).toMatchObject({ username: "postmill", name: "postmill (API)", accessToken: tokenFor("postmill") });
    expect(a.id).toMatch(/^\d+$/);
    expect(a.profile).toMatchObject({ service: server, apiUser: "postmill", userType: "api" });
    expect(JSON.stringify(a.profile)).not.toContain(tokenFor("postmill"));
  });

  it("needs no address in sandbox mode, where the emulated server is pinned", async () => {
    const a = await provider.connectWithFields({ url: "", username: "pinned", token: tokenFor("pinned") });
    expect(a.profile!.service).toBe(server);
  });

  it("refuses a wrong token with Listmonk's own words", async () => {
    const e = await failure(connect("someone", "wrong-token"));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.kind).toBe("disconnect");
    expect(e.message).toContain("invalid API credentials");
  });

  it("names each field left empty or malformed", async () => {
    const e = (await unpinned(() =>
      failure(provider.connectWithFields({ url: "ftp://x", username: "a:b", token: "" })),
    )) as unknown as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(Object.keys(e.fields).sort()).toEqual(["token", "url", "username"]);
  });

  it("says when the address is not a Listmonk server", async () => {
    const e = (await unpinned(() =>
      failure(provider.connectWithFields({ url: `${emu.url}/nothing-here`, username: "u", token: "t" })),
    )) as unknown as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fields.url).toBe(`${emu.url}/nothing-here has no Listmonk API (404); check the address`);
  });

  it("uses the server typed when no server is pinned, without /admin", async () => {
    const a = await unpinned(() => provider.connectWithFields({ url: `${server}/admin/`, username: "typed", token: tokenFor("typed") }));
    expect(a.profile!.service).toBe(server);
  });
});

describe("listmonk publishing", () => {
  it("creates the campaign as html and starts it, linking its admin page", async () => {
    const chan = access(await connect());
    const r = await provider.post(chan, { text: "<p>Hello {{ readers }}</p>" }, settings({ fromEmail: "News <news@example.com>" }), {
      idempotencyKey: "t1:0",
    });
    const [c] = campaigns();
    expect(campaigns()).toHaveLength(1);
    expect(c).toMatchObject({ status: "running", content_type: "html", subject: "Weekly news", from_email: "News <news@example.com>" });
    expect(emu.state.posts[0]!.text).toBe("Hello {{ readers }}");
    expect(r).toEqual({ id: String(c!.id), url: `${server}/admin/campaigns/${c!.id}`, ref: { uuid: c!.uuid } });
  });

  it("uploads the images to the media library first and shows them above the text", async () => {
    const chan = access(await connect());
    const media = [1, 2].map((i) => ({ mimeType: "image/png", bytes: PNG, alt: `Picture "${i}"` }));
    await provider.post(chan, { text: "<p>With pictures</p>", media }, settings(), { idempotencyKey: "img:0" });
    const [post] = emu.state.posts.filter((p) => p.platform === "listmonk");
    expect(post!.media).toHaveLength(2);
    const body = campaigns()[0]!.body;
    expect(body).toMatch(new RegExp(`^<p><img src="${server}/uploads/[^"]+\\.png" alt="Picture &quot;1&quot;"></p><p><img `));
    expect(body.endsWith("<p>With pictures</p>")).toBe(true);
  });

  it("links the public archive page when the campaign is archived", async () => {
    const chan = access(await connect());
    const r = await provider.post(chan, { text: "<p>Archived</p>" }, settings({ archive: true }), { idempotencyKey: "t2:0" });
    expect(r.url).toBe(`${server}/archive/${campaigns()[0]!.uuid}`);
    const page = await fetch(r.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Archived");
  });

  it("hands a send_at campaign to Listmonk's scheduler", async () => {
    const chan = access(await connect());
    const sendAt = new Date(Date.now() + 86_400_000).toISOString();
    await provider.post(chan, { text: "<p>Later</p>" }, settings({ sendAt }), { idempotencyKey: "t3:0" });
    expect(campaigns()[0]).toMatchObject({ status: "scheduled", send_at: sendAt });
  });

  it("refuses a send_at that has passed before calling Listmonk", async () => {
    const chan = access(await connect());
    const e = await failure(provider.post(chan, { text: "x" }, settings({ sendAt: "2020-01-01T00:00:00Z" })));
    expect(e.kind).toBe("bad-body");
    expect(campaigns()).toHaveLength(0);
  });

  it("fails with Listmonk's words when the lists have no subscribers", async () => {
    const chan = access(await connect());
    const e = await failure(provider.post(chan, { text: "x" }, settings({ lists: ["2"] })));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toContain("There are no subscribers in the selected lists");
  });

  it("removes the draft when the API user may not send, and says which permission is missing", async () => {
    const chan = access(await connect("nosend-editor"));
    const e = await failure(provider.post(chan, { text: "x" }, settings(), { idempotencyKey: "t4:0" }));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/permission denied: campaigns:send.*User roles.*not sent/);
    expect(campaigns()).toHaveLength(0);
  });

  it("reports a failed start as possibly published, and the read-back starts the draft once", async () => {
    const chan = access(await connect());
    await injectFault(emu, { platform: "listmonk", route: "status", kind: "server-error", times: 10 });
    const e = await failure(provider.post(chan, { text: "<p>Once</p>" }, settings(), { idempotencyKey: "t5:0" }));
    expect(e.kind).toBe("retry");
    expect(e.details.mayHavePublished).toBe(true);
    expect(campaigns()[0]!.status).toBe("draft");
    emu.state.faults = [];

    const since = new Date(Date.now() - 60_000);
    const found = await provider.findPublished(chan, { text: "<p>Once</p>" }, { since }, { idempotencyKey: "t5:0" });
    expect(found?.id).toBe(String(campaigns()[0]!.id));
    expect(campaigns()).toHaveLength(1);
    expect(campaigns()[0]!.status).toBe("running");
    // Another attempt's key finds nothing.
    expect(await provider.findPublished(chan, { text: "x" }, { since }, { idempotencyKey: "other:0" })).toBeNull();
    // Found again (a second lost answer), the running campaign is left as it is.
    expect((await provider.findPublished(chan, { text: "x" }, { since }, { idempotencyKey: "t5:0" }))?.id).toBe(found!.id);
  });

  it("finds an attempt's campaign beyond the first page of the read-back", async () => {
    const chan = access(await connect());
    for (let i = 0; i < 25; i++) await provider.post(chan, { text: `<p>${i}</p>` }, settings(), { idempotencyKey: `bulk:${i}` });
    const since = new Date(Date.now() - 60_000);
    const oldest = await provider.findPublished(chan, { text: "x" }, { since }, { idempotencyKey: "bulk:0" });
    expect(oldest?.id).toBe(String(campaigns()[0]!.id));
  });

  it("flags a revoked token as a reconnect", async () => {
    const a = await connect();
    const grant = emu.state.grants.get(emu.state.accessTokens.get(a.accessToken)!.grantId)!;
    grant.revoked = true;
    const e = await failure(provider.post(access(a), { text: "x" }, settings()));
    expect(e.kind).toBe("disconnect");
  });
});

describe("listmonk choices and analytics", () => {
  it("offers the server's lists and only its campaign templates", async () => {
    const chan = access(await connect());
    expect(await provider.settingsChoices(chan, "lists")).toEqual([
      { value: "1", label: "Default list (3 subscribers)" },
      { value: "2", label: "Opt-in list (0 subscribers)" },
    ]);
    expect(await provider.settingsChoices(chan, "template")).toEqual([
      { value: "1", label: "Default campaign template (default)" },
      { value: "2", label: "Default archive template" },
    ]);
  });

  it("reads a campaign's views, clicks, bounces and sent", async () => {
    const chan = access(await connect());
    const r = await provider.post(chan, { text: "<p>Counted</p>" }, settings(), { idempotencyKey: "t6:0" });
    const figures = await provider.postAnalytics(chan, r.id);
    expect(Object.keys(figures).sort()).toEqual(["bounces", "clicks", "sent", "views"]);
    expect(figures.sent).toBe(3);
  });
});
