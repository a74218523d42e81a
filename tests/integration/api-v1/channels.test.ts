import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { GET as listChannels } from "@/app/api/v1/channels/route";
import { GET as getChannel } from "@/app/api/v1/channels/[id]/route";
import { POST as disableChannel } from "@/app/api/v1/channels/[id]/disable/route";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { makeKey, v1Call } from "../../helpers/api-v1";

// The channel routes of /api/v1: each channel with its platform's manifest; one organization's
// key never sees another's channels; disabling needs "write".
let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
let chA: string;
let chB: string;
let key: string;
let readKey: string;

beforeAll(async () => {
  emu = await useEmulator();
  [a, b] = await Promise.all([makeOwner("v1ch-a"), makeOwner("v1ch-b")]);
  chA = await connectEmulated(a, emu, "mastodon", `v1ch_a_${Date.now()}`);
  chB = await connectEmulated(b, emu, "x", `v1ch_b_${Date.now()}`);
  key = await makeKey(a);
  readKey = await makeKey(a, ["read"]);
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

describe("GET /api/v1/channels", () => {
  it("lists the key's organization's channels with their platform manifest", async () => {
    const res = await v1Call(listChannels, "/api/v1/channels", { key: readKey });
    expect(res.status).toBe(200);
    const data = res.body.data as { id: string; platform: { identifier: string; maxLength: number; settingsSchema: object } }[];
    expect(data.map((c) => c.id)).toEqual([chA]);
    expect(data[0]!.platform.identifier).toBe("mastodon");
    expect(data[0]!.platform.maxLength).toBeGreaterThan(0);
    expect(data[0]!.platform.settingsSchema).toHaveProperty("type", "object");
    expect(res.headers.get("RateLimit-Limit")).toBe("120");
    expect(Number(res.headers.get("RateLimit-Remaining"))).toBeLessThan(120);
    expect(Number(res.headers.get("RateLimit-Reset"))).toBeGreaterThan(0);
  });

  it("answers 404 for another organization's channel, as for a missing one", async () => {
    const theirs = await v1Call(getChannel, `/api/v1/channels/${chB}`, { key, params: { id: chB } });
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get("content-type")).toBe("application/problem+json");
    expect(theirs.body).toMatchObject({ type: "urn:postmill:problem:not-found", status: 404, instance: `/api/v1/channels/${chB}` });
    const mine = await v1Call(getChannel, `/api/v1/channels/${chA}`, { key, params: { id: chA } });
    expect(mine.status).toBe(200);
    expect(mine.body.id).toBe(chA);
  });

  it("disables a channel with a write key; a read key is 403 naming the scope", async () => {
    const refused = await v1Call(disableChannel, `/api/v1/channels/${chA}/disable`, { method: "POST", key: readKey, params: { id: chA } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('"write"');
    const res = await v1Call(disableChannel, `/api/v1/channels/${chA}/disable`, { method: "POST", key, params: { id: chA } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("disabled");
    const theirs = await v1Call(disableChannel, `/api/v1/channels/${chB}/disable`, { method: "POST", key, params: { id: chB } });
    expect(theirs.status).toBe(404);
  });
});
