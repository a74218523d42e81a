import { describe, expect, it } from "vitest";
import { signUp } from "@/lib/auth/sign-up";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { acceptInvite, createInvite, describeInvite, revokeInvite } from "@/lib/orgs/invites";
import { makeOwner, uniqueEmail } from "../helpers/factories";

const password = "correct horse battery";

async function fieldsOf(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).fields;
}

describe("sign-up", () => {
  it("creates the user, their organization and an owner membership, with a hashed password", async () => {
    const email = uniqueEmail();
    const { userId, organizationId } = await signUp({ name: "Ada", email, password, timezone: "Europe/Berlin" });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: { include: { organization: true } } } });
    expect(user.timezone).toBe("Europe/Berlin");
    expect(user.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, user.passwordHash!)).toBe(true);
    expect(user.memberships).toMatchObject([{ organizationId, role: "owner", organization: { name: "Ada's organization" } }]);
  });

  it("refuses a duplicate email (any case) without creating anything", async () => {
    const email = uniqueEmail();
    await signUp({ name: "A", email, password });
    const orgsBefore = await db.organization.count();
    expect(await fieldsOf(signUp({ name: "B", email: email.toUpperCase(), password }))).toEqual({
      email: "An account with this email already exists; sign in instead",
    });
    expect(await db.organization.count()).toBe(orgsBefore);
  });

  it("refuses the most common passwords, whatever their length or case, naming the field", async () => {
    for (const common of ["1234567890", "qwertyuiop", "Password1234", "iloveyou12"]) {
      const email = uniqueEmail("common");
      expect(await fieldsOf(signUp({ name: "A", email, password: common }))).toEqual({
        password: "Password is one of the most common passwords; choose a less guessable one",
      });
      expect(await db.user.findUnique({ where: { email } })).toBeNull();
    }
  });

  it("names the field for invalid email and short password", async () => {
    expect(await fieldsOf(signUp({ name: "A", email: "nope", password: "short" }))).toEqual({
      email: "Email must be a valid email address, like name@example.com",
      password: "Password must be at least 10 characters",
    });
  });
});

describe("invitations", () => {
  it("a single-use link joins a new user to the organization with the chosen role", async () => {
    const owner = await makeOwner();
    const invite = await createInvite(owner, { role: "admin" });
    expect(await describeInvite(invite.token)).toMatchObject({ state: "valid", role: "admin" });

    const joined = await signUp({ name: "Bea", email: uniqueEmail("bea"), password, invite: invite.token });
    expect(joined.organizationId).toBe(owner.organizationId);
    const memberships = await db.membership.findMany({ where: { userId: joined.userId } });
    expect(memberships).toMatchObject([{ organizationId: owner.organizationId, role: "admin" }]);

    // Used once: the same link cannot make another account, and that account is not created.
    const email = uniqueEmail("carl");
    expect(await fieldsOf(signUp({ name: "Carl", email, password, invite: invite.token }))).toEqual({
      invite: "This invitation has already been used; each link works once",
    });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });

  it("an existing user in another organization accepts and can then switch between both", async () => {
    const owner = await makeOwner();
    const other = await makeOwner("other");
    const invite = await createInvite(owner, { role: "member" });
    await acceptInvite(invite.token, other.userId);
    const orgs = await db.membership.findMany({ where: { userId: other.userId }, orderBy: { createdAt: "asc" } });
    expect(orgs.map((m) => [m.organizationId, m.role])).toEqual([
      [other.organizationId, "owner"],
      [owner.organizationId, "member"],
    ]);
  });

  it("an expired invitation is refused with a message naming it, and nothing is saved", async () => {
    const owner = await makeOwner();
    const invite = await createInvite(owner, { role: "member" });
    await db.invite.update({ where: { id: invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const email = uniqueEmail("late");
    expect(await fieldsOf(signUp({ name: "Late", email, password, invite: invite.token }))).toEqual({
      invite: "This invitation has expired; ask the organization for a new link",
    });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).acceptedAt).toBeNull();
  });

  it("a revoked or unknown invitation is refused", async () => {
    const owner = await makeOwner();
    const invite = await createInvite(owner, { role: "member" });
    await revokeInvite(owner, invite.id);
    expect(await fieldsOf(signUp({ name: "R", email: uniqueEmail(), password, invite: invite.token }))).toEqual({
      invite: "This invitation was revoked by the organization",
    });
    expect(await fieldsOf(signUp({ name: "U", email: uniqueEmail(), password, invite: "made-up" }))).toEqual({
      invite: "This invitation link is not valid",
    });
  });

  it("two acceptances racing for one link: exactly one wins", async () => {
    const owner = await makeOwner();
    const invite = await createInvite(owner, { role: "member" });
    const [a, b] = await Promise.all([makeOwner("a"), makeOwner("b")]);
    const results = await Promise.allSettled([acceptInvite(invite.token, a.userId), acceptInvite(invite.token, b.userId)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { organizationId: owner.organizationId } })).toBe(2);
  });

  it("only owners and admins invite, and nobody invites above their own role", async () => {
    const owner = await makeOwner();
    const admin = { ...owner, role: "admin" as const };
    const member = { ...owner, role: "member" as const };
    await expect(createInvite(member, { role: "member" })).rejects.toThrow("Only an organization admin or above can invite members");
    expect(await fieldsOf(createInvite(admin, { role: "owner" }))).toEqual({ role: "An admin cannot invite an owner" });
    expect(await fieldsOf(createInvite(owner, { role: "king" }))).toEqual({ role: "Role must be owner, admin or member" });
  });
});
