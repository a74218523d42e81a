import { afterEach, describe, expect, it, vi } from "vitest";
import { ProviderError } from "@/providers/core/errors";
import { describeProvider, getProvider } from "@/providers/registry";
import { SKOOL_UNAVAILABLE_REASON } from "@/providers/skool/skool.manifest";
import { SkoolProvider } from "@/providers/skool/skool.provider";
import type { ChannelAccess } from "@/providers/social.integrations.interface";

// Skool is listed but not offered: the Channels page gets the reason instead of a form, and the
// provider refuses to connect or post with that reason, without sending anything anywhere.

afterEach(() => vi.restoreAllMocks());

const channel = { accessToken: "cookie-jar", accountId: "u1", username: "someone" } as unknown as ChannelAccess;

describe("skool", () => {
  it("is registered as unavailable, with a reason a user can read", () => {
    const p = getProvider("skool")!;
    expect(p.manifest.availability).toEqual({ status: "unavailable", reason: SKOOL_UNAVAILABLE_REASON });
    expect(SKOOL_UNAVAILABLE_REASON).toMatch(/no public API/);
    expect(SKOOL_UNAVAILABLE_REASON).toMatch(/cookies/);
    // The browser gets the reason too (the connect card shows it instead of the Connect button).
    expect(describeProvider(p as never).availability?.reason).toBe(SKOOL_UNAVAILABLE_REASON);
  });

  it("refuses to connect and to post with the reason, calling nothing", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const p = new SkoolProvider();
    for (const attempt of [
      p.connectWithFields({ session: "auth_token=x; client_id=y" }),
      p.post(channel, { text: "hi", media: [] } as never, {}),
    ]) {
      const e = await attempt.then(
        () => expect.unreachable("accepted"),
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(ProviderError);
      expect((e as ProviderError).kind).toBe("bad-body");
      expect((e as ProviderError).message).toContain(SKOOL_UNAVAILABLE_REASON);
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("declares no host to call and no media", () => {
    const m = new SkoolProvider().manifest;
    expect(m.env.hosts).toEqual([]);
    expect(m.media.maxItems).toBe(0);
  });
});
