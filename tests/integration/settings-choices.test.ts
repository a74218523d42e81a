import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { ManifestProvider } from "@/providers/core/manifest-provider";
import { mastodonManifest } from "@/providers/mastodon/mastodon.manifest";
import type { ChannelAccess, PublishContext, SettingsChoice, SocialProvider } from "@/providers/social.integrations.interface";
import { callRoute } from "../helpers/api-call";
import { makeOwner } from "../helpers/factories";

// GET /api/channels/:id/choices/:field through a platform registered only here ("choicy"): its
// categories and tags are read from a small local server through the provider's guarded fetch,
// so the route's scoping, the token refresh on a 401 and every refusal are the real code paths.
// No registered platform declares choices yet; the conformance suite checks those that will.

const session = vi.hoisted(() => ({ ctx: null as ResolvedContext | null }));
vi.mock("@/lib/auth/current", () => ({ ACTIVE_ORG_COOKIE: "postmill-org", currentContext: async () => session.ctx }));
const fake = vi.hoisted(() => ({ provider: null as unknown }));
vi.mock("@/providers/registry", async (orig) => {
  const real = await orig<typeof import("@/providers/registry")>();
  return { ...real, getProvider: (id: string) => (id === "choicy" ? (fake.provider as SocialProvider) : real.getProvider(id)) };
});

// What the local "platform" answers next, by the bearer token it is shown.
const platform = { mode: "ok" as "ok" | "unavailable" | "forbidden" | "garbage", seen: [] as string[] };
let server: Server;
let base = "";

const choicySettings = z.object({
  title: z.string().meta({ title: "Title" }),
  category: z.string().optional().meta({ title: "Category", choices: "channel" }),
  tags: z.array(z.string()).max(5).optional().meta({ title: "Tags", choices: "channel" }),
});

class ChoicyProvider extends ManifestProvider<z.infer<typeof choicySettings>> {
  readonly manifest = { ...mastodonManifest, identifier: "choicy", name: "Choicy", oneTimeToken: false, settings: choicySettings };
  handleErrors() {
    return undefined;
  }
  async post(): Promise<never> {
    throw new Error("not used here");
  }
  async refreshToken() {
    return { accessToken: "fresh-token" };
  }
  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    const list = await this.fetchJson<{ id: number; name?: string }[]>(
      `${base}/${field}`,
      {},
      { token: channel.accessToken, ctx, action: `list ${field}` },
    );
    return list.map((c) => ({ value: String(c.id), label: c.name ?? "" }));
  }
}

let a: ResolvedContext;
let channel = "";
let foreign = "";
let xChannel = "";

async function seedChannel(ctx: ResolvedContext, provider: string, token: string) {
  const row = await ctx.db.integration.create({
    data: {
      organizationId: ctx.organizationId,
      provider,
      internalId: `acct-${provider}-${Math.random()}`,
      name: `Blog on ${provider}`,
      accessToken: encryptSecret(token),
      refreshToken: encryptSecret("refresh-me"),
    },
  });
  return row.id;
}

const choices = (id: string, field: string) =>
  import("@/app/api/channels/[id]/choices/[field]/route").then(({ GET }) =>
    callRoute(GET, `/api/channels/${id}/choices/${field}`, { params: { id, field } }),
  );

beforeAll(async () => {
  fake.provider = new ChoicyProvider();
  server = createServer((req, res) => {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    platform.seen.push(token);
    const send = (status: number, body: string) => res.writeHead(status, { "content-type": "application/json" }).end(body);
    if (token === "expired-token") return send(401, JSON.stringify({ error: "The access token expired" }));
    if (platform.mode === "unavailable") return send(503, JSON.stringify({ error: "Down for maintenance" }));
    if (platform.mode === "forbidden") return send(403, JSON.stringify({ error: "You may not list categories of this blog" }));
    if (platform.mode === "garbage") return send(200, "<html>not json</html>");
    const all = [{ id: 1, name: "News" }, { id: 2, name: "Releases" }, { id: 2, name: "Releases again" }, { id: 3 }];
    send(200, JSON.stringify(req.url === "/tags" ? all.slice(0, 2) : all));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const [oa, ob] = await Promise.all([makeOwner("choices-a"), makeOwner("choices-b")]);
  a = (await resolveOrgContext(oa.userId, oa.organizationId))!;
  const b = (await resolveOrgContext(ob.userId, ob.organizationId))!;
  session.ctx = a;
  channel = await seedChannel(a, "choicy", "good-token");
  foreign = await seedChannel(b, "choicy", "their-token");
  xChannel = await seedChannel(a, "x", "x-token");
});
afterAll(() => server?.close());

describe("GET /api/channels/:id/choices/:field", () => {
  it("answers the field's choices read from the channel: each value once, unnamed ones labelled by their id", async () => {
    platform.mode = "ok";
    const r = await choices(channel, "category");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      choices: [
        { value: "1", label: "News" },
        { value: "2", label: "Releases" },
        { value: "3", label: "3" },
      ],
    });
    expect((await choices(channel, "tags")).body).toEqual({
      choices: [
        { value: "1", label: "News" },
        { value: "2", label: "Releases" },
      ],
    });
  });

  it("is 404 for another organization's channel, a field without channel choices, or a platform without any", async () => {
    platform.seen = [];
    const other = await choices(foreign, "category");
    expect(other.status).toBe(404);
    expect(other.body.error).toBe("Channel not found");
    for (const field of ["title", "nope"]) {
      const r = await choices(channel, field);
      expect(r.status).toBe(404);
      expect(r.body.error).toBe(`Choicy has no setting "${field}" with choices read from the channel`);
    }
    expect((await choices(xChannel, "replySettings")).status).toBe(404);
    expect(platform.seen, "the platform was asked for nothing").toEqual([]);
  });

  it("renews an expired token (401) once and answers, keeping the fresh token", async () => {
    platform.mode = "ok";
    const expired = await seedChannel(a, "choicy", "expired-token");
    platform.seen = [];
    const r = await choices(expired, "category");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.choices).toHaveLength(3);
    expect(platform.seen).toEqual(["expired-token", "fresh-token"]);
    const row = await a.db.integration.findUniqueOrThrow({ where: { id: expired } });
    expect(decryptSecret(row.accessToken!)).toBe("fresh-token");
  });

  it("says in words when the platform refuses or fails: 409 for a refusal, 502 when it is down or unreadable, never the token", async () => {
    platform.mode = "forbidden";
    const refused = await choices(channel, "category");
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe("Choicy would not list the choices for Blog on choicy: You may not list categories of this blog");

    platform.mode = "unavailable";
    const down = await choices(channel, "category");
    expect(down.status).toBe(502);
    expect(down.body.error).toMatch(/^Choicy is not answering right now \(Down for maintenance\); please try again in a moment$/);

    platform.mode = "garbage";
    const unreadable = await choices(channel, "category");
    expect(unreadable.status).toBe(502);
    expect(unreadable.body.error).toMatch(
      /^Choicy is not answering right now \(Choicy sent an unreadable answer \(not JSON: "<html>not json<\/html>"\) while trying to list category\)/,
    );

    for (const r of [refused, down, unreadable]) expect(JSON.stringify(r.body)).not.toMatch(/good-token|refresh-me/);
    platform.mode = "ok";
  });

  it("refuses a channel that cannot be used, in its own words", async () => {
    await a.db.integration.update({ where: { id: channel }, data: { status: "disabled" } });
    const r = await choices(channel, "category");
    await a.db.integration.update({ where: { id: channel }, data: { status: "active" } });
    expect(r.status).toBe(409);
    expect(r.body.error).toBe("Blog on choicy is disabled; enable it on the Channels page to publish");
  });
});
