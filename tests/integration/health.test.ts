import { describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/health";

describe("health", () => {
  it("reports app, database and migrations as ok on a migrated database", async () => {
    const h = await checkHealth(process.env.DATABASE_URL);
    expect(h.status).toBe("ok");
    expect(h.database.status).toBe("ok");
    expect(h.migrations).toMatchObject({ status: "ok", pending: [], modified: [] });
    expect(h.migrations.applied).toBeGreaterThan(0);
  });

  it("reports the database down when it cannot connect", async () => {
    const h = await checkHealth("postgresql://postgres@127.0.0.1:1/nothing");
    expect(h.status).toBe("down");
    expect(h.database.status).toBe("down");
    expect(h.database.error).toBeTruthy();
  });
});
