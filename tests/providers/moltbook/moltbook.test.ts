import { afterAll, beforeAll, describe, expect, it } from "vitest";
import moltbookEmulator from "@/emulator/platforms/moltbook";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { ProviderError } from "@/providers/core/errors";
import { MoltbookProvider } from "@/providers/moltbook/moltbook.provider";
import { moltbookSettings, type MoltbookSettings } from "@/providers/moltbook/moltbook.settings";
import type { ChannelAccess, PostItem } from "@/providers/social.integrations.interface";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";

// Moltbook at the provider seam, against the emulated API: the agent key checked live at connect
// (a wrong or unclaimed one refused on the key field), text and link posts, comments under the
// post, submolts as choices, the 429 wait from the body, and a verification challenge failing the
// target instead of being answered.

const moltbook = new MoltbookProvider();
let emu: Emulator;

const settings = (extra: Record<string, unknown> = {}): MoltbookSettings =>
  moltbookSettings.parse({ submolt: "General", title: "A title", ...extra });
const item = (text: string): PostItem => ({ text, media: [] }) as unknown as PostItem;

async function connect(name: string): Promise<ChannelAccess> {
  const auth = await moltbook.connectWithFields({ apiKey: ` moltbook_emu_${name} ` });
  return { id: `ch-${name}`, internalId: auth.id, username: auth.username, accessToken: auth.accessToken, profile: auth.profile };
}

async function refused(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => expect.unreachable("accepted"),
    (e: unknown) => e as Error,
  );
}

beforeAll(async () => {
  emu = await useEmulator([moltbookEmulator]);
});
afterAll(() => emu.stop());

describe("connecting with the agent's API key", () => {
  it("checks the key live and reads the agent", async () => {
    const auth = await moltbook.connectWithFields({ apiKey: "moltbook_emu_jane" });
    expect(auth).toMatchObject({ username: "jane", accessToken: "moltbook_emu_jane" });
    expect(auth.id).toBeTruthy();
  });

  it("refuses an unknown key on the key field in Moltbook's words", async () => {
    const e = await refused(moltbook.connectWithFields({ apiKey: "moltbook_wrong" }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fields.apiKey).toBe(
      "Moltbook refused this key: Invalid or expired token (Check your API key or register for a new one)",
    );
  });

  it("refuses an empty key and an agent its human has not claimed", async () => {
    expect(((await refused(moltbook.connectWithFields({ apiKey: "  " }))) as ValidationError).fields.apiKey).toMatch(/required/);
    const e = (await refused(moltbook.connectWithFields({ apiKey: "moltbook_emu_unclaimed_bot" }))) as ValidationError;
    expect(e.fields.apiKey).toMatch(/not claimed yet/);
  });
});

describe("publishing", () => {
  it("posts text to the submolt (lower-cased) with its title, linked at /post/{id}", async () => {
    const ch = await connect("poster");
    const r = await moltbook.post(ch, item("Hello agents"), settings());
    expect(r.url).toBe(`${emu.url}/moltbook/post/${r.id}`);
    const rec = emu.state.posts.find((p) => p.id === r.id)!;
    expect(rec.extra?.post).toMatchObject({ submolt: "general", title: "A title", content: "Hello agents", url: null });
    expect((await fetch(r.url)).status).toBe(200);
  });

  it("a link post sends the URL and no content; text with a link is refused before calling", async () => {
    const ch = await connect("linker");
    const r = await moltbook.post(ch, item(""), settings({ link: "https://example.com/a" }));
    expect(emu.state.posts.find((p) => p.id === r.id)!.extra?.post).toMatchObject({ url: "https://example.com/a", content: null });
    const before = emu.state.posts.length;
    const e = await refused(moltbook.post(ch, item("some text"), settings({ link: "https://example.com/b" })));
    expect(e).toMatchObject({ kind: "bad-body" });
    expect(e.message).toMatch(/link post has no text/);
    expect(emu.state.posts.length).toBe(before);
  });

  it("a submolt that does not exist is refused in Moltbook's words", async () => {
    const e = await refused(moltbook.post(await connect("lost"), item("x"), settings({ submolt: "nowhere" })));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: "bad-body", message: "Submolt not found: check the submolt name in the post's settings" });
  });

  it("thread items are comments on the post", async () => {
    const ch = await connect("threader");
    const root = await moltbook.post(ch, item("first"), settings());
    const c1 = await moltbook.comment(ch, item("second"), root, root, settings());
    const c2 = await moltbook.comment(ch, item("third"), c1, root, settings());
    for (const c of [c1, c2]) expect(emu.state.posts.find((p) => p.id === c.id)).toMatchObject({ replyTo: root.id });
    expect(c2.url).toBe(root.url);
  });

  it("a verification challenge fails the post, saying how to complete it; nothing is answered", async () => {
    const e = await refused(moltbook.post(await connect("verify_bot"), item("needs checking"), settings()));
    expect(e).toMatchObject({ kind: "bad-body" });
    expect(e.message).toMatch(/verification challenge.*POST \/verify with code vc_[0-9a-f]+ before /s);
  });

  it("a 429 hands on the wait in the body's minutes (the post cooldown), without waiting in-process", async () => {
    const ch = await connect("hasty");
    await injectFault(emu, { platform: "moltbook", route: "post", kind: "rate-limit", retryAfterSeconds: 1800 });
    const e = (await refused(moltbook.post(ch, item("too soon"), settings()))) as ProviderError;
    expect(e.kind).toBe("retry");
    expect(e.details.retryAfterMs).toBe(30 * 60_000);
    expect(e.details.mayHavePublished).toBe(false);
  });

  it("lists the submolts as choices", async () => {
    const choices = await moltbook.settingsChoices(await connect("chooser"), "submolt");
    // A display name that only capitalises the name adds nothing to it.
    expect(choices).toContainEqual({ value: "general", label: "m/general" });
    expect(choices).toContainEqual({ value: "todayilearned", label: "Today I Learned (m/todayilearned)" });
    expect(await moltbook.settingsChoices(await connect("chooser"), "title")).toEqual([]);
  });
});

describe("settings", () => {
  it("requires a submolt and a title of at most 300 characters", () => {
    const r = moltbookSettings.safeParse({});
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual(["submolt", "title"]);
    expect(moltbookSettings.safeParse({ submolt: "general", title: "t".repeat(300) }).success).toBe(true);
    expect(moltbookSettings.safeParse({ submolt: "general", title: "t".repeat(301) }).error?.issues[0]?.message).toBe(
      "Title must be at most 300 characters",
    );
    expect(moltbookSettings.safeParse({ submolt: "m/general", title: "t" }).success).toBe(false);
  });
});
