import { z } from "zod";
import { MAX_CSV_BYTES } from "./csv-read";

/** POST /api/posts/import: the file's text, and whether to check it or to import it. */
export const importRequestSchema = z.object({
  // Characters, a first bound; the byte size is checked when the file is read (csv-read.ts).
  csv: z
    .string({ message: "csv must be the file's text" })
    .max(MAX_CSV_BYTES, `the file is larger than ${MAX_CSV_BYTES / 1_048_576} MB; split it into smaller files`),
  action: z.enum(["preview", "import"], { message: "action must be preview or import" }),
  rows: z.enum(["all", "clean"], { message: "rows must be all or clean" }).default("all"),
});
