import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/medium";
import { integrationToken } from "@/emulator/platforms/medium/tokens";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { ProviderError } from "@/providers/core/errors";
import { MediumProvider } from "@/providers/medium/medium.provider";
import type { MediumSettings } from "@/providers/medium/medium.settings";
import type { AuthResult, ChannelAccess, MediaItem } from "@/providers/social.integrations.interface";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";
import { gif, png } from "@/tests/helpers/media-bytes";

// The provider against the Medium emulator (written from Medium's README): connecting with an
// integration token, stories with uploaded images, publications, and refusals.

const provider = new MediumProvider();
let emu: Emulator;
let n = 0;

const connect = (username = `writer${++n}`) => provider.connectWithFields({ token: integrationToken(username) });
const access = (a: AuthResult): ChannelAccess => ({
  id: `channel-${a.id}`,
  internalId: a.id,
  username: a.username,
  accessToken: a.accessToken,
});
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as Error,
  );
const stories = () => emu.state.posts.filter((p) => p.platform === "medium");
const image = (bytes: Uint8Array, mimeType: string, alt?: string): MediaItem => ({ mimeType, bytes, ...(alt ? { alt } : {}) });
const settings = (s: Partial<MediumSettings> = {}): MediumSettings => ({ title: "A story", ...s });

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

describe("medium connect (integration token)", () => {
  it("asks for the token as a secret field", () => {
    expect(provider.customFields().map((f) => [f.key, f.type])).toEqual([["token", "password"]]);
  });

  it("checks the token with GET /v1/me and keeps the user id posts are created under", async () => {
    const a = await connect("jamie.t");
    expect(a).toMatchObject({ name: "jamie t", username: "jamie.t", accessToken: integrationToken("jamie.t") });
    expect(a.id).toMatch(/^[0-9a-f]{40,}$/);
    expect(a.picture).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/medium\/images\//);
    expect(a.profile).toEqual({ url: expect.stringMatching(/\/medium\/@jamie\.t$/) });
    expect(a.refreshToken).toBeUndefined();
  });

  it("refuses a wrong token on the token field, in Medium's words", async () => {
    const e = await failure(provider.connectWithFields({ token: `${integrationToken("someone")}0` }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fields.token).toMatch(/^Medium: Token was invalid\./);
  });

  it("refuses an empty token or one with spaces before calling Medium", async () => {
    for (const token of ["", "   ", "2abc def"]) {
      const e = await failure(provider.connectWithFields({ token }));
      expect(e).toBeInstanceOf(ValidationError);
      expect(Object.keys((e as ValidationError).fields)).toEqual(["token"]);
    }
    expect(emu.state.accessTokens.has("2abc def")).toBe(false);
  });

  it("says Medium is not answering, not that the token is wrong, on a 5xx", async () => {
    await injectFault(emu, { platform: "medium", route: "profile", kind: "server-error", times: 5 });
    const e = await failure(connect());
    expect(e).toBeInstanceOf(ProviderError);
    expect((e as ProviderError).kind).toBe("retry");
  });
});

describe("medium stories", () => {
  it("publishes Markdown under the user with the title shown, the settings sent, and its id and address returned", async () => {
    const a = await connect();
    const s = settings({ tags: ["one", "two"], canonicalUrl: "https://blog.example/p", license: "cc-40-by", notifyFollowers: true });
    const out = await provider.post(access(a), { text: "Hello *world*" }, s);
    const [story] = stories();
    expect(story).toMatchObject({ id: out.id, accountId: a.id, text: "Hello *world*", media: [] });
    expect(story!.extra).toMatchObject({
      title: "A story",
      contentFormat: "markdown",
      content: "# A story\n\nHello *world*",
      tags: ["one", "two"],
      canonicalUrl: "https://blog.example/p",
      publishStatus: "public",
      license: "cc-40-by",
      notifyFollowers: true,
    });
    expect(out.url).toMatch(new RegExp(`/medium/@${a.username}/a-story-${out.id}$`));
    expect(out.warnings).toBeUndefined();
  });

  it("sends drafts and unlisted stories with that status", async () => {
    const a = await connect();
    await provider.post(access(a), { text: "draft" }, settings({ publishStatus: "draft" }));
    await provider.post(access(a), { text: "unlisted" }, settings({ publishStatus: "unlisted" }));
    expect(stories().map((p) => p.extra!.publishStatus)).toEqual(["draft", "unlisted"]);
  });

  it("uploads attached images first and shows them in the story: the first under the title, the others after the text", async () => {
    const a = await connect();
    const media = [image(png(64, 48), "image/png", "A chart"), image(gif(32, 32), "image/gif"), image(png(10, 10), "image/png")];
    await provider.post(access(a), { text: "The text", media }, settings());
    const [story] = stories();
    expect(story!.media).toHaveLength(3);
    expect(story!.media.map((id) => emu.state.media.get(id)?.mimeType)).toEqual(["image/png", "image/gif", "image/png"]);
    expect(story!.text).toBe("The text");
    const content = story!.extra!.content as string;
    expect(content).toMatch(
      /^# A story\n\n!\[A chart\]\(http:\/\/127\.0\.0\.1:\d+\/medium\/images\/0\*\d+\.png\)\n\nThe text\n\n!\[\]\(.+\.gif\)\n\n!\[\]\(.+\.png\)$/,
    );
  });

  it("refuses images Medium does not take before uploading anything", async () => {
    const a = await connect();
    const e = await failure(
      provider.post(access(a), { text: "x", media: [image(png(1, 1), "image/png"), image(new Uint8Array(8), "image/webp")] }, settings()),
    );
    expect(e).toMatchObject({
      kind: "bad-body",
      message: expect.stringMatching(/Attachment 2 is image\/webp; Medium takes JPEG, PNG, GIF and TIFF/),
    });
    expect([...emu.state.media.values()].filter((m) => m.platform === "medium" && m.accountId === a.id)).toHaveLength(0);
  });

  it("fails the post, not the channel, when the token may not upload images", async () => {
    const a = await connect();
    await injectFault(emu, { platform: "medium", route: "image", kind: "missing-scope" });
    const e = await failure(provider.post(access(a), { text: "x", media: [image(png(2, 2), "image/png")] }, settings()));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/refused to take image 1 .*Medium fetches those itself/) });
    expect(stories()).toHaveLength(0);
  });

  it("flags the channel when Medium no longer accepts the token", async () => {
    const a = await connect();
    const grant = emu.state.grants.get(emu.state.accessTokens.get(a.accessToken)!.grantId)!;
    grant.revoked = true;
    const e = await failure(provider.post(access(a), { text: "x" }, settings()));
    expect(e).toMatchObject({ kind: "disconnect", message: expect.stringMatching(/Token was invalid.*Reconnect Medium/) });
  });

  it("never repeats a create whose answer was a server error", async () => {
    const a = await connect();
    await injectFault(emu, { platform: "medium", route: "post", kind: "server-error" });
    const e = await failure(provider.post(access(a), { text: "x" }, settings()));
    expect(e).toMatchObject({ kind: "retry", details: { mayHavePublished: true } });
    expect(stories()).toHaveLength(0);
  });

  it("refuses a post without a title before calling Medium", async () => {
    const a = await connect();
    const e = await failure(provider.post(access(a), { text: "x" }, {} as MediumSettings));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/needs a title/) });
  });
});

describe("medium publications", () => {
  it("offers the publications the account edits or writes for, marking the drafts-only ones, and not those it only follows", async () => {
    const a = await connect("pubwriter");
    const choices = await provider.settingsChoices(access(a), "publication");
    expect(choices).toEqual([
      { value: expect.stringMatching(/^[0-9a-f]{12}$/), label: "pubwriter's Notes" },
      { value: expect.stringMatching(/^[0-9a-f]{12}$/), label: "Emulated Weekly (drafts only)" },
    ]);
    expect(await provider.settingsChoices(access(a), "tags")).toEqual([]);
  });

  it("publishes in a publication the account edits, with the status asked for", async () => {
    const a = await connect();
    const [editor] = await provider.settingsChoices(access(a), "publication");
    const out = await provider.post(access(a), { text: "In the publication" }, settings({ publication: editor!.value }));
    expect(stories()[0]!.extra).toMatchObject({ publicationId: editor!.value, publishStatus: "public" });
    expect(out.warnings).toBeUndefined();
  });

  it("submits a writer's story as a draft, saying so", async () => {
    const a = await connect();
    const [, writer] = await provider.settingsChoices(access(a), "publication");
    const out = await provider.post(
      access(a),
      { text: "For the editors" },
      settings({ publication: writer!.value, publishStatus: "unlisted" }),
    );
    expect(stories()[0]!.extra).toMatchObject({ publicationId: writer!.value, publishStatus: "draft" });
    expect(out.warnings).toEqual([expect.stringMatching(/writers submit drafts only/)]);
  });

  it("refuses a publication the account does not write for before uploading anything", async () => {
    const a = await connect();
    const other = await connect();
    const [theirs] = await provider.settingsChoices(access(other), "publication");
    const e = await failure(
      provider.post(
        access(a),
        { text: "x", media: [image(png(2, 2), "image/png")] },
        settings({ publication: theirs!.value, publishStatus: "draft" }),
      ),
    );
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/not a writer or editor/) });
    expect([...emu.state.media.values()].filter((m) => m.accountId === a.id)).toHaveLength(0);
  });
});
