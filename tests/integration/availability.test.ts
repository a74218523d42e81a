import { afterEach, describe, expect, it, vi } from "vitest";
import { connectWithFields, startConnect } from "@/lib/channels/connect";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PlatformAvailability, SocialProvider } from "@/providers/social.integrations.interface";
import { makeOwner } from "../helpers/factories";

// A manifest's `availability`: an "unavailable" platform cannot be connected through the API, by
// sign-in or form, with the reason in the refusal; a "limited" one connects as usual. The real
// Bluesky (form) and X (sign-in) providers stand in, their manifests given an availability here.

const declared = vi.hoisted(() => ({ availability: undefined as PlatformAvailability | undefined }));
vi.mock("@/providers/registry", async (orig) => {
  const real = await orig<typeof import("@/providers/registry")>();
  const withAvailability = (p: SocialProvider): SocialProvider =>
    Object.create(p, { manifest: { get: () => ({ ...p.manifest, availability: declared.availability }) } }) as SocialProvider;
  return { ...real, getProvider: (id: string) => (real.getProvider(id) ? withAvailability(real.getProvider(id)!) : undefined) };
});

const REASON = "Acme closed its API to new applications in 2026; existing channels keep publishing.";
const sandbox = process.env.PROVIDER_SANDBOX_URL;
afterEach(() => {
  declared.availability = undefined;
  if (sandbox === undefined) delete process.env.PROVIDER_SANDBOX_URL;
  else process.env.PROVIDER_SANDBOX_URL = sandbox;
});

async function refusal(p: Promise<unknown>): Promise<AppError> {
  return p.then(
    () => expect.unreachable("connecting an unavailable platform was accepted"),
    (e: unknown) => e as AppError,
  );
}

describe("a platform's availability", () => {
  it("unavailable: connecting by form or by sign-in is refused with a 4xx giving the reason, and nothing is saved", async () => {
    const owner = await makeOwner("unavailable");
    declared.availability = { status: "unavailable", reason: REASON };
    const form = await refusal(connectWithFields(owner, "bluesky", { identifier: "a.bsky.social", password: "app-pass-word" }));
    expect(form).toBeInstanceOf(AppError);
    expect(form.status).toBe(400);
    expect(form.message).toBe(`Bluesky cannot be connected: ${REASON}`);
    const signIn = await refusal(startConnect(owner, "x", "http://127.0.0.1:5555"));
    expect(signIn.status).toBe(400);
    expect(signIn.message).toBe(`X cannot be connected: ${REASON}`);
    expect(await owner.db.integration.count()).toBe(0);
    expect(await db.oAuthState.count({ where: { userId: owner.userId } })).toBe(0);
  });

  it("limited: connecting goes ahead (the sign-in link is made)", async () => {
    const owner = await makeOwner("limited");
    declared.availability = { status: "limited", reason: REASON };
    // Sandbox mode supplies X's client credentials; making the link sends nothing anywhere.
    process.env.PROVIDER_SANDBOX_URL = "http://127.0.0.1:9";
    const url = new URL(await startConnect(owner, "x", "http://127.0.0.1:5555"));
    expect(url.searchParams.get("redirect_uri")).toBe("http://127.0.0.1:5555/api/integrations/x/callback");
    expect(await db.oAuthState.count({ where: { userId: owner.userId } })).toBe(1);
  });
});
