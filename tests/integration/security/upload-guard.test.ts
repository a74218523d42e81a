import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OrgContext } from "@/lib/orgs/context";
import { makeOwner } from "../../helpers/factories";
import * as bytes from "../../helpers/media-bytes";

// The upload route takes the raw file as its body, so it cannot require JSON and the proxy does not
// see it: it checks the request's origin itself, and counts uploads per user.
const session = vi.hoisted(() => ({ ctx: null as OrgContext | null }));
vi.mock("@/lib/auth/current", () => ({ currentContext: async () => session.ctx }));
process.env.RATE_LIMIT_UPLOAD_USER = "3/600";
const { POST: upload } = await import("@/app/api/media/route");

let dataDir: string;
const params = { params: Promise.resolve({}) };
const post = (headers: Record<string, string> = {}) => {
  const data = Buffer.from(bytes.png(2, 2));
  return upload(
    new NextRequest("http://127.0.0.1:3000/api/media", {
      method: "POST",
      body: data,
      headers: {
        host: "127.0.0.1:3000",
        "x-file-name": "a.png",
        "content-type": "image/png",
        "content-length": String(data.length),
        ...headers,
      },
    }),
    params,
  );
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-upload-guard-"));
  process.env.DATA_DIR = dataDir;
  session.ctx = await makeOwner("upload-guard");
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("upload route guards", () => {
  it("refuses an upload posted from another origin", async () => {
    const res = await post({ origin: "http://127.0.0.1:4000" });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toContain("http://127.0.0.1:4000");
    expect((await post({ "sec-fetch-site": "cross-site" })).status).toBe(403);
  });

  it("accepts uploads from the app's own pages, then answers 429 with Retry-After past the limit", async () => {
    for (let i = 0; i < 3; i++) expect((await post({ origin: "http://127.0.0.1:3000" })).status).toBe(201);
    const limited = await post({ origin: "http://127.0.0.1:3000" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatch(/^Too many uploads; try again in/);
  });
});
