import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { SANDBOX_CLIENT } from "@/providers/core/hosts";
import { useEmulator } from "@/tests/helpers/emulator";
import xEmulator from "@/emulator/platforms/x";
import { XProvider } from "@/providers/x/x.provider";
import { connectX, PNG } from "@/tests/helpers/platforms/x";

// The X emulator refuses what X refuses, in X's documented shapes.

let emu: Emulator;
let token: string;
let accountId: string;
const api = (path: string) => `${emu.url}/x${path}`;
const tweet = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }, bearer = token) =>
  fetch(api("/2/tweets"), { method: "POST", headers: { authorization: `Bearer ${bearer}`, ...headers }, body: JSON.stringify(body) });
const messages = async (res: Response) => ((await res.json()) as { errors?: { message: string }[] }).errors?.map((e) => e.message) ?? [];

async function uploadPng(): Promise<string> {
  const form = new FormData();
  form.set("media_category", "tweet_image");
  form.set("media", new Blob([PNG]), "dot.png");
  const res = await fetch(api("/2/media/upload"), { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  return ((await res.json()) as { data: { id: string } }).data.id;
}

beforeAll(async () => {
  emu = await useEmulator([xEmulator]);
  const { auth } = await connectX(emu, new XProvider(), "contract_x");
  token = auth.accessToken;
  accountId = auth.id;
});
afterAll(async () => {
  await emu.stop();
});

describe("POST /2/tweets", () => {
  it("counts length the X way: 280 weighted passes, 281 is refused", async () => {
    const ok = await tweet({ text: `${"a".repeat(256)} https://example.com/${"x".repeat(80)}` });
    expect(ok.status).toBe(201);
    expect(ok.headers.get("x-rate-limit-limit")).toBe("100");
    expect(ok.headers.get("x-rate-limit-remaining")).toBe("99");
    const long = await tweet({ text: "日".repeat(141) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ title: "Bad Request", type: "about:blank", detail: expect.stringContaining("too long") });
  });

  it("needs a bearer token with tweet.write", async () => {
    const none = await fetch(api("/2/tweets"), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ title: "Unauthorized", detail: "Unauthorized", type: "about:blank", status: 401 });
    const readOnly = emu.state.issueTokens("x", accountId, SANDBOX_CLIENT.id, ["tweet.read", "users.read"], false).accessToken;
    const res = await tweet({ text: "read only" }, undefined, readOnly);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ detail: "You are not permitted to perform this action." });
  });

  it("needs JSON", async () => {
    const res = await tweet({ text: "form?" }, { "content-type": "text/plain" });
    expect(res.status).toBe(400);
    expect(await messages(res)).toEqual(["Content-Type must be application/json"]);
  });

  it("checks text, media and poll rules", async () => {
    const cases: [unknown, string][] = [
      [{}, "$.text: is required unless media is present"],
      [{ text: "hi", media: { media_ids: ["1", "2", "3", "4", "5"] } }, "maximum of 4 items"],
      [{ text: "hi", poll: { options: ["only one"], duration_minutes: 60 } }, "2 to 4 items"],
      [{ text: "hi", poll: { options: ["ok", "x".repeat(26)], duration_minutes: 60 } }, "$.poll.options[1]: must be 1 to 25 characters"],
      [{ text: "hi", poll: { options: ["a", "b"], duration_minutes: 4 } }, "5 to 10080"],
      [{ text: "hi", poll: { options: ["a", "b"], duration_minutes: 60 }, media: { media_ids: ["1"] } }, "mutually exclusive"],
      [{ text: "hi", reply_settings: "everyone" }, "$.reply_settings"],
      [{ text: "hi", mood: "happy" }, "$.mood: is not defined"],
    ];
    for (const [body, expected] of cases) {
      const res = await tweet(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await messages(res)).join(" | ")).toContain(expected);
    }
  });

  it("accepts only media this user uploaded", async () => {
    const unknown = await tweet({ text: "ghost media", media: { media_ids: ["123"] } });
    expect(await messages(unknown)).toEqual(["Your media IDs are invalid."]);
    const id = await uploadPng();
    expect((await tweet({ media: { media_ids: [id] } })).status).toBe(201);
  });

  it("refuses a reply to a post that does not exist", async () => {
    const res = await tweet({ text: "replying to nothing", reply: { in_reply_to_tweet_id: "42" } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ detail: "You attempted to reply to a Tweet that is deleted or not visible to you." });
  });

  it("refuses duplicate text from the same account", async () => {
    expect((await tweet({ text: "only once, please" })).status).toBe(201);
    const again = await tweet({ text: "only once, please" });
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({
      detail: "You are not allowed to create a Tweet with duplicate content.",
      type: "about:blank",
      title: "Forbidden",
      status: 403,
    });
  });
});

describe("GET /2/tweets/:id and /2/users/me", () => {
  it("finds a post, and answers a missing one with errors[] in a 200", async () => {
    const created = (await (await tweet({ text: "look me up" })).json()) as { data: { id: string } };
    const found = await fetch(api(`/2/tweets/${created.data.id}?tweet.fields=public_metrics`), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await found.json()).toMatchObject({ data: { id: created.data.id, text: "look me up", public_metrics: { reply_count: 0 } } });
    const missing = await fetch(api("/2/tweets/999"), { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(200);
    expect(await missing.json()).toMatchObject({
      errors: [{ resource_id: "999", type: "https://api.x.com/2/problems/resource-not-found" }],
    });
  });

  it("enforces 75 profile reads per 15 minutes with X's headers", async () => {
    const fresh = emu.state.issueTokens(
      "x",
      emu.state.account("x", "reader_x").id,
      SANDBOX_CLIENT.id,
      ["tweet.read", "users.read"],
      false,
    ).accessToken;
    const read = () => fetch(api("/2/users/me"), { headers: { authorization: `Bearer ${fresh}` } });
    for (let i = 0; i < 75; i++) expect((await read()).status).toBe(200);
    const limited = await read();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(Number(limited.headers.get("x-rate-limit-reset"))).toBeGreaterThan(Date.now() / 1000);
    expect(await limited.json()).toMatchObject({ title: "Too Many Requests" });
  });
});

describe("media upload", () => {
  const auth = () => ({ authorization: `Bearer ${token}` });

  it("sniffs the file: non-image bytes are refused", async () => {
    const form = new FormData();
    form.set("media_category", "tweet_image");
    form.set("media", new Blob([new Uint8Array([1, 2, 3, 4])]), "x.png");
    const res = await fetch(api("/2/media/upload"), { method: "POST", headers: auth(), body: form });
    expect(res.status).toBe(400);
    expect(await messages(res)).toEqual(["media type unrecognized."]);
  });

  it("needs media.write", async () => {
    const noMedia = emu.state.issueTokens(
      "x",
      accountId,
      SANDBOX_CLIENT.id,
      ["tweet.read", "tweet.write", "users.read"],
      false,
    ).accessToken;
    const res = await fetch(api("/2/media/upload/initialize"), {
      method: "POST",
      headers: { authorization: `Bearer ${noMedia}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(403);
  });

  it("checks initialize limits, segment indexes and the final size", async () => {
    const init = (b: unknown) =>
      fetch(api("/2/media/upload/initialize"), {
        method: "POST",
        headers: { ...auth(), "content-type": "application/json" },
        body: JSON.stringify(b),
      });
    expect(await messages(await init({ media_type: "video/mp4", total_bytes: 600 * 1024 * 1024, media_category: "tweet_video" }))).toEqual([
      expect.stringContaining("File size exceeds"),
    ]);
    expect(await messages(await init({ media_type: "text/plain", total_bytes: 10, media_category: "tweet_video" }))).toEqual([
      expect.stringContaining("not accepted"),
    ]);
    const started = (await (await init({ media_type: "video/mp4", total_bytes: 10, media_category: "tweet_video" })).json()) as {
      data: { id: string; media_key: string };
    };
    expect(started.data.media_key).toBe(`7_${started.data.id}`);
    const append = (segment: string) => {
      const form = new FormData();
      form.set("segment_index", segment);
      form.set("media", new Blob([new Uint8Array(4)]), "part");
      return fetch(api(`/2/media/upload/${started.data.id}/append`), { method: "POST", headers: auth(), body: form });
    };
    expect(await messages(await append("1000"))).toEqual(["segment_index must be an integer from 0 to 999"]);
    expect((await append("0")).status).toBe(200);
    const fin = await fetch(api(`/2/media/upload/${started.data.id}/finalize`), { method: "POST", headers: auth() });
    expect(await messages(fin)).toEqual(["Segments do not add up to provided total file size."]);
  });

  it("accepts the older command=INIT|APPEND|FINALIZE form and reports STATUS", async () => {
    const command = (fields: Record<string, string | Blob>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return fetch(api("/2/media/upload"), { method: "POST", headers: auth(), body: form }).then(
        (r) => r.json() as Promise<{ data: Record<string, unknown> }>,
      );
    };
    const init = await command({
      command: "INIT",
      media_type: "image/png",
      total_bytes: String(PNG.length),
      media_category: "tweet_image",
    });
    const id = String(init.data.id);
    await command({ command: "APPEND", media_id: id, segment_index: "0", media: new Blob([PNG]) });
    const fin = await command({ command: "FINALIZE", media_id: id });
    expect(fin.data).toMatchObject({ id, size: PNG.length });
    const status = await fetch(api(`/2/media/upload?command=STATUS&media_id=${id}`), { headers: auth() }).then((r) => r.json());
    expect(status).toMatchObject({ data: { id, processing_info: { state: "succeeded" } } });
  });
});

describe("token endpoint", () => {
  it("needs HTTP Basic client auth, in X's error dialect", async () => {
    const res = await fetch(api("/2/oauth2/token"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=refresh_token&refresh_token=x",
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "unauthorized_client" });
  });
});
