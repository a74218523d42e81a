import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import emulator from "@/emulator/platforms/medium";
import { integrationToken } from "@/emulator/platforms/medium/tokens";
import type { Emulator } from "@/emulator/server";
import { connectWithFields } from "@/lib/channels/connect";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { callRoute } from "@/tests/helpers/api-call";
import { useEmulator } from "@/tests/helpers/emulator";
import { makeOwner } from "@/tests/helpers/factories";

// The composer's Publication select, through the app's own route (GET
// /api/channels/:id/choices/publication) for a Medium channel connected with the form: the
// publications the account edits or writes for, read from the emulator.

const session = vi.hoisted(() => ({ ctx: null as ResolvedContext | null }));
vi.mock("@/lib/auth/current", () => ({ ACTIVE_ORG_COOKIE: "postmill-org", currentContext: async () => session.ctx }));

let emu: Emulator;
let ctx: ResolvedContext;

const choices = (id: string, field: string) =>
  import("@/app/api/channels/[id]/choices/[field]/route").then(({ GET }) =>
    callRoute(GET, `/api/channels/${id}/choices/${field}`, { params: { id, field } }),
  );

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  const owner = await makeOwner("medium-choices");
  ctx = (await resolveOrgContext(owner.userId, owner.organizationId))!;
  session.ctx = ctx;
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

describe("Medium's publication choices", () => {
  it("lists the publications the account edits or writes for, writers' marked drafts only", async () => {
    const channel = await connectWithFields(ctx, "medium", { token: integrationToken("chooser") });
    const r = await choices(channel.id, "publication");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      choices: [
        { value: expect.stringMatching(/^[0-9a-f]{12}$/), label: "chooser's Notes" },
        { value: expect.stringMatching(/^[0-9a-f]{12}$/), label: "Emulated Weekly (drafts only)" },
      ],
    });
    expect((await choices(channel.id, "title")).status).toBe(404);
  });

  it("answers in words when Medium refuses the token, never a 500", async () => {
    const channel = await connectWithFields(ctx, "medium", { token: integrationToken("revoked.chooser") });
    const token = integrationToken("revoked.chooser");
    emu.state.grants.get(emu.state.accessTokens.get(token)!.grantId)!.revoked = true;
    const r = await choices(channel.id, "publication");
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(JSON.stringify(r.body)).toContain("Token was invalid");
    expect(JSON.stringify(r.body)).not.toContain(token);
  });
});
