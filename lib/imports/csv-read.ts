import { CsvError, parse } from "csv-parse/sync";
import { ValidationError } from "@/lib/errors";

// The uploaded file as a header and rows of text, through csv-parse (a maintained parser: quoted
// fields with commas, doubled quotes and line breaks are its business, not ours). Rows keep the
// number a spreadsheet shows (the header is row 1), so every message can point at the cell.

/**
 * The file travels inside a JSON body, which the proxy cuts at 10 MB; 5 MB of CSV stays under
 * that even when every character needs escaping. 20,000 rows is twice the benchmarked import.
 */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;

export type CsvRow = { row: number; cells: string[] };
export type CsvTable = { header: string[]; rows: CsvRow[] };

/** Spreadsheets in comma-decimal locales write `;`: the header line says which one this file uses. */
export function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c === ",") commas++;
    else if (!quoted && c === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

export function readCsv(text: string): CsvTable {
  if (Buffer.byteLength(text, "utf8") > MAX_CSV_BYTES)
    throw new ValidationError({ csv: `the file is larger than ${MAX_CSV_BYTES / 1_048_576} MB; split it into smaller files` });
  const body = text.replace(/^\uFEFF/, "");
  if (!body.trim()) throw new ValidationError({ csv: "the file is empty; it needs a header row and at least one post" });
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: detectDelimiter(body),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // One past the limit, so a file that is too long is told so rather than cut short.
      to: MAX_CSV_ROWS + 2,
    }) as string[][];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      throw new ValidationError({
        csv: `the file is not valid CSV${line ? ` near line ${line}` : ""}: ${e.message.replace(/^Invalid \w+:\s*/, "")}`,
      });
    }
    throw e;
  }
  const [header, ...data] = records;
  if (!header || header.every((h) => !h.trim())) throw new ValidationError({ csv: "the first row must name the columns" });
  if (data.length > MAX_CSV_ROWS)
    throw new ValidationError({ csv: `the file has more than ${MAX_CSV_ROWS.toLocaleString("en-US")} rows; split it into smaller files` });
  const rows = data
    .map((cells, i) => ({ row: i + 2, cells }))
    // A blank line, or a row of empty cells a spreadsheet left behind, is no post.
    .filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (!rows.length) throw new ValidationError({ csv: "the file has a header but no posts below it" });
  return { header: header.map((h) => h.trim()), rows };
}
