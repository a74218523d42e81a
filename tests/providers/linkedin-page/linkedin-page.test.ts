import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator, injectFault, useEmulator } from "@/tests/helpers/emulator";
import { MissingScopesError, ProviderError } from "@/providers/core/errors";
import { channelFor, connect, png, rawRest, REDIRECT_URI, refreshingCtx } from "@/tests/helpers/platforms/linkedin";
import type { AuthResult, ChannelAccess, Page } from "@/providers/social.integrations.interface";
import emulatorModule from "@/emulator/platforms/linkedin-page";
import { OUTSIDER_ORG } from "@/emulator/platforms/linkedin-page/orgs";
import { LinkedInPageProvider } from "@/providers/linkedin-page/linkedin-page.provider";
import { linkedinPageSettings } from "@/providers/linkedin-page/linkedin-page.settings";

const provider = new LinkedInPageProvider();
provider.timing = { processingWaitsMs: [0], video: { attempts: 3, intervalMs: 0 } };
const settings = { visibility: "PUBLIC" as const };
let emu: Emulator;
let member: AuthResult;
let pages: Page[];
let channel: ChannelAccess;

const posts = () => emu.state.posts.filter((p) => p.platform === "linkedin-page");
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("expected a ProviderError"),
    (e: unknown) => e as ProviderError,
  );
let n = 0;
const unique = (text: string) => `${text} #${++n}`;

beforeAll(async () => {
  emu = await useEmulator([emulatorModule]);
  member = await connect(emu, provider, { username: "grace_hopper" });
  pages = await provider.pages(channelFor(member));
  channel = channelFor(member, pages[0]!.id);
});
afterAll(() => emu.stop());

describe("LinkedIn Page connect", () => {
  it("asks for the organization scopes at the page emulator's authorize URL", async () => {
    const url = new URL((await provider.generateAuthUrl({ redirectUri: REDIRECT_URI, state: "s", codeVerifier: "v".repeat(43) })).url);
    expect(url.origin + url.pathname).toBe(`${emu.url}/linkedin-page/oauth/v2/authorization`);
    expect(url.searchParams.get("scope")).toBe(
      "openid profile w_member_social r_basicprofile rw_organization_admin w_organization_social r_organization_social",
    );
  });

  it("returns the member and asks for a page pick", () => {
    expect(member).toMatchObject({ name: "grace hopper", needsPagePick: true, expiresIn: 5_184_000 });
    expect(member.id).toBe(emu.state.getAccount("linkedin-page", member.id)!.id);
  });

  it("lists the two organizations the member administers, with vanity names and logos", () => {
    expect(pages).toHaveLength(2);
    expect(pages.map((p) => [p.name, p.username])).toEqual([
      ["grace hopper Studio", "grace-hopper-studio"],
      ["grace hopper Labs", "grace-hopper-labs"],
    ]);
    for (const p of pages) {
      expect(p.id).toMatch(/^\d+$/);
      expect(p.picture).toMatch(/^http.*logo-\d+\.png$/);
    }
  });

  it("fetches a picked page's information", async () => {
    expect(await provider.fetchPageInformation(channelFor(member), pages[1]!.id)).toEqual(pages[1]);
  });

  it("refuses to pick an organization the member does not administer", async () => {
    expect((await rejection(provider.fetchPageInformation(channelFor(member), OUTSIDER_ORG.id))).kind).toBe("bad-body");
  });

  it("comes back with error=access_denied when the member denies", async () => {
    const start = await provider.generateAuthUrl({ redirectUri: REDIRECT_URI, state: "s2", codeVerifier: "v".repeat(43) });
    expect((await authorizeInEmulator(emu, start.url, { deny: true })).searchParams.get("error")).toBe("access_denied");
  });

  it("refuses a grant without w_organization_social", async () => {
    await expect(connect(emu, provider, { dropScopes: ["w_organization_social"] })).rejects.toBeInstanceOf(MissingScopesError);
  });

  it("only allows PUBLIC visibility", () => {
    expect(linkedinPageSettings.parse({})).toEqual({ visibility: "PUBLIC" });
    expect(linkedinPageSettings.safeParse({ visibility: "CONNECTIONS" }).error?.issues[0]?.message).toMatch(/^visibility must be PUBLIC/);
  });
});

describe("LinkedIn Page publishing", () => {
  const org = () => `urn:li:organization:${pages[0]!.id}`;

  it("posts text as the organization", async () => {
    const text = unique("Hiring: engineers (remote) #jobs");
    const res = await provider.post(channel, { text }, settings);
    expect(posts().at(-1)).toMatchObject({ id: res.id, text, accountId: member.id, extra: { author: org(), visibility: "PUBLIC" } });
    expect(res.url).toBe(`https://www.linkedin.com/feed/update/${res.id}`);
  });

  it("uploads images owned by the organization, one and several", async () => {
    await provider.post(channel, { text: unique("Logo"), media: [png("logo")] }, settings);
    expect(posts().at(-1)!.media).toHaveLength(1);
    await provider.post(channel, { text: unique("Gallery"), media: [png(), png()] }, settings);
    expect(posts().at(-1)!.media).toHaveLength(2);
  });

  it("posts a poll", async () => {
    await provider.post(channel, { text: unique("Vote"), poll: { options: ["Yes", "No"], durationMinutes: 10080 } }, settings);
    expect(posts().at(-1)!.poll).toMatchObject({ settings: { duration: "SEVEN_DAYS" } });
  });

  it("publishes a post and two comments as the organization, both on the root", async () => {
    const root = await provider.post(channel, { text: unique("Root") }, settings);
    const c1 = await provider.comment(channel, { text: "More below" }, root, root, settings);
    await provider.comment(channel, { text: "And the end" }, c1, root, settings);
    const [r, a, b] = posts().slice(-3);
    expect([r!.id, a!.replyTo, b!.replyTo]).toEqual([root.id, root.id, root.id]);
    expect([a!.extra!.actor, b!.extra!.actor]).toEqual([org(), org()]);
    expect([a!.text, b!.text]).toEqual(["More below", "And the end"]);
  });

  it("turns a post to an organization the member no longer administers into disconnect", async () => {
    const e = await rejection(provider.post(channelFor(member, OUTSIDER_ORG.id), { text: unique("not mine") }, settings));
    expect([e.kind, e.details.status]).toEqual(["disconnect", 403]);
  });

  it("emulator answers 426 NONEXISTENT_VERSION to a retired version", async () => {
    const res = await rawRest(emu, "linkedin-page", "/rest/posts", member.accessToken, {}, { "linkedin-version": "202212" });
    expect(res.status).toBe(426);
    expect((await res.json()).code).toBe("NONEXISTENT_VERSION");
  });
});

describe("LinkedIn Page faults", () => {
  it("refreshes once on an expired token", async () => {
    const ctx = refreshingCtx(provider, member);
    await injectFault(emu, { platform: "linkedin-page", route: "post", kind: "expired-token" });
    await provider.post(channel, { text: unique("after refresh") }, settings, ctx);
    expect(ctx.refreshes).toBe(1);
  });

  it("classifies the other faults", async () => {
    const cases = [
      ["missing-scope", "bad-body"],
      ["rate-limit", "retry"],
      ["server-error", "retry"],
      ["duplicate", "bad-body"],
    ] as const;
    for (const [kind, expected] of cases) {
      await injectFault(emu, { platform: "linkedin-page", route: "post", kind, retryAfterSeconds: 0 });
      expect((await rejection(provider.post(channel, { text: unique(kind) }, settings))).kind, kind).toBe(expected);
    }
  });

  it("retries the page listing through a 500 (a read is safe to repeat)", async () => {
    await injectFault(emu, { platform: "linkedin-page", route: "pages", kind: "server-error" });
    expect(await provider.pages(channel)).toHaveLength(2);
  });
});
