import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import type { V1Route } from "@/lib/api/v1/handler";
import { routeFolderOf, type HttpMethod } from "@/lib/api/v1/operation";
import { V1_OPERATIONS } from "@/lib/api/v1/operations";
import { fieldErrors } from "@/lib/validation";
import { makeOwner } from "../../helpers/factories";
import { makeKey, v1Call } from "../../helpers/api-v1";

// The OpenAPI document and the route files cannot drift apart: every method a file under
// app/api/v1 exports is a v1Handler built from a declaration listed in V1_OPERATIONS with the
// file's own path and method (so the handler validates with the declared schemas), and every
// declaration has its route. The document itself is generated from that list.

const METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const V1_DIR = path.join(process.cwd(), "app", "api", "v1");
const routeFolders = (readdirSync(V1_DIR, { recursive: true }) as string[])
  .filter((f) => /(^|[\\/])route\.ts$/.test(f))
  .map((f) =>
    [
      "v1",
      ...path
        .dirname(f)
        .split(path.sep)
        .filter((s) => s !== "."),
    ].join("/"),
  );

describe("/api/v1 routes and their OpenAPI declarations", () => {
  it("match one to one: same path, same method, same declaration", async () => {
    const exported: string[] = [];
    for (const folder of routeFolders) {
      const mod = (await import(`@/app/api/${folder}/route`)) as Record<string, unknown>;
      for (const m of METHODS) {
        const handler = mod[m] as V1Route | undefined;
        if (!handler) continue;
        exported.push(`${m} ${folder}`);
        expect(handler.operation, `${m} /api/${folder} is not built with v1Handler`).toBeDefined();
        expect(V1_OPERATIONS, `${m} /api/${folder}: its declaration is not listed in V1_OPERATIONS`).toContain(handler.operation);
        expect(`${handler.operation.method} ${routeFolderOf(handler.operation.path)}`).toBe(`${m} ${folder}`);
      }
    }
    const declared = V1_OPERATIONS.map((op) => `${op.method} ${routeFolderOf(op.path)}`);
    expect([...exported].sort()).toEqual([...declared].sort());
    expect(new Set(V1_OPERATIONS.map((o) => o.id)).size).toBe(V1_OPERATIONS.length);
  });

  it("serves the generated OpenAPI 3.1 document without a key", async () => {
    const res = await v1Call(openapi, "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.body as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; security: unknown[] }>>;
      components: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const op of V1_OPERATIONS) {
      const o = doc.paths[op.path]?.[op.method.toLowerCase()];
      expect(o?.operationId, `${op.method} ${op.path}`).toBe(op.id);
      expect(o?.security).toEqual(op.scope ? [{ bearer: [] }] : []);
    }
    expect(doc.components.securitySchemes!.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas!.Problem).toMatchObject({ type: "object" });
    expect(doc.components.parameters!.IdempotencyKey).toMatchObject({ in: "header", name: "Idempotency-Key" });
    expect(Object.keys(doc.components.headers!)).toEqual(
      expect.arrayContaining(["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"]),
    );
  });

  it("validate with the declared schemas: a route refuses bad input with exactly the fields its declaration names", async () => {
    const key = await makeKey(await makeOwner("v1spec"));
    const junk = { mode: 7, targets: "none", publishAt: "not a date", from: 1 };
    const query = "from=yesterday&limit=many&status=lost";
    let checked = 0;
    for (const op of V1_OPERATIONS.filter((o) => o.scope && (o.body || o.query))) {
      const mod = (await import(`@/app/api/${routeFolderOf(op.path)}/route`)) as Record<string, V1Route>;
      const path = op.path.replace("{id}", "some-id");
      const res = await v1Call(mod[op.method]!, op.query ? `${path}?${query}` : path, {
        method: op.method,
        key,
        params: op.params ? { id: "some-id" } : {},
        body: op.body ? junk : undefined,
      });
      const declared = op.body ? op.body : op.query!;
      const expected = fieldErrors(
        (declared as z.ZodType).safeParse(op.body ? junk : Object.fromEntries(new URLSearchParams(query))).error!,
      );
      expect(res.status, `${op.method} ${op.path}`).toBe(422);
      expect(Object.fromEntries(res.body.errors!.map((e) => [e.field, e.message])), `${op.method} ${op.path}`).toEqual(expected);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
