import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { migrate, MIGRATIONS_DIR } from "@/lib/db/migrate";
import { serverIdentity } from "@/lib/channels/server-identity";
import { sqlRows } from "../helpers/sql";
import { createScratchDatabase, type ScratchDb } from "../setup/databases";

// Migration 0005 on a database that already has channels and posts: every channel keeps its id
// (so its posts stay), gets the server its instance URL names, and the new key lets the same
// account id exist once per server.

const scratch: ScratchDb[] = [];
afterEach(async () => {
  await Promise.all(scratch.splice(0).map((d) => d.drop()));
});

/** The migrations before `name`, as a folder of their own. */
function migrationsBefore(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  for (const m of readdirSync(MIGRATIONS_DIR).filter((m) => m < name))
    cpSync(path.join(MIGRATIONS_DIR, m), path.join(dir, m), { recursive: true });
  return dir;
}

const CHANNELS = [
  { id: "ch-masto-a", provider: "mastodon", internal: "1", url: "https://Mastodon.Example:443/" },
  { id: "ch-masto-b", provider: "mastodon", internal: "109", url: "http://127.0.0.1:4592/mastodon" },
  { id: "ch-sky", provider: "bluesky", internal: "did:plc:abc", url: "https://bsky.social" },
  { id: "ch-x", provider: "x", internal: "1", url: null },
];

describe("migration 20261202_0005_channel_server", () => {
  it("gives existing channels their server without losing a channel, post or target", async () => {
    const db = await createScratchDatabase(inject("databaseKind"), "postmill_mig5");
    scratch.push(db);
    const before = await migrate(db.url, { dir: migrationsBefore("20261202_0005_channel_server") });
    expect(before.applied.at(-1)).toBe("20261124_0004_analytics");

    await sqlRows(db.url, "INSERT INTO organizations (id, name, updated_at) VALUES ('org', 'Acme', now())");
    for (const c of CHANNELS) {
      await sqlRows(
        db.url,
        "INSERT INTO integrations (id, organization_id, provider, internal_id, name, instance_url, access_token, updated_at) VALUES ($1, 'org', $2, $3, $1, $4, 'sealed', now())",
        [c.id, c.provider, c.internal, c.url],
      );
      await sqlRows(
        db.url,
        "INSERT INTO posts (id, organization_id, publish_at, updated_at) VALUES ($1, 'org', now() + interval '1 day', now())",
        [`post-${c.id}`],
      );
      await sqlRows(
        db.url,
        "INSERT INTO post_targets (id, organization_id, post_id, integration_id, status, items, updated_at) VALUES ($1, 'org', $2, $3, 'scheduled', '[]', now())",
        [`t-${c.id}`, `post-${c.id}`, c.id],
      );
    }

    const after = await migrate(db.url);
    expect(after.applied[0]).toBe("20261202_0005_channel_server");

    const rows = await sqlRows<{ id: string; server: string; instance_url: string | null }>(
      db.url,
      "SELECT id, server, instance_url FROM integrations ORDER BY id",
    );
    // The SQL normalises as the app does, so reconnecting an old channel finds it.
    expect(rows).toEqual(
      CHANNELS.map((c) => ({ id: c.id, server: serverIdentity(c.url), instance_url: c.url })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.server]))).toMatchObject({
      "ch-masto-a": "https://mastodon.example",
      "ch-masto-b": "http://127.0.0.1:4592/mastodon",
      "ch-x": "",
    });
    const targets = await sqlRows<{ id: string; integration_id: string; status: string }>(
      db.url,
      "SELECT id, integration_id, status FROM post_targets ORDER BY id",
    );
    expect(targets).toEqual(
      CHANNELS.map((c) => ({ id: `t-${c.id}`, integration_id: c.id, status: "scheduled" })).sort((a, b) => a.id.localeCompare(b.id)),
    );

    // Account 1 of another Mastodon server is now a channel of its own; the same server twice is not.
    const insert = (id: string, server: string) =>
      sqlRows(
        db.url,
        "INSERT INTO integrations (id, organization_id, provider, internal_id, name, server, updated_at) VALUES ($1, 'org', 'mastodon', '1', $1, $2, now())",
        [id, server],
      );
    await insert("ch-masto-c", "https://other.example");
    await expect(insert("ch-masto-dup", "https://mastodon.example")).rejects.toThrow(/duplicate key|unique/i);
  });
});
