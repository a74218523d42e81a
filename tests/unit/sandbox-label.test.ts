import { afterEach, describe, expect, it } from "vitest";
import { channelAddress, channelDetail, channelLabel } from "@/lib/channels/label";
import { onSandbox } from "@/lib/channels/sandbox";

// In sandbox mode every platform is the emulator: a Mastodon channel connected "on mastodon.social"
// never talked to mastodon.social, so it is named after the emulator, not that server. A server the
// user named that really is talked to (a Bluesky PDS, a WordPress site) keeps its name.

const saved = { sandbox: process.env.PROVIDER_SANDBOX_URL, instance: process.env.MASTODON_INSTANCE_URL };
afterEach(() => {
  for (const [k, v] of [
    ["PROVIDER_SANDBOX_URL", saved.sandbox],
    ["MASTODON_INSTANCE_URL", saved.instance],
  ] as const)
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

describe("sandbox channel labels", () => {
  const toot = { name: "Acme", providerName: "Mastodon", username: "acme", instanceUrl: "https://mastodon.social" };

  it("names a sandbox channel after the emulator, in every form", () => {
    const sandboxed = { ...toot, sandbox: true };
    expect(channelDetail(sandboxed)).toBe("@acme · Sandbox · Mastodon emulator");
    expect(channelLabel(sandboxed)).toBe("Acme (Mastodon, @acme · Sandbox · Mastodon emulator)");
    expect(channelAddress(sandboxed)).toBe("@acme");
    // A one-host platform never showed a server: its label is the same in the sandbox.
    expect(channelLabel({ name: "Brand", providerName: "X", username: "brand", sandbox: true })).toBe("Brand (X, @brand)");
    // Outside the sandbox the server shows as before.
    expect(channelLabel(toot)).toBe("Acme (Mastodon, @acme on mastodon.social)");
  });

  it("decides per channel which ones live on the emulator", () => {
    delete process.env.PROVIDER_SANDBOX_URL;
    delete process.env.MASTODON_INSTANCE_URL;
    expect(onSandbox({ provider: "mastodon", instanceUrl: "https://mastodon.social" })).toBe(false);
    expect(onSandbox({ provider: "x" })).toBe(false);

    process.env.PROVIDER_SANDBOX_URL = "http://127.0.0.1:4400/";
    // Mastodon's server is pinned to the emulator whatever was typed.
    expect(onSandbox({ provider: "mastodon", instanceUrl: "https://mastodon.social" })).toBe(true);
    // A one-host platform, and a channel whose stored server is the emulator's.
    expect(onSandbox({ provider: "x", instanceUrl: null })).toBe(true);
    expect(onSandbox({ provider: "bluesky", instanceUrl: "http://127.0.0.1:4400/bluesky" })).toBe(true);
    // A PDS or a site the user named is really talked to.
    expect(onSandbox({ provider: "bluesky", instanceUrl: "http://127.0.0.1:2583" })).toBe(false);
    expect(onSandbox({ provider: "wordpress", instanceUrl: "http://127.0.0.1:8080/blog" })).toBe(false);
    expect(onSandbox({ provider: "no-such-platform" })).toBe(false);
    // An operator override points Mastodon elsewhere: not the emulator.
    process.env.MASTODON_INSTANCE_URL = "https://social.example";
    expect(onSandbox({ provider: "mastodon", instanceUrl: "https://social.example" })).toBe(false);
  });
});
