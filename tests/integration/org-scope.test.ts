import { describe, expect, it } from "vitest";
import { getChannel } from "@/lib/channels/queries";
import { AppError } from "@/lib/errors";
import { createInvite, revokeInvite } from "@/lib/orgs/invites";
import { changeMemberRole, listMembers, removeMember } from "@/lib/orgs/members";
import { resolveOrgContext } from "@/lib/orgs/context";
import { makeOwner } from "../helpers/factories";

async function seed(ctx: Awaited<ReturnType<typeof makeOwner>>) {
  const channel = await ctx.db.integration.create({
    data: {
      organizationId: ctx.organizationId,
      provider: "x",
      internalId: `acct-${ctx.organizationId}`,
      name: "Acme on X",
      accessToken: "secret",
    },
  });
  const post = await ctx.db.post.create({ data: { organizationId: ctx.organizationId, publishAt: new Date() } });
  const target = await ctx.db.postTarget.create({
    data: { organizationId: ctx.organizationId, postId: post.id, integrationId: channel.id, items: [{ text: "hi" }] },
  });
  const media = await ctx.db.media.create({
    data: { organizationId: ctx.organizationId, fileName: "a.png", mimeType: "image/png", size: 1, path: "a.png" },
  });
  const note = await ctx.db.notification.create({ data: { organizationId: ctx.organizationId, kind: "k", title: "t", body: "b" } });
  return { channel, post, target, media, note };
}

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e) => (e instanceof AppError ? e.status : 500),
  );

describe("organization scoping", () => {
  it("a member of organization A gets 404 on organization B's resources", async () => {
    const [a, b] = await Promise.all([makeOwner("a"), makeOwner("b")]);
    const mine = await seed(a);
    const theirs = await seed(b);

    expect((await getChannel(a, mine.channel.id)).name).toBe("Acme on X");
    expect(await status(getChannel(a, theirs.channel.id))).toBe(404);
    expect(await a.db.integration.findUnique({ where: { id: theirs.channel.id } })).toBeNull();
    expect(await a.db.post.findFirst({ where: { id: theirs.post.id } })).toBeNull();
    expect(await a.db.postTarget.findMany({ where: { postId: theirs.post.id } })).toEqual([]);
    expect(await a.db.media.count({ where: { id: theirs.media.id } })).toBe(0);
    expect(await a.db.notification.findMany({ where: { id: theirs.note.id } })).toEqual([]);

    // Writes aimed at B's rows touch nothing.
    expect((await a.db.integration.updateMany({ where: { id: theirs.channel.id }, data: { name: "pwned" } })).count).toBe(0);
    expect((await a.db.media.deleteMany({ where: { id: theirs.media.id } })).count).toBe(0);
    await expect(a.db.post.update({ where: { id: theirs.post.id }, data: { publishAt: null } })).rejects.toThrow();
    expect((await b.db.integration.findUniqueOrThrow({ where: { id: theirs.channel.id } })).name).toBe("Acme on X");

    // Creating through A's scope always lands in A, whatever the input says.
    const created = await a.db.notification.create({ data: { organizationId: b.organizationId, kind: "k", title: "t", body: "b" } });
    expect(created.organizationId).toBe(a.organizationId);
  });

  it("members, invitations and roles of another organization are out of reach", async () => {
    const [a, b] = await Promise.all([makeOwner("a"), makeOwner("b")]);
    const inviteOfB = await createInvite(b, { role: "member" });
    expect(await status(revokeInvite(a, inviteOfB.id))).toBe(404);
    const [memberOfB] = await listMembers(b);
    expect((await listMembers(a)).map((m) => m.email)).toEqual([a.email]);
    expect(await status(changeMemberRole(a, memberOfB!.id, { role: "member" }))).toBe(404);
    expect(await status(removeMember(a, memberOfB!.id))).toBe(404);
  });

  it("never resolves an organization the user does not belong to, even if asked for it", async () => {
    const [a, b] = await Promise.all([makeOwner("a"), makeOwner("b")]);
    const ctx = await resolveOrgContext(a.userId, b.organizationId);
    expect(ctx?.organizationId).toBe(a.organizationId);
    expect(await resolveOrgContext("no-such-user", a.organizationId)).toBeNull();
  });

  it("keeps the last owner", async () => {
    const a = await makeOwner("solo");
    const [me] = await listMembers(a);
    await expect(changeMemberRole(a, me!.id, { role: "member" })).rejects.toThrow("An organization needs at least one owner");
  });
});
