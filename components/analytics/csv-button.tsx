"use client";
import { downloadCsv, toCsv, type CsvCell } from "./csv";

/** "Download CSV" for a table or series: the file holds exactly the rows passed in. */
export function CsvButton({ fileName, header, rows, label }: { fileName: string; header: string[]; rows: CsvCell[][]; label: string }) {
  return (
    <button
      type="button"
      onClick={() => downloadCsv(fileName, toCsv(header, rows))}
      disabled={!rows.length}
      aria-label={`Download ${label} as CSV`}
      className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
    >
      CSV
    </button>
  );
}
