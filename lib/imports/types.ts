import type { CellError } from "./rows";

// What the import answers, shared by the route and the page.

/** The preview: every row's problems by row and column, and a line per row to look over. */
export type ImportReport = {
  total: number;
  clean: number;
  errors: CellError[];
  rows: { row: number; mode: string; publishAt: string | null; channels: string[]; text: string; ok: boolean }[];
};

/** The import: how many posts were written, and when the first one is (to open the calendar there). */
export type ImportResult = { imported: number; skipped: number; postIds: string[]; firstAt: string | null };
