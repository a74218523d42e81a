import { createHash, randomInt } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { contextFor, type OrgContext } from "@/lib/orgs/context";
import { requireRole } from "@/lib/orgs/roles";
import { boundedDate, parseOrThrow, safeText } from "@/lib/validation";
import type { Role } from "@/lib/generated/prisma/enums";

// Organization API keys for /api/v1. A key is "pm_" + 32 random base62 characters (190 bits): only
// its SHA-256 is stored (a slow hash adds nothing against a key that cannot be guessed) and a
// short prefix to recognise it in the list. The secret is returned once, by createApiKey.

export const API_SCOPES = ["read", "write", "publish"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_LENGTH = 32;
export const KEY_PATTERN = /^pm_[0-9A-Za-z]{32}$/;
const PREFIX_LENGTH = 10; // "pm_" and 7 characters: enough to tell keys apart, far too few to guess one

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

export function generateApiKey(): string {
  let s = "pm_";
  for (let i = 0; i < SECRET_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export const createApiKeySchema = z.object({
  name: safeText("name is required").trim().min(1, "name is required").max(100, "name is at most 100 characters"),
  scopes: z
    .array(z.enum(API_SCOPES, { message: "each scope must be read, write or publish" }))
    .min(1, "pick at least one scope")
    .transform((s) => API_SCOPES.filter((x) => s.includes(x))),
  expiresAt: boundedDate("expiresAt")
    .nullish()
    .transform((d) => d ?? null),
});

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  createdBy: { id: string; name: string | null; email: string };
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** active, expired or revoked */
  state: "active" | "expired" | "revoked";
};

const select = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} as const;

type Row = { expiresAt: Date | null; revokedAt: Date | null; createdAt: Date; lastUsedAt: Date | null; scopes: string[] } & Omit<
  ApiKeyView,
  "createdAt" | "lastUsedAt" | "expiresAt" | "revokedAt" | "state" | "scopes"
>;

function view(r: Row, now = Date.now()): ApiKeyView {
  return {
    ...r,
    scopes: r.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    state: r.revokedAt ? "revoked" : r.expiresAt && r.expiresAt.getTime() <= now ? "expired" : "active",
  };
}

export async function createApiKey(ctx: OrgContext, input: unknown): Promise<{ key: ApiKeyView; secret: string }> {
  requireRole(ctx, "admin", "manage API keys");
  const { name, scopes, expiresAt } = parseOrThrow(createApiKeySchema, input);
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw new AppError("expiresAt: pick a time in the future", 422, "expiresAt");
  const secret = generateApiKey();
  const row = await ctx.db.apiKey.create({
    data: {
      organizationId: ctx.organizationId,
      createdById: ctx.userId,
      name,
      scopes,
      expiresAt,
      prefix: secret.slice(0, PREFIX_LENGTH),
      keyHash: hashApiKey(secret),
    },
    select,
  });
  return { key: view(row), secret };
}

export async function listApiKeys(ctx: OrgContext): Promise<ApiKeyView[]> {
  requireRole(ctx, "admin", "manage API keys");
  const rows = await ctx.db.apiKey.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }], select });
  return rows.map((r) => view(r));
}

/** Takes effect on the next request: authentication reads the row every time. */
export async function revokeApiKey(ctx: OrgContext, id: string): Promise<void> {
  requireRole(ctx, "admin", "manage API keys");
  const res = await ctx.db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (res.count === 0 && !(await ctx.db.apiKey.count({ where: { id } }))) throw notFound("API key");
}

export class ApiKeyRefused extends AppError {
  constructor(message: string) {
    super(message, 401);
    this.name = "ApiKeyRefused";
  }
}

export type ApiKeyContext = OrgContext & { apiKey: { id: string; name: string; scopes: ApiScope[] } };

const LAST_USED_EVERY_MS = 60_000;

/**
 * The organization context of a request's key, acting as the member who created it with their
 * current role. A key whose creator has left the organization is refused (401) rather than
 * handed to someone else: an admin creates a new key, and nobody acts under a departed name.
 */
type KeyRow = {
  id: string;
  name: string;
  organizationId: string;
  createdById: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  role: string | null;
};

export async function authenticateApiKey(secret: string, now = new Date()): Promise<ApiKeyContext> {
  if (!KEY_PATTERN.test(secret)) throw new ApiKeyRefused("The API key is not valid");
  // The key and its creator's membership in one round trip: every API request pays for this.
  const [key] = await db.$queryRaw<KeyRow[]>`
    SELECT k.id, k.name, k.organization_id AS "organizationId", k.created_by_id AS "createdById", k.scopes,
      k.expires_at AS "expiresAt", k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt", m.role::text AS role
    FROM api_keys k
    LEFT JOIN memberships m ON m.user_id = k.created_by_id AND m.organization_id = k.organization_id
    WHERE k.key_hash = ${hashApiKey(secret)}`;
  if (!key) throw new ApiKeyRefused("The API key is not valid");
  if (key.revokedAt) throw new ApiKeyRefused(`The API key "${key.name}" was revoked on ${key.revokedAt.toISOString()}`);
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime())
    throw new ApiKeyRefused(`The API key "${key.name}" expired on ${key.expiresAt.toISOString()}`);
  const member = key.role ? { role: key.role as Role } : null;
  if (!member)
    throw new ApiKeyRefused(
      `The API key "${key.name}" belonged to a member who has left the organization; an owner or admin must create a new key`,
    );
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    // At most one write a minute per key: "last used" is for people, not an audit log.
    await db.apiKey.updateMany({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  const scopes = key.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
  return { ...contextFor(key.createdById, key.organizationId, member.role), apiKey: { id: key.id, name: key.name, scopes } };
}
