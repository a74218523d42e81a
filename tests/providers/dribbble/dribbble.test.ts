import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/dribbble";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import { DribbbleProvider } from "@/providers/dribbble/dribbble.provider";
import type { AuthResult, ChannelAccess, SocialProvider } from "@/providers/social.integrations.interface";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";
import { gif, png } from "@/tests/helpers/media-bytes";

// The provider against the Dribbble emulator (written from the docs): the OAuth web flow without
// refresh, the user's teams as choices, and shots: one image of an allowed size, the 202 + Location
// answer, and refusals in Dribbble's words.

const provider = new DribbbleProvider();
let emu: Emulator;
let n = 0;
const REDIRECT = "http://127.0.0.1:5555/api/integrations/dribbble/callback";

async function signIn(username = `drib_user${++n}`, dropScopes?: string[]): Promise<AuthResult> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `s-${n}`, codeVerifier: "v" });
  const back = await authorizeInEmulator(emu, start.url, { username, dropScopes });
  return provider.authenticate({ code: back.searchParams.get("code")!, codeVerifier: "v", redirectUri: REDIRECT });
}
const access = (a: AuthResult): ChannelAccess => ({ id: `ch-${a.id}`, internalId: a.id, username: a.username, accessToken: a.accessToken });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const shots = () => emu.state.posts.filter((p) => p.platform === "dribbble");
const image = (w: number, h: number, measured = true) => ({
  mimeType: "image/png",
  bytes: png(w, h),
  ...(measured ? { width: w, height: h } : {}),
});

beforeAll(async () => {
  emu = await useEmulator([emulator]);
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});
beforeEach(() => {
  emu.state.posts = [];
  emu.state.faults = [];
});

describe("Dribbble sign-in", () => {
  it("asks for 'public upload' with the documented parameters only, and keeps a token without refresh", async () => {
    const url = new URL((await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s", codeVerifier: "v" })).url);
    expect(url.pathname).toBe("/dribbble/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "emulator-client",
      redirect_uri: REDIRECT,
      scope: "public upload",
      state: "s",
    });
    const a = await signIn("drib.robin");
    expect(a).toMatchObject({ username: "drib.robin", accessToken: expect.stringMatching(/^dribbble_at/) });
    expect(a.refreshToken).toBeUndefined();
    expect((provider as SocialProvider).refreshToken).toBeUndefined();
  });

  it("refuses a grant without the upload scope", async () => {
    await expect(signIn("drib.noupload", ["upload"])).rejects.toThrow(/upload/);
  });

  it("offers the user's teams for the team setting", async () => {
    const a = await signIn("drib.team");
    const teams = await provider.settingsChoices(access(a), "team");
    expect(teams).toHaveLength(1);
    expect(teams[0]!.label).toBe("drib team Studio");
  });
});

describe("Dribbble shots", () => {
  it("uploads one image with title, description, tags and team, and takes the id from Location", async () => {
    const a = await signIn("drib.shot");
    const [team] = await provider.settingsChoices(access(a), "team");
    const r = await provider.post(
      access(a),
      { text: "A new logo <for> A&B", media: [image(800, 600)] },
      { title: "Logo", tags: ["logo", "brand"], team: team!.value },
    );
    expect(r.url).toBe(`${emu.url}/dribbble/shots/${r.id}`);
    expect(shots()[0]).toMatchObject({
      id: r.id,
      text: "A new logo &lt;for&gt; A&amp;B",
      extra: { title: "Logo", tags: ["logo", "brand"], size: "800x600", team_id: team!.value },
    });
  });

  it("refuses an image of another size before uploading, naming the sizes", async () => {
    const a = await signIn("drib.size");
    const e = await failure(provider.post(access(a), { text: "x", media: [image(640, 480)] }, { title: "Wrong" }));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/640×480.*exactly 400×300 or 800×600 or 1600×1200/);
    expect(shots()).toHaveLength(0);
  });

  it("is refused by Dribbble, in its words, an image whose size was not known beforehand", async () => {
    const a = await signIn("drib.unmeasured");
    const e = await failure(provider.post(access(a), { text: "x", media: [image(500, 500, false)] }, { title: "Wrong" }));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/Validation failed\. image must be exactly/) });
  });

  it("takes a GIF at 400×300, and refuses two images or none", async () => {
    const a = await signIn("drib.gif");
    await provider.post(
      access(a),
      { text: "", media: [{ mimeType: "image/gif", bytes: gif(400, 300), width: 400, height: 300 }] },
      { title: "Anim" },
    );
    expect(shots()).toHaveLength(1);
    expect((await failure(provider.post(access(a), { text: "", media: [image(400, 300), image(400, 300)] }, { title: "Two" }))).kind).toBe(
      "bad-body",
    );
    expect((await failure(provider.post(access(a), { text: "words" }, { title: "None" }))).kind).toBe("bad-body");
  });

  it("is refused a team the user does not belong to", async () => {
    const a = await signIn("drib.otherteam");
    const e = await failure(provider.post(access(a), { text: "", media: [image(400, 300)] }, { title: "T", team: "1" }));
    expect(e.message).toMatch(/team_id is not a team you are a member of/);
  });
});
