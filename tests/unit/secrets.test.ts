import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSecrets, StartupError } from "@/lib/config/secrets";

const tmp = () => mkdtempSync(path.join(tmpdir(), "secrets-"));

describe("resolveSecrets", () => {
  it("generates missing secrets once for local use and keeps them in the data folder", () => {
    const dir = tmp();
    const first = resolveSecrets({ env: {}, dataDir: dir, production: false });
    const second = resolveSecrets({ env: {}, dataDir: dir, production: false });
    expect(second).toEqual(first);
    expect(Buffer.from(first.TOKEN_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    const file = path.join(dir, "secrets.json");
    expect(JSON.parse(readFileSync(file, "utf8")).AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it("prefers values from the environment", () => {
    const key = Buffer.alloc(32, 1).toString("base64");
    const out = resolveSecrets({ env: { AUTH_SECRET: "a", TOKEN_ENCRYPTION_KEY: key }, dataDir: tmp(), production: false });
    expect(out).toEqual({ AUTH_SECRET: "a", TOKEN_ENCRYPTION_KEY: key });
  });

  it("refuses to start in production without them, naming each missing setting", () => {
    expect(() => resolveSecrets({ env: { AUTH_SECRET: "a" }, dataDir: tmp(), production: true })).toThrow(
      new StartupError(
        "Missing required setting in production: TOKEN_ENCRYPTION_KEY. Set each to a random 32-byte value, e.g. `openssl rand -base64 32`.",
      ),
    );
    expect(() => resolveSecrets({ env: {}, dataDir: tmp(), production: true })).toThrow(/AUTH_SECRET, TOKEN_ENCRYPTION_KEY/);
  });

  it("rejects an encryption key of the wrong size", () => {
    expect(() => resolveSecrets({ env: { TOKEN_ENCRYPTION_KEY: "c2hvcnQ=" }, dataDir: tmp(), production: false })).toThrow(/32 bytes/);
  });
});
