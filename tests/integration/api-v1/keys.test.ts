import { describe, expect, it } from "vitest";
import { GET as listChannels } from "@/app/api/v1/channels/route";
import { authenticateApiKey, createApiKey, hashApiKey, KEY_PATTERN, listApiKeys, revokeApiKey } from "@/lib/api-keys/keys";
import { db } from "@/lib/db/client";
import { contextFor } from "@/lib/orgs/context";
import { makeOwner } from "../../helpers/factories";
import { v1Call } from "../../helpers/api-v1";

// API keys: random, stored only as a hash with a visible prefix, managed by owners and admins,
// listed with who made them, when last used and when they expire, and refused at once when revoked.

describe("API keys", () => {
  it("are pm_ and 32 base62 characters, stored as their SHA-256 with a short prefix", async () => {
    const owner = await makeOwner("keys-store");
    const { key, secret } = await createApiKey(owner, { name: "CI", scopes: ["publish", "read"] });
    expect(secret).toMatch(KEY_PATTERN);
    expect(key.scopes).toEqual(["read", "publish"]);
    expect(secret.startsWith(key.prefix)).toBe(true);
    expect(key.prefix.length).toBeLessThan(12);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.keyHash).toBe(hashApiKey(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const second = await createApiKey(owner, { name: "CI 2", scopes: ["read"] });
    expect(second.secret).not.toBe(secret);
  });

  it("are managed by owners and admins only, and validated field by field", async () => {
    const owner = await makeOwner("keys-roles");
    const member = contextFor(owner.userId, owner.organizationId, "member");
    await expect(createApiKey(member, { name: "x", scopes: ["read"] })).rejects.toMatchObject({ status: 403 });
    await expect(listApiKeys(member)).rejects.toMatchObject({ status: 403 });
    const admin = contextFor(owner.userId, owner.organizationId, "admin");
    await expect(createApiKey(admin, { name: "", scopes: [] })).rejects.toMatchObject({
      fields: { name: "name is required", scopes: "pick at least one scope" },
    });
    await expect(createApiKey(admin, { name: "old", scopes: ["read"], expiresAt: "2020-01-01T00:00:00Z" })).rejects.toMatchObject({
      status: 422,
    });
  });

  it("are listed with creator, last use and expiry, and stop working the moment they are revoked", async () => {
    const owner = await makeOwner("keys-list");
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const { key, secret } = await createApiKey(owner, { name: "Zapier", scopes: ["read"], expiresAt: expiresAt.toISOString() });
    expect((await v1Call(listChannels, "/api/v1/channels", { key: secret })).status).toBe(200);
    const [listed] = await listApiKeys(owner);
    expect(listed).toMatchObject({
      id: key.id,
      name: "Zapier",
      state: "active",
      expiresAt: expiresAt.toISOString(),
      createdBy: { email: owner.email },
    });
    expect(listed!.lastUsedAt).not.toBeNull();

    const other = await makeOwner("keys-other");
    await expect(revokeApiKey(other, key.id)).rejects.toMatchObject({ status: 404 });
    await revokeApiKey(owner, key.id);
    const res = await v1Call(listChannels, "/api/v1/channels", { key: secret });
    expect(res.status).toBe(401);
    expect((await listApiKeys(owner))[0]).toMatchObject({ state: "revoked" });
    await expect(authenticateApiKey(secret)).rejects.toMatchObject({ status: 401 });
  });
});
