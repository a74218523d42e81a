import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import emulatorModule from "@/emulator/platforms/whop";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import type { AuthResult, ChannelAccess, Page } from "@/providers/social.integrations.interface";
import { whopSession } from "@/providers/whop/whop.api";
import { FILE_READY, uploadAttachment } from "@/providers/whop/whop.files";
import { WhopProvider } from "@/providers/whop/whop.provider";
import { whopSettings } from "@/providers/whop/whop.settings";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";

// The Whop provider against its emulator (written from docs.whop.com): OAuth 2.1 with PKCE and a
// JSON token request, the forum pick, posts with their settings, attachments through the files
// flow, comments under the post, and post figures.

const REDIRECT_URI = "http://127.0.0.1:3000/api/integrations/whop/callback";
const PNG = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAEhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
);

const provider = new WhopProvider();
provider.sleep = async () => {};
let emu: Emulator;
let user: AuthResult;
let forums: Page[];
let channel: ChannelAccess;

const posts = () => emu.state.posts.filter((p) => p.platform === "whop");
const settings = (s: Record<string, unknown> = {}) => whopSettings.parse(s);
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("expected a ProviderError"),
    (e: unknown) => e as ProviderError,
  );

async function connect(username: string): Promise<AuthResult> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT_URI, state: "state-1", codeVerifier: "v".repeat(43) });
  const back = await authorizeInEmulator(emu, start.url, { username });
  const code = back.searchParams.get("code");
  if (!code) throw new Error(`authorization failed: ${back}`);
  return provider.authenticate({ code, codeVerifier: start.codeVerifier, redirectUri: REDIRECT_URI });
}

beforeAll(async () => {
  emu = await useEmulator([emulatorModule]);
  user = await connect("ada_whop");
  forums = await provider.pages({ id: "c", internalId: user.id, accessToken: user.accessToken });
  channel = { id: "ch", internalId: forums[1]!.id, accessToken: user.accessToken };
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

describe("Whop connect", () => {
  it("asks for the documented scopes, space-separated, with PKCE S256", async () => {
    const url = new URL((await provider.generateAuthUrl({ redirectUri: REDIRECT_URI, state: "s", codeVerifier: "v".repeat(43) })).url);
    expect(url.origin + url.pathname).toBe(`${emu.url}/whop/oauth/authorize`);
    expect(url.searchParams.get("scope")).toBe("openid profile company:basic:read forum:read forum:post:create");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  });

  it("reads the user from userinfo and asks for a forum pick", () => {
    expect(user).toMatchObject({ name: "ada whop", username: "ada_whop", needsPagePick: true });
    expect(user.refreshToken).toBeTruthy();
  });

  it("sends the token request as JSON and keeps the rotated refresh token", async () => {
    const spy = vi.spyOn(provider, "fetch");
    const next = await provider.refreshToken(user.refreshToken!);
    const [, init] = spy.mock.calls.find(([u]) => String(u).endsWith("/oauth/token"))!;
    spy.mockRestore();
    expect(new Headers(init?.headers).get("content-type")).toBe("application/json");
    expect(JSON.parse(String(init?.body))).toMatchObject({ grant_type: "refresh_token", client_id: "emulator-client" });
    expect(next.refreshToken).toBeTruthy();
    expect(next.refreshToken).not.toBe(user.refreshToken);
    // The old refresh token is spent: reusing it revokes the grant, which means signing in again.
    const e = await rejection(provider.refreshToken(user.refreshToken!));
    expect(e.kind).toBe("disconnect");
    user = await connect("ada_whop");
    channel = { ...channel, accessToken: user.accessToken };
  });

  it("lists the forums of the user's companies by their experience ids", () => {
    expect(forums.map((f) => f.name)).toEqual(["Announcements · ada whop Club", "Community · ada whop Club"]);
    for (const f of forums) expect(f.id).toMatch(/^exp_[0-9a-f]+$/);
  });

  it("checks a picked forum is still reachable, refusing another's or a malformed id", async () => {
    const access = { id: "c", internalId: user.id, accessToken: user.accessToken };
    await expect(provider.fetchPageInformation(access, forums[0]!.id)).resolves.toEqual(forums[0]);
    const other = await connect("someone_else");
    const theirs = (await provider.pages({ id: "o", internalId: other.id, accessToken: other.accessToken }))[0]!;
    expect((await rejection(provider.fetchPageInformation(access, theirs.id))).message).toMatch(/not among the forums/);
    expect((await rejection(provider.fetchPageInformation(access, "forum_1"))).message).toMatch(/not a Whop forum experience id/);
  });
});

describe("Whop publishing", () => {
  it("posts Markdown with its title, pin and visibility to the picked forum, never notifying everyone", async () => {
    const text = "## Weekly update\n\nWe shipped **three** things.";
    const out = await provider.post(channel, { text }, settings({ title: "Week 48", pinned: true, visibility: "members_only" }));
    const rec = posts().find((p) => p.id === out.id)!;
    expect(rec.text).toBe(text);
    expect(rec.extra).toMatchObject({
      experienceId: channel.internalId,
      title: "Week 48",
      pinned: true,
      isMention: false,
      visibility: "members_only",
    });
    expect(out.url).toBe(`https://whop.com/experiences/${channel.internalId}/${out.id}`);
  });

  it("leaves title and visibility out when unset", async () => {
    const out = await provider.post(channel, { text: "plain" }, settings());
    const rec = posts().find((p) => p.id === out.id)!;
    expect(rec.extra).not.toHaveProperty("title");
    expect(rec.extra).not.toHaveProperty("visibility");
    expect(rec.extra).toMatchObject({ pinned: false });
  });

  it("uploads images through the files flow before posting, warning that alt text is dropped", async () => {
    const out = await provider.post(
      channel,
      {
        text: "pictures",
        media: [
          { mimeType: "image/png", bytes: PNG, alt: "a dot" },
          { mimeType: "image/png", bytes: PNG },
        ],
      },
      settings(),
    );
    const rec = posts().find((p) => p.id === out.id)!;
    expect(rec.media).toHaveLength(2);
    for (const id of rec.media) expect(id).toMatch(/^file_/);
    expect(out.warnings?.[0]).toMatch(/no alt text/);
  });

  it("refuses an attachment it could not read, before anything is posted", async () => {
    const before = posts().length;
    const e = await rejection(provider.post(channel, { text: "x", media: [{ mimeType: "image/png", path: "gone.png" }] }, settings()));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/could not be read/);
    expect(posts()).toHaveLength(before);
  });

  it("puts every follow-up as a comment under the post", async () => {
    const root = await provider.post(channel, { text: "root" }, settings());
    const first = await provider.comment(channel, { text: "one" }, root, root, settings());
    const second = await provider.comment(channel, { text: "two" }, first, root, settings());
    expect(posts().find((p) => p.id === first.id)!.replyTo).toBe(root.id);
    expect(posts().find((p) => p.id === second.id)!.replyTo).toBe(root.id);
  });

  it("finds a post or comment whose answer was lost by reading the forum back", async () => {
    const since = new Date(Date.now() - 1000);
    const root = await provider.post(channel, { text: "lost answer" }, settings());
    const first = await provider.comment(channel, { text: "lost comment" }, root, root, settings());
    expect(await provider.findPublished(channel, { text: "lost answer" }, { since })).toMatchObject({
      id: root.id,
      ref: { root: root.id },
    });
    // A later comment's parent is the comment before it; the search is still under the post.
    expect(await provider.findPublished(channel, { text: "lost comment" }, { since, parent: first })).toMatchObject({ id: first.id });
    expect(await provider.findPublished(channel, { text: "never sent" }, { since })).toBeNull();
    expect(await provider.findPublished(channel, { text: "lost answer" }, { since: new Date(Date.now() + 60_000) })).toBeNull();
    expect(await provider.findPublished(channel, { text: "lost comment" }, { since })).toBeNull();
  });

  it("reads a post's views, likes and comments", async () => {
    const root = await provider.post(channel, { text: "counted" }, settings());
    await provider.comment(channel, { text: "c" }, root, root, settings());
    const figures = await provider.postAnalytics(channel, root.id);
    expect(Object.keys(figures).sort()).toEqual(["comments", "likes", "views"]);
    expect(figures.comments).toBe(1);
  });

  it("reports Whop's refusal of a forum the user cannot reach in Whop's words", async () => {
    const e = await rejection(provider.post({ ...channel, internalId: "exp_000000000000" }, { text: "x" }, settings()));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/Experience exp_000000000000 not found/);
  });
});

describe("Whop files and figures, answers the emulator does not give", () => {
  const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

  /** Stubs provider.fetch: the file request, the PUT, then `statuses` in turn for GET /files/{id}. */
  function stubFiles(statuses: string[]) {
    let looks = 0;
    return vi.spyOn(provider, "fetch").mockImplementation(async (url, init) => {
      const u = String(url);
      if (u.endsWith("/files") && init?.method === "POST")
        return answer({
          id: "file_1",
          upload_url: "https://uploads.example/file_1",
          upload_headers: { "x-sig": "abc" },
          upload_status: "pending",
        });
      if (u === "https://uploads.example/file_1") {
        expect(new Headers(init?.headers).get("x-sig")).toBe("abc");
        expect(new Headers(init?.headers).get("authorization")).toBeNull();
        return new Response("", { status: 200 });
      }
      if (u.endsWith("/files/file_1")) return answer({ id: "file_1", upload_status: statuses[Math.min(looks++, statuses.length - 1)] });
      throw new Error(`unexpected call ${u}`);
    });
  }

  it("waits while the file is processing, then attaches it", async () => {
    const spy = stubFiles(["pending", "processing", "ready"]);
    try {
      await expect(
        uploadAttachment(provider, whopSession(provider, "t"), { mimeType: "image/png", bytes: PNG }, 0, async () => {}),
      ).resolves.toBe("file_1");
    } finally {
      spy.mockRestore();
    }
  });

  it("refuses a file Whop failed to process, and retries later one still processing past the wait", async () => {
    let spy = stubFiles(["failed"]);
    try {
      const e = await rejection(
        uploadAttachment(provider, whopSession(provider, "t"), { mimeType: "image/png", bytes: PNG }, 0, async () => {}),
      );
      expect(e.kind).toBe("bad-body");
      expect(e.message).toMatch(/could not process attachment 1/);
    } finally {
      spy.mockRestore();
    }
    spy = stubFiles(["processing"]);
    const saved = FILE_READY.timeoutMs;
    FILE_READY.timeoutMs = 0;
    try {
      const e = await rejection(
        uploadAttachment(provider, whopSession(provider, "t"), { mimeType: "image/png", bytes: PNG }, 0, async () => {}),
      );
      expect(e.kind).toBe("retry");
      expect(e.message).toMatch(/still processing/);
    } finally {
      FILE_READY.timeoutMs = saved;
      spy.mockRestore();
    }
  });

  it("keeps only the figures Whop sent", async () => {
    const spy = vi.spyOn(provider, "fetch").mockResolvedValue(answer({ id: "post_1", like_count: 3, view_count: null }));
    try {
      expect(await provider.postAnalytics(channel, "post_1")).toEqual({ likes: 3 });
    } finally {
      spy.mockRestore();
    }
  });
});
