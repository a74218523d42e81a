import dns from "node:dns";
import { lookup } from "node:dns/promises";
import { describe, expect, it } from "vitest";

// The suite's resolver (tests/setup/offline-dns.ts): no name leaves the machine, whichever way the
// code under test asks.
describe("tests resolve names offline", () => {
  it("answers localhost and IP literals, and says any other name does not exist", async () => {
    expect(await lookup("localhost")).toEqual({ address: "127.0.0.1", family: 4 });
    expect(await lookup("127.0.0.1", { all: true })).toEqual([{ address: "127.0.0.1", family: 4 }]);
    await expect(lookup("bsky.social")).rejects.toMatchObject({ code: "ENOTFOUND" });
    await expect(dns.promises.lookup("mastodon.example")).rejects.toMatchObject({ code: "ENOTFOUND" });
    const viaCallback = await new Promise((resolve) => dns.lookup("api.x.com", { all: true }, (e) => resolve(e?.code)));
    expect(viaCallback).toBe("ENOTFOUND");
  });
});
