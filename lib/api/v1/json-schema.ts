import { z } from "zod";

// zod -> JSON Schema (2020-12, as OpenAPI 3.1 uses) for the API's documents. An instant in our
// schemas is "an ISO string, epoch milliseconds or a Date" (lib/validation.ts boundedDate); a
// JSON client can send only the first two, so that union is published as exactly those.

type Json = Record<string, unknown>;
type Def = { type: string; options?: { _zod: { def: { type: string } } }[] };

export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const out = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    reused: "inline",
    target: "draft-2020-12",
    override: (ctx) => {
      const def = (ctx.zodSchema as unknown as { _zod: { def: Def } })._zod.def;
      if (def.type !== "union" || !def.options?.some((o) => o._zod.def.type === "date")) return;
      const js = ctx.jsonSchema as Json;
      delete js.anyOf;
      js.anyOf = [
        { type: "string", format: "date-time", description: "ISO 8601, e.g. 2026-12-24T09:00:00Z" },
        { type: "number", description: "milliseconds since 1970-01-01T00:00:00Z" },
      ];
    },
  }) as Json;
  delete out.$schema;
  return out;
}
