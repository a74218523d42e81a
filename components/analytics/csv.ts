// CSV export of what a chart or table shows, built from the same rows it draws. An empty cell
// means "no data"; numbers are written unformatted so a spreadsheet reads them as numbers.

export type CsvCell = string | number | null | undefined;

const cell = (v: CsvCell) => {
  if (v == null) return "";
  if (typeof v === "number") return String(v);
  // Text starting like a formula is prefixed so a spreadsheet shows it instead of running it.
  const s = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
