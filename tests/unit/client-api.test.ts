import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "@/lib/client/api";

const reply = (status: number, body: string) =>
  vi.fn(async (_url: string, _init?: RequestInit) => new Response(body, { status, headers: { "content-type": "application/json" } }));

afterEach(() => vi.unstubAllGlobals());

describe("browser api()", () => {
  it("sends JSON and returns the parsed body", async () => {
    const fetch = reply(200, JSON.stringify({ post: { id: "p1" } }));
    vi.stubGlobal("fetch", fetch);
    await expect(api<{ post: { id: string } }>("/api/posts", { method: "POST", body: "{}", headers: { "x-extra": "1" } })).resolves.toEqual(
      { post: { id: "p1" } },
    );
    expect(fetch.mock.calls[0]![1]!.headers).toEqual({ "content-type": "application/json", "x-extra": "1" });
  });

  it("throws the server's message and field errors on a 4xx", async () => {
    vi.stubGlobal("fetch", reply(400, JSON.stringify({ error: "Invalid input", fields: { "targets.0.text": "Too long", bad: 3 } })));
    const err = await api("/api/posts").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ message: "Invalid input", status: 400, fields: { "targets.0.text": "Too long" } });
  });

  it("names the status when the server sends no message", async () => {
    vi.stubGlobal("fetch", reply(502, "<html>bad gateway</html>"));
    const err = await api("/api/media").catch((e: unknown) => e);
    expect(err).toMatchObject({ message: "Request failed (HTTP 502)", status: 502, fields: undefined });
  });
});
