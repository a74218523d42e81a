import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";

// schema.prisma and the SQL migrations are written separately; this keeps them in step. It reads
// the schema's models, fields and enums, and checks each against the migrated database, then asks
// Prisma for every field of every model.

type Field = { name: string; column: string; type: string; optional: boolean; list: boolean };
type Model = { name: string; table: string; fields: Field[] };

const SCALARS: Record<string, string[]> = {
  String: ["text"],
  Int: ["integer"],
  Float: ["double precision"],
  Boolean: ["boolean"],
  Json: ["jsonb"],
  DateTime: ["timestamp with time zone", "date"],
  BigInt: ["bigint"],
};

function parseSchema(src: string) {
  const enums = new Map<string, string[]>();
  for (const m of src.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    enums.set(
      m[1]!,
      m[2]!
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("//")),
    );
  }
  const models: Model[] = [];
  for (const m of src.matchAll(/^model (\w+) \{([^}]*)\}/gm)) {
    const body = m[2]!;
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? m[1]!;
    const fields: Field[] = [];
    for (const line of body.split("\n").map((l) => l.trim())) {
      const f = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!f || line.startsWith("@@") || line.startsWith("//")) continue;
      const [, name, type, list, opt, rest] = f;
      if (!SCALARS[type!] && !enums.has(type!)) continue; // relation field
      fields.push({ name: name!, type: type!, list: !!list, optional: !!opt, column: /@map\("([^"]+)"\)/.exec(rest!)?.[1] ?? name! });
    }
    models.push({ name: m[1]!, table, fields });
  }
  return { enums, models };
}

const schema = parseSchema(readFileSync("prisma/schema.prisma", "utf8"));
let client: pg.Client;
let columns: Map<string, Map<string, { type: string; udt: string; nullable: boolean }>>;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const res = await client.query(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  columns = new Map();
  for (const r of res.rows) {
    if (!columns.has(r.table_name)) columns.set(r.table_name, new Map());
    columns.get(r.table_name)!.set(r.column_name, { type: r.data_type, udt: r.udt_name, nullable: r.is_nullable === "YES" });
  }
});
afterAll(() => client.end());

describe("schema.prisma matches the migrated database", () => {
  it("has a parsed model for every table and no extra tables", () => {
    expect(schema.models.length).toBeGreaterThanOrEqual(14);
    const tables = [...columns.keys()].filter((t) => t !== "_migrations").sort();
    expect(tables).toEqual(schema.models.map((m) => m.table).sort());
  });

  for (const model of schema.models) {
    it(`${model.name} (${model.table}): same columns, types and nullability`, () => {
      const cols = columns.get(model.table);
      expect(cols, `table ${model.table} is missing`).toBeDefined();
      expect([...cols!.keys()].sort()).toEqual(model.fields.map((f) => f.column).sort());
      for (const f of model.fields) {
        const col = cols!.get(f.column)!;
        const where = `${model.name}.${f.name} (${model.table}.${f.column})`;
        expect(col.nullable, `${where} nullability`).toBe(f.optional);
        if (schema.enums.has(f.type)) expect(col.udt, `${where} enum type`).toBe(f.type);
        // A list (String[]) is a PostgreSQL array; its element type is the udt without the leading "_".
        else if (f.list) {
          expect(col.type, `${where} is an array`).toBe("ARRAY");
          expect(
            SCALARS[f.type]!.map((t) => `_${t}`),
            `${where} element type ${col.udt}`,
          ).toContain(col.udt);
        } else expect(SCALARS[f.type], `${where} type ${col.type}`).toContain(col.type);
      }
    });
  }

  it("has the same enum values", async () => {
    for (const [name, values] of schema.enums) {
      const res = await client.query(
        `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`,
        [name],
      );
      expect(
        res.rows.map((r) => r.enumlabel),
        `enum ${name}`,
      ).toEqual(values);
    }
  });

  it("answers a Prisma query selecting every field of every model", async () => {
    for (const model of schema.models) {
      const delegate = (db as unknown as Record<string, { findMany: (a: object) => Promise<unknown[]> }>)[
        model.name[0]!.toLowerCase() + model.name.slice(1)
      ];
      expect(delegate, `Prisma delegate for ${model.name}`).toBeDefined();
      const select = Object.fromEntries(model.fields.map((f) => [f.name, true]));
      await expect(delegate!.findMany({ select, take: 1 })).resolves.toBeInstanceOf(Array);
    }
  });
});
