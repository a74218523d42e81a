import { z } from "zod";
import { importRequestSchema } from "@/lib/imports/schemas";
import { defineOperation } from "../operation";

// The CSV import (docs/planning.md, "Import from CSV"), on the same lib/imports functions as the
// page: preview checks every row with the composer's rules; import writes the chosen rows in one
// transaction. Handler: app/api/v1/posts/import/route.ts.

const cellErrorSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

const reportSchema = z.object({
  total: z.number().int(),
  clean: z.number().int(),
  errors: z.array(cellErrorSchema),
  rows: z.array(
    z.object({
      row: z.number().int(),
      mode: z.string(),
      publishAt: z.string().nullable(),
      channels: z.array(z.string()),
      text: z.string(),
      ok: z.boolean(),
    }),
  ),
});

const resultSchema = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  postIds: z.array(z.string()),
  firstAt: z.string().nullable(),
});

export const importPostsOp = defineOperation({
  id: "importPosts",
  method: "POST",
  path: "/api/v1/posts/import",
  scope: "write",
  extraScope: {
    scope: "publish" as const,
    when: 'when action is "import" (imported rows are scheduled unless their mode is draft)',
    needed: ({ body }: { body: unknown }) => (body as { action?: string }).action === "import",
  },
  summary: "Preview or import posts from a CSV file",
  description:
    'The file\'s text in `csv` (columns: date, channels, text, text:<platform or channel>, media, setting:<platform>:<key>, mode, timezone; see docs/planning.md). action "preview" checks every row against every channel\'s rules and answers the problems by row and column, saving nothing; action "import" writes the posts in one transaction: every row (rows "all", refused with 422 naming row and column if any row has a problem) or only the clean ones (rows "clean"). Local times without a zone are read in the key creator\'s time zone.',
  tags: ["Posts"],
  body: importRequestSchema,
  response: z.object({ report: reportSchema.optional(), result: resultSchema.optional() }),
});
