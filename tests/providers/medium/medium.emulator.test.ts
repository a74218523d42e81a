import { afterAll, beforeAll, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/medium";
import { readContent } from "@/emulator/platforms/medium/content";
import { integrationToken, usernameOf } from "@/emulator/platforms/medium/tokens";
import type { Emulator } from "@/emulator/server";
import { useEmulator } from "@/tests/helpers/emulator";

// The Medium emulator answers as Medium's README says, so the provider's mistakes show: required
// fields (400), the author in the path (403), a publication's writers limited to drafts (403), the
// error envelope, and tags kept the way Medium keeps them.

let emu: Emulator;
let base = "";
const token = integrationToken("emu.reader");
const call = async (path: string, init: RequestInit = {}, bearer: string | null = token) => {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...init.headers },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const post = (path: string, body: unknown) => call(path, { method: "POST", body: JSON.stringify(body) });
const story = { title: "T", contentFormat: "markdown", content: "# T\n\nBody" };

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  base = `${emu.url}/medium`;
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

describe("the Medium emulator", () => {
  it("makes tokens that name their user and refuses altered ones", () => {
    expect(token).toMatch(/^[0-9a-f]+$/);
    expect(usernameOf(token)).toBe("emu.reader");
    expect(usernameOf(`${token.slice(0, -1)}${token.endsWith("0") ? "1" : "0"}`)).toBeUndefined();
    expect(usernameOf("181d415f34379af07b2c11d144dfbe35d")).toBeUndefined();
  });

  it("answers 401 in Medium's envelope without a token or with a wrong one", async () => {
    expect(await call("/v1/me", {}, null)).toEqual({
      status: 401,
      body: { errors: [{ message: "An access token is required.", code: 6000 }] },
    });
    expect(await call("/v1/me", {}, "abc")).toEqual({ status: 401, body: { errors: [{ message: "Token was invalid.", code: 6003 }] } });
  });

  it("refuses a post without title, contentFormat or content (400), or under another author (403)", async () => {
    const { body: me } = await call("/v1/me");
    const id = (me.data as { id: string }).id;
    for (const missing of ["title", "contentFormat", "content"]) {
      const res = await post(`/v1/users/${id}/posts`, { ...story, [missing]: undefined });
      expect(res.status).toBe(400);
      expect((res.body.errors as { message: string }[])[0]!.message).toContain(missing);
    }
    expect((await post(`/v1/users/${id}/posts`, { ...story, contentFormat: "rtf" })).status).toBe(400);
    expect((await post("/v1/users/5303d74c64f66366f00cb9b2a94f3251bf5/posts", story)).status).toBe(403);
  });

  it("keeps the first three tags and ignores ones over 25 characters, answering 201 in a data envelope", async () => {
    const { body: me } = await call("/v1/me");
    const id = (me.data as { id: string }).id;
    const res = await post(`/v1/users/${id}/posts`, { ...story, tags: ["a", "x".repeat(26), "b", "c"], publishStatus: "draft" });
    expect(res.status).toBe(201);
    const data = res.body.data as Record<string, unknown>;
    expect(data).toMatchObject({ title: "T", authorId: id, tags: ["a", "b"], publishStatus: "draft", license: "all-rights-reserved" });
    expect(data.publishedAt).toBeUndefined();
    expect(emu.state.posts.at(-1)).toMatchObject({ text: "Body", media: [] });
  });

  it("lets a publication's writers create drafts only, and others nothing", async () => {
    const { body: me } = await call("/v1/me");
    const id = (me.data as { id: string }).id;
    const pubs = (await call(`/v1/users/${id}/publications`)).body.data as { id: string; name: string }[];
    expect(pubs).toHaveLength(3);
    const roles = await Promise.all(
      pubs.map(
        async (p) =>
          ((await call(`/v1/publications/${p.id}/contributors`)).body.data as { userId: string; role: string }[]).find(
            (c) => c.userId === id,
          )?.role,
      ),
    );
    expect(roles).toEqual(["editor", "writer", undefined]);
    const [editor, writer, followed] = pubs;
    expect((await post(`/v1/publications/${editor!.id}/posts`, story)).status).toBe(201);
    expect((await post(`/v1/publications/${writer!.id}/posts`, story)).status).toBe(403);
    const draft = await post(`/v1/publications/${writer!.id}/posts`, { ...story, publishStatus: "draft" });
    expect(draft).toMatchObject({ status: 201, body: { data: { publicationId: writer!.id, publishStatus: "draft" } } });
    expect((await post(`/v1/publications/${followed!.id}/posts`, { ...story, publishStatus: "draft" })).status).toBe(403);
    expect((await call(`/v1/users/${"0".repeat(20)}/publications`)).status).toBe(403);
  });

  it("takes one image per request in the field named image, of the README's types", async () => {
    const form = (field: string, type: string) => {
      const f = new FormData();
      f.set(field, new Blob([new Uint8Array([1, 2, 3])], { type }), "x");
      return f;
    };
    const upload = async (body: FormData) => {
      const res = await fetch(`${base}/v1/images`, { method: "POST", body, headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as { data?: { url: string; md5: string } } };
    };
    const ok = await upload(form("image", "image/tiff"));
    expect(ok.status).toBe(201);
    expect(ok.body.data).toEqual({
      url: expect.stringMatching(/\/medium\/images\/0\*\d+\.tiff$/),
      md5: "5289df737df57326fcdd22597afb1fac",
    });
    expect((await upload(form("file", "image/png"))).status).toBe(400);
    expect((await upload(form("image", "image/webp"))).status).toBe(400);
    const two = form("image", "image/png");
    two.append("image", new Blob([new Uint8Array([4])], { type: "image/png" }), "y");
    expect((await upload(two)).status).toBe(400);
  });
});

describe("the Medium emulator's reading of a story", () => {
  it("records an HTML story's text without the heading that repeats its title, and its images", () => {
    const html =
      '<h1>T</h1><p>Hello <b>you</b> &amp; me</p><img src="http://x/medium/images/0*12.png"><p>Bye</p><img src="https://e.x/a.png">';
    expect(readContent("html", html, "T")).toEqual({ text: "Hello you & me\nBye", media: ["12", "https://e.x/a.png"] });
    expect(readContent("html", "<h1>Other</h1><p>x</p>", "T").text).toBe("Other\nx");
  });

  it("records a Markdown story's text without the title heading and the image-only paragraphs", () => {
    const md =
      "# T\n\n![a](http://x/medium/images/0*7.png)\n\nOne ![inline](https://e.x/i.png) two\n\nThree\n\n![](http://x/medium/images/0*8.gif)";
    expect(readContent("markdown", md, "T")).toEqual({
      text: "One ![inline](https://e.x/i.png) two\n\nThree",
      media: ["7", "8", "https://e.x/i.png"],
    });
    expect(readContent("markdown", "# Not the title\n\nx", "T").text).toBe("# Not the title\n\nx");
  });
});
