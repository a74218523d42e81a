import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import type { Emulator } from "@/emulator/server";
import type { RecordedPost } from "@/emulator/state";
import { runCollection } from "@/lib/analytics/run";
import { choiceFieldsOf } from "@/lib/channels/choices";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { cancelPost, createPost } from "@/lib/posts/operations";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import type { PlatformManifest } from "@/providers/core/manifest";
import { allProviders } from "@/providers/registry";
import type { SocialProvider } from "@/providers/social.integrations.interface";
import { callRoute } from "../helpers/api-call";
import { connectEmulated, missingEmulatorParts, recipeOf } from "../helpers/channels";
import { injectFault, useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";
import { fileFor, serveConformanceFiles } from "../helpers/conformance-files";
import { connectRefused, refusal, requiredMediaFor, useRecipeEnv } from "../helpers/conformance-support";
import { ownDatabase, settled, waitFor } from "../helpers/publishing";

// One conformance suite over every registered platform (allProviders()): each is connected to the
// emulator through the app's own connect flows, and published through createPost and the real
// publishing engine, judged by what its manifest declares. A new platform is checked without its
// author writing a line here; one without an emulator platform or recipe fails with what to write.

// The API routes the suite calls see the suite's owner signed in.
const session = vi.hoisted(() => ({ ctx: null as ResolvedContext | null }));
vi.mock("@/lib/auth/current", () => ({ ACTIVE_ORG_COOKIE: "postmill-org", currentContext: async () => session.ctx }));

ownDatabase();
let emu: Emulator;
let worker: PublishingWorker;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let files: Awaited<ReturnType<typeof serveConformanceFiles>> | undefined;
let filesUrl = "";

beforeAll(async () => {
  emu = await useEmulator();
  owner = await makeOwner("conformance");
  session.ctx = await resolveOrgContext(owner.userId, owner.organizationId);
  files = await serveConformanceFiles();
  filesUrl = files.url;
  worker = await startPublishingWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await emu?.stop();
  files?.close();
});

let n = 0;
const unique = (id: string, what: string) => `${id} conformance: ${what} #${++n}`;

type Target = Awaited<ReturnType<typeof settled>>[number];
const resultsOf = (t: Target) => (t.results ?? []) as { id: string; url?: string }[];

const providers = allProviders();

describe("the suite itself", () => {
  it("fails a platform without an emulator platform or recipe, saying what to write", () => {
    expect(missingEmulatorParts("no-such-platform")).toBe(
      "no-such-platform: no emulator platform at emulator/platforms/no-such-platform/index.ts — write one from ../shared/platforms/no-such-platform.md; " +
        "no test recipe at emulator/platforms/no-such-platform/recipe.ts — export a ConformanceRecipe (emulator/kit/recipe.ts) saying how a user connects and which route creates a post",
    );
  });
});

describe.each(providers.map((p) => [p.identifier, p] as const))("%s", (id, provider: SocialProvider) => {
  const m = provider.manifest as PlatformManifest;
  if (m.availability?.status === "unavailable") {
    // Not offered on this server: nothing to publish through; its manifest is still checked
    // (tests/unit/manifests.test.ts), and connecting must be refused with the reason.
    it("0. is declared unavailable: connecting is refused with a 4xx giving the reason", () => connectRefused(owner, id, m));
    return;
  }
  const tag = id.replace(/[^a-z0-9]/gi, "_");
  useRecipeEnv(id, () => filesUrl);
  let recipe: ConformanceRecipe | undefined;
  let channel: string | undefined;
  const ready = () => {
    if (!recipe || !channel) throw new Error(`${id}: not connected to the emulator; see the failure of case 1 above`);
    return { recipe, channel };
  };
  const recorded = (text: string): RecordedPost[] => emu.state.posts.filter((p) => p.platform === id && p.text === text);
  const withRequiredMedia = requiredMediaFor(m, () => filesUrl);
  // Every post carries the recipe's settings: required ones where the platform has them.
  const postNow = (items: unknown[], channelId = ready().channel) =>
    createPost(owner, { mode: "now", targets: [{ channelId, items: withRequiredMedia(items), settings: ready().recipe.settings ?? {} }] });
  const publishOne = async (items: unknown[], channelId?: string) => {
    const [t] = await settled((await postNow(items, channelId)).id);
    return t!;
  };

  it(`1. has an emulator platform and a recipe, and connects in sandbox mode by its auth kind (${m.auth.kind})`, async () => {
    const missing = missingEmulatorParts(id);
    if (missing) throw new Error(missing);
    expect(
      emu.platforms.some((p) => p.id === id),
      `${id}: emulator/platforms/${id}/index.ts does not export a platform with id "${id}"`,
    ).toBe(true);
    const r = await recipeOf(id);
    const settings = m.settings.safeParse(r.settings ?? {});
    expect(
      settings.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [],
      `${id}: the recipe's settings (emulator/platforms/${id}/recipe.ts, sent with every post) are refused by its settings schema`,
    ).toEqual([]);
    const c = await connectEmulated(owner, emu, id, `conf_${tag}`);
    const row = await db.integration.findUniqueOrThrow({ where: { id: c } });
    expect(row).toMatchObject({ provider: id, status: "active" });
    expect(row.accessToken).toBeTruthy();
    recipe = r;
    channel = c;
  });

  it("2. publishes a post once, storing the platform's id and link", async () => {
    const text = unique(id, "a post");
    const t = await publishOne([{ text }]);
    expect(t.status, `${id}: ${t.errorMessage}`).toBe("published");
    expect(recorded(text)).toHaveLength(1);
    const [r] = resultsOf(t);
    if (m.returnsPostId === false) {
      // The platform gives no id back: the stored id is the app's own, never an empty one.
      expect(r!.id, `${id}: declares returnsPostId: false but stored no id of its own`).toMatch(/\S/);
      expect(m.analytics.post, `${id}: post analytics need the post's id, which the platform does not return`).toBe(false);
      expect(m.publishSafety, `${id}: a lost answer cannot be settled without the post's id`).toBe("unconfirmed");
    } else expect(r!.id).toBe(recorded(text)[0]!.id);
    expect(r!.url).toMatch(/^https?:\/\/.+/);
  });

  if (m.threads) {
    const threads = m.threads;
    it(`3. publishes a thread of ${threads.kind} in order, each linked to the one it follows`, async () => {
      const texts = [1, 2, 3].map((i) => unique(id, `thread part ${i}`));
      const t = await publishOne(texts.map((text) => ({ text })));
      expect(t.status, `${id}: ${t.errorMessage}`).toBe("published");
      const posts = texts.map((text) => recorded(text));
      for (const p of posts) expect(p).toHaveLength(1);
      const ids = posts.map((p) => p[0]!.id);
      expect(resultsOf(t).map((r) => r.id)).toEqual(ids);
      expect(posts[0]![0]!.replyTo).toBeUndefined();
      // Replies answer the item before; comments all answer the post they are under.
      for (const i of [1, 2]) expect(posts[i]![0]!.replyTo).toBe(threads.kind === "replies" ? ids[i - 1] : ids[0]);
      expect(posts[1]![0]!.receivedAt).toBeLessThanOrEqual(posts[2]![0]!.receivedAt);
    });
  } else {
    it("3. declares no threads: a second item is refused on save", async () => {
      const fields = await refusal(postNow([{ text: unique(id, "one") }, { text: unique(id, "two") }]));
      expect(fields["targets.0.items"]).toMatch(/does not support threads/);
    });
  }

  if (m.polls) {
    const polls = m.polls;
    it(`3. publishes a poll (${polls.minOptions}–${polls.maxOptions} options)`, async () => {
      const text = unique(id, "a poll");
      const d = polls.durationMinutes;
      const poll = {
        options: Array.from({ length: polls.minOptions }, (_x, i) => `Choice ${i + 1}`),
        durationMinutes: "choices" in d ? d.choices[0]! : d.min,
      };
      const t = await publishOne([{ text, poll }]);
      expect(t.status, `${id}: ${t.errorMessage}`).toBe("published");
      const [rec] = recorded(text);
      expect(recorded(text)).toHaveLength(1);
      expect(JSON.stringify(rec!.poll ?? rec!.extra?.poll ?? null), `${id}: the emulator recorded no poll`).toContain("Choice 1");
    });
  } else {
    it("3. declares no polls: a poll is refused on save", async () => {
      const poll = { options: ["a", "b"], durationMinutes: 60 };
      const fields = await refusal(postNow([{ text: unique(id, "poll"), poll }]));
      expect(fields["targets.0.items.0.poll"]).toMatch(/does not support polls/);
    });
  }

  for (const kind of ["image", "video", "gif"] as const) {
    const rule = m.media[kind];
    if (!rule) continue;
    const atLimit = Math.min(rule.maxCount, m.media.maxItems);
    const file = fileFor(kind, rule);
    it(`4. publishes ${atLimit} ${kind}(s), its count limit, and refuses ${atLimit + 1} on save naming the rule`, async () => {
      if (!file) throw new Error(`${id}: the suite has no ${kind} file of a type the manifest accepts (${rule.mimeTypes.join(", ")})`);
      const media = (count: number) => Array.from({ length: count }, (_x, i) => ({ url: `${filesUrl}/${file}`, alt: `item ${i + 1}` }));
      // A platform that needs a poster image beside a video (media.videoPoster) gets one.
      const poster = kind === "video" && m.media.videoPoster && m.media.image ? fileFor("image", m.media.image) : undefined;
      const withPoster = poster ? [{ url: `${filesUrl}/${poster}`, alt: "poster" }] : [];
      const text = unique(id, `${atLimit} ${kind}`);
      const t = await publishOne([{ text, media: [...media(atLimit), ...withPoster] }]);
      expect(t.status, `${id}: ${t.errorMessage}`).toBe("published");
      expect(recorded(text)).toHaveLength(1);
      // Files the platform shares in the post's thread (a kind's sharedInThread) are on its replies.
      const rec = recorded(text)[0]!;
      const inThread = rule.sharedInThread ? emu.state.posts.filter((p) => p.platform === id && p.replyTo === rec.id) : [];
      expect([...rec.media, ...inThread.flatMap((p) => p.media)]).toHaveLength(atLimit + withPoster.length);

      const fields = await refusal(postNow([{ text: unique(id, "too many"), media: media(atLimit + 1) }]));
      expect(fields["targets.0.items.0.media"]).toMatch(new RegExp(`at most ${atLimit}\\b`));
    });

    it(`4. refuses a ${kind} over ${rule.maxBytes} bytes on save naming the limit`, async () => {
      // A library file's size is known before anything is uploaded; the row alone is enough to be refused.
      const type = rule.mimeTypes[0]!;
      const big = await db.media.create({
        data: {
          organizationId: owner.organizationId,
          fileName: `too-big.${type.split("/")[1]}`,
          mimeType: type,
          size: rule.maxBytes + 1,
          path: "never-read",
        },
      });
      const fields = await refusal(postNow([{ text: unique(id, `big ${kind}`), media: [{ mediaId: big.id }] }]));
      expect(fields["targets.0.items.0.media.0"]).toMatch(
        new RegExp(`accepts ${kind}s up to ${(rule.maxBytes / 1_048_576).toFixed(1)} MB`),
      );
    });
  }

  const altMax = m.media.maxAltTextLength;
  if (altMax !== undefined && m.media.image) {
    it(`4. refuses alt text over ${altMax} characters on save naming the limit`, async () => {
      const fields = await refusal(
        postNow([{ text: unique(id, "alt"), media: [{ url: `${filesUrl}/pic.png`, alt: "a".repeat(altMax + 1) }] }]),
      );
      expect(fields["targets.0.items.0.media.0.alt"]).toMatch(new RegExp(`at most ${altMax}\\b`));
    });
  }

  if (m.oneTimeToken) {
    it("5. declares one-time tokens: the provider has no refresh (a refused token means reconnect, case 6)", () => {
      expect(provider.refreshToken, `${id}: declares oneTimeToken but implements refreshToken`).toBeUndefined();
    });
  } else {
    it("5. an expired token (401) is refreshed and the post publishes", async () => {
      expect(provider.refreshToken, `${id}: tokens are not one-time (oneTimeToken: false) but the provider has no refreshToken`).toBeTypeOf(
        "function",
      );
      const { channel: c } = ready();
      const before = await db.integration.findUniqueOrThrow({ where: { id: c } });
      expect(emu.state.expireTokens(id)).toBeGreaterThan(0);
      const text = unique(id, "after a refresh");
      const t = await publishOne([{ text }]);
      expect(t.status, `${id}: ${t.errorMessage}`).toBe("published");
      expect(recorded(text)).toHaveLength(1);
      const after = await db.integration.findUniqueOrThrow({ where: { id: c } });
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after.status).toBe("active");
    });
  }

  it("6. when access is revoked and cannot be renewed: the channel is flagged 'reconnect needed' once", async () => {
    ready();
    const gone = await connectEmulated(owner, emu, id, `conf_${tag}_gone`);
    const row = await db.integration.findUniqueOrThrow({ where: { id: gone } });
    const revoke = (await recipeOf(id)).revoke;
    if (revoke)
      await revoke(`${emu.url}/${id}`, row); // the platform's own way (a chat removed the bot)
    else {
      // The platform revokes the grant behind the stored token (JWT-shaped tokens carry it as their last part)...
      const stored = decryptSecret(row.accessToken!);
      const grantId = (emu.state.accessTokens.get(stored) ?? emu.state.accessTokens.get(stored.split(".").at(-1)!))?.grantId;
      const grant = grantId && emu.state.grants.get(grantId);
      expect(grant, `${id}: the stored access token is not one the emulator issued`).toBeTruthy();
      (grant as { revoked: boolean }).revoked = true;
    }
    // ...and a form-connected account's secrets (the manifest's password fields) stop working too.
    if (row.credentials && (m.auth.kind === "fields" || m.auth.kind === "bot")) {
      const creds = JSON.parse(decryptSecret(row.credentials)) as Record<string, string>;
      for (const f of m.auth.fields) if (f.type === "password" && creds[f.key]) creds[f.key] = `revoked-${creds[f.key]}`;
      await db.integration.update({ where: { id: gone }, data: { credentials: encryptSecret(JSON.stringify(creds)) } });
    }
    const since = new Date();
    const t = await publishOne([{ text: unique(id, "revoked") }], gone);
    expect(t.status).toBe("failed");
    expect(t.errorKind).toBe("disconnect");
    await postNow([{ text: unique(id, "revoked again") }], gone)
      .then(({ id: p }) => settled(p))
      .catch(() => undefined);
    expect((await db.integration.findUniqueOrThrow({ where: { id: gone } })).status).toBe("refresh_needed");
    const notes = await db.notification.findMany({
      where: { organizationId: owner.organizationId, kind: "channel.reconnect", createdAt: { gte: since } },
    });
    expect(notes).toHaveLength(1);
  });

  it("7. a 429 with the platform's reset time reschedules the post at the reset, not earlier", async () => {
    const { recipe: r } = ready();
    await injectFault(emu, { platform: id, route: r.routes.create, kind: "rate-limit", retryAfterSeconds: 600 });
    const text = unique(id, "rate limited");
    const started = Date.now();
    const { id: postId } = await postNow([{ text }]);
    const t = await waitFor(`${id}: the rate-limited post to be rescheduled`, async () => {
      const t = await db.postTarget.findFirstOrThrow({ where: { postId } });
      return (t.status !== "scheduled" || t.errorKind === "retry") && t.status !== "publishing" && t;
    });
    emu.state.faults = [];
    if (t.status === "scheduled") await cancelPost(owner, postId);
    expect(recorded(text), `${id}: published before the reset`).toHaveLength(0);
    if (t.status === "failed") {
      // A platform whose reset is fixed (LinkedIn's daily quota: midnight UTC) may put it past
      // the time a post may be late: then it fails saying so, rather than retrying early.
      expect(t.errorMessage).toMatch(/asked to wait \d+ more minutes, past the \d+ minutes a post may be late/);
      return;
    }
    expect(t.status, `${id}: ${t.errorMessage}`).toBe("scheduled");
    expect(t.dueAt!.getTime()).toBeGreaterThanOrEqual(started + 599_000);
  });

  it("8. a 5xx on the create call is retried without ever publishing twice", async () => {
    const { recipe: r } = ready();
    await injectFault(emu, { platform: id, route: r.routes.create, kind: "server-error" });
    const text = unique(id, "after a 5xx");
    const t = await publishOne([{ text }]);
    emu.state.faults = [];
    expect(["published", "unconfirmed"], `${id}: ${t.errorMessage}`).toContain(t.status);
    expect(recorded(text)).toHaveLength(t.status === "published" ? 1 : 0);
  });

  it(`8. a lost answer (timeout after the post was made) is never published twice (publishSafety: ${m.publishSafety})`, async () => {
    const { recipe: r } = ready();
    if (m.publishSafety === "reconcile")
      expect(provider.findPublished, `${id}: declares publishSafety "reconcile" but has no findPublished() to read posts back`).toBeTypeOf(
        "function",
      );
    await injectFault(emu, { platform: id, route: r.routes.create, kind: "timeout", processed: true, delayMs: 4000 });
    const text = unique(id, "lost answer");
    const t = await publishOne([{ text }]);
    emu.state.faults = [];
    expect(recorded(text), `${id}: the post was made ${recorded(text).length} times`).toHaveLength(1);
    if (m.publishSafety === "unconfirmed") {
      expect(t.status).toBe("unconfirmed");
    } else {
      // The first answer never came, yet the target has the one post's id: a repeat or a read-back
      // found it (idempotency-key: the repeat carried the same key; reconcile: the timeline was read).
      expect(t.status, `${id}: ${t.errorMessage}`).toBe("published");
      expect(resultsOf(t)[0]!.id).toBe(recorded(text)[0]!.id);
      if (m.publishSafety === "idempotency-key")
        expect(recorded(text)[0]!.idempotencyKey, `${id}: the emulator saw no idempotency key on the create call`).toBeTruthy();
    }
  });

  const empty = m.settings.safeParse({});
  if (!empty.success) {
    const required = [...new Set(empty.error.issues.map((i) => String(i.path[0] ?? "")))];
    it(`10. refuses a post without its required settings (${required.join(", ")}) with a 4xx naming each, and saves nothing`, async () => {
      const { channel: c } = ready();
      const text = unique(id, "without settings");
      const before = await db.post.count({ where: { organizationId: owner.organizationId } });
      const { POST } = await import("@/app/api/posts/route");
      const res = await callRoute(POST, "/api/posts", {
        method: "POST",
        body: { mode: "now", targets: [{ channelId: c, items: [{ text }], settings: {} }] },
      });
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const fields = (res.body.fields ?? {}) as Record<string, string>;
      for (const f of required) expect(fields[`targets.0.settings.${f}`], `${id}: ${JSON.stringify(fields)}`).toMatch(/ is required$/);
      expect(await db.post.count({ where: { organizationId: owner.organizationId } })).toBe(before);
      expect(recorded(text)).toHaveLength(0);
    });
  }

  const choiceFields = choiceFieldsOf(provider);
  if (choiceFields.length) {
    it(`11. lists the choices of ${choiceFields.join(", ")} from the connected channel`, async () => {
      const { channel: c } = ready();
      expect(provider.settingsChoices, `${id}: declares settings with choices: "channel" but has no settingsChoices()`).toBeTypeOf(
        "function",
      );
      const { GET } = await import("@/app/api/channels/[id]/choices/[field]/route");
      for (const field of choiceFields) {
        const res = await callRoute(GET, `/api/channels/${c}/choices/${field}`, { params: { id: c, field } });
        expect(res.status, `${id} ${field}: ${JSON.stringify(res.body)}`).toBe(200);
        expect((res.body.choices as unknown[]).length, `${id}: the emulator's account has no ${field} to choose from`).toBeGreaterThan(0);
      }
    });
  }

  if (m.analytics.account || m.analytics.post) {
    it(`9. collects analytics (account: ${m.analytics.account}, post: ${m.analytics.post}), tolerating a missing metric`, async () => {
      const { recipe: r, channel: c } = ready();
      const full = await runCollection(c);
      expect(full.kind, `${id}: ${"message" in full ? full.message : ""}`).toBe("done");
      const samples = async () =>
        (await db.metricSample.count({ where: { integrationId: c } })) + (await db.postMetricSample.count({ where: { integrationId: c } }));
      expect(await samples()).toBeGreaterThan(0);

      if (!r.routes.analytics) throw new Error(`${id}: its recipe names no analytics route (routes.analytics) to refuse`);
      await injectFault(emu, { platform: id, route: r.routes.analytics.route, kind: r.routes.analytics.fault, times: 20 });
      const partial = await runCollection(c);
      emu.state.faults = [];
      // Tolerated: what could be read is stored and the gap reported (a transient refusal is tried again later), never a failure.
      const why = `${id}: ${"message" in partial ? partial.message : ""}`;
      expect(["done", "partial", "retry"], why).toContain(partial.kind);
      if (partial.kind === "retry") expect(partial.result, `${why} (nothing kept from what could be read)`).toBeDefined();
      expect((await db.integration.findUniqueOrThrow({ where: { id: c } })).status).toBe("active");
    });
  } else {
    it("9. declares no analytics: the provider collects none", () => {
      expect(provider.analytics, `${id}: declares no account analytics but implements analytics()`).toBeUndefined();
      expect(provider.postAnalytics, `${id}: declares no post analytics but implements postAnalytics()`).toBeUndefined();
    });
  }
});
