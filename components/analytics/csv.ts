// CSV export of what a chart or table shows, built from the same rows it draws. An empty cell
// means "no data"; numbers are written unformatted so a spreadsheet reads them as numbers.

export type CsvCell = string | number | null | undefined;

const cell = (v: CsvCell) => {
  if (v == null) return "";
  if (typeof v === "number") return String(v);
  // Text starting like a formula is prefixed so a spreadsheet shows it instead of running it. Tab
  // and CR count too: some spreadsheet apps drop them from the start of a cell and then read the
  // rest as a formula (OWASP's CSV-injection list).
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** The file as downloaded. The byte-order mark makes Excel and Numbers read it as UTF-8 (they
 *  assume a legacy code page otherwise and garble accents and emoji in post texts). */
export function csvFile(csv: string): Blob {
  return new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" });
}

export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(csvFile(csv));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
