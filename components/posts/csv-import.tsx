"use client";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api, ApiError } from "@/lib/client/api";
import type { ImportReport, ImportResult } from "@/lib/imports/types";
import { dateToWallTime, formatInZone } from "@/lib/time/zone";

// The CSV import page's client part: pick a file, see every row checked (problems by row and
// column), then import all of it, or only its clean rows by an explicit choice. Picking a fixed file
// starts over. The file is read here and sent as text; the server checks it again on import.

const MAX_BYTES = 5 * 1024 * 1024;
const SHOWN_ERRORS = 500;

type Problem = { where: string; message: string };

export function CsvImport({ timeZone }: { timeZone: string }) {
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  function refused(e: unknown) {
    if (e instanceof ApiError && e.fields) {
      setMessage(e.status === 422 ? "The file was refused:" : e.message);
      setProblems(Object.entries(e.fields).map(([where, m]) => ({ where: where === "csv" ? "File" : where, message: m })));
    } else setMessage(e instanceof Error ? e.message : "Something went wrong; please try again");
  }

  async function pick(file: File | undefined) {
    setReport(null);
    setProblems([]);
    setMessage(null);
    setResult(null);
    setCsv(null);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_BYTES) return setMessage(`${file.name} is larger than 5 MB; split it into smaller files`);
    // File.text() reads UTF-8 and drops a byte-order mark; the server would drop it as well.
    const text = await file.text();
    setCsv(text);
    setBusy(true);
    try {
      const { report } = await api<{ report: ImportReport }>("/api/posts/import", {
        method: "POST",
        body: JSON.stringify({ csv: text, action: "preview" }),
      });
      setReport(report);
    } catch (e) {
      refused(e);
    } finally {
      setBusy(false);
    }
  }

  async function run(rows: "all" | "clean") {
    if (!csv) return;
    setBusy(true);
    setMessage(null);
    setProblems([]);
    try {
      const { result } = await api<{ result: ImportResult }>("/api/posts/import", {
        method: "POST",
        body: JSON.stringify({ csv, action: "import", rows }),
      });
      setResult(result);
      setReport(null);
    } catch (e) {
      refused(e);
    } finally {
      setBusy(false);
    }
  }

  const bad = report ? report.total - report.clean : 0;
  const calendarDate = result?.firstAt ? dateToWallTime(new Date(result.firstAt), timeZone).slice(0, 10) : null;
  return (
    <div className="space-y-4">
      <label className="block text-sm font-medium text-slate-700">
        CSV file
        <input
          type="file"
          accept=".csv,text/csv"
          className="mt-1 block w-full text-sm"
          disabled={busy}
          onChange={(e) => {
            void pick(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
      {busy && (
        <p className="text-sm text-slate-500" role="status">
          Checking {fileName}…
        </p>
      )}
      {message && (
        <Alert>
          <p>{message}</p>
          {problems.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {problems.slice(0, SHOWN_ERRORS).map((p) => (
                <li key={p.where}>
                  <strong>{p.where}</strong>: {p.message}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {result && (
        <Alert tone="success">
          Imported {result.imported} post{result.imported === 1 ? "" : "s"}
          {result.skipped ? `, skipped ${result.skipped} row${result.skipped === 1 ? "" : "s"} with problems` : ""}.{" "}
          {calendarDate && (
            <Link className="font-medium underline" href={`/calendar?view=month&date=${calendarDate}`}>
              See them on the calendar
            </Link>
          )}
        </Alert>
      )}
      {report && (
        <section aria-label="Preview" className="space-y-3">
          <p className="text-sm text-slate-700">
            {fileName}: {report.total} row{report.total === 1 ? "" : "s"}, {report.clean} ready
            {bad ? `, ${bad} with problems` : ""}.
          </p>
          {report.errors.length > 0 && <ErrorTable errors={report.errors} />}
          <div className="flex flex-wrap gap-2">
            <Button disabled={busy || bad > 0 || report.errors.length > 0} onClick={() => void run("all")}>
              Import {report.total} post{report.total === 1 ? "" : "s"}
            </Button>
            {bad > 0 && report.clean > 0 && (
              <Button variant="secondary" disabled={busy} onClick={() => void run("clean")}>
                Import only the {report.clean} clean row{report.clean === 1 ? "" : "s"}, skip {bad}
              </Button>
            )}
          </div>
          {report.rows.length > 0 && <RowTable rows={report.rows} total={report.total} timeZone={timeZone} />}
        </section>
      )}
    </div>
  );
}

function ErrorTable({ errors }: { errors: ImportReport["errors"] }) {
  return (
    <div role="alert" className="overflow-x-auto rounded-md border border-red-200 bg-red-50">
      <table className="w-full text-left text-sm text-red-900">
        <caption className="px-3 py-2 text-left font-medium">
          {errors.length} problem{errors.length === 1 ? "" : "s"}: fix them in the file and choose it again
        </caption>
        <thead>
          <tr>
            <th className="px-3 py-1">Row</th>
            <th className="px-3 py-1">Column</th>
            <th className="px-3 py-1">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.slice(0, SHOWN_ERRORS).map((e, i) => (
            <tr key={i} className="border-t border-red-100 align-top">
              <td className="px-3 py-1">{e.row}</td>
              <td className="px-3 py-1 font-mono">{e.column}</td>
              <td className="px-3 py-1">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RowTable({ rows, total, timeZone }: { rows: ImportReport["rows"]; total: number; timeZone: string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="px-3 py-2 text-left text-slate-600">
          {total > rows.length ? `The first ${rows.length} of ${total} rows` : "Rows"} (times in {timeZone})
        </caption>
        <thead className="text-slate-600">
          <tr>
            <th className="px-3 py-1">Row</th>
            <th className="px-3 py-1">When</th>
            <th className="px-3 py-1">Channels</th>
            <th className="px-3 py-1">Text</th>
            <th className="px-3 py-1">Check</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row} className="border-t border-slate-100 align-top">
              <td className="px-3 py-1">{r.row}</td>
              <td className="px-3 py-1 whitespace-nowrap">
                {r.publishAt ? formatInZone(r.publishAt, timeZone) : "—"}
                {r.mode === "draft" ? " (draft)" : ""}
              </td>
              <td className="px-3 py-1">{r.channels.join(", ")}</td>
              <td className="max-w-md truncate px-3 py-1">{r.text}</td>
              <td className={`px-3 py-1 ${r.ok ? "text-green-700" : "text-red-700"}`}>{r.ok ? "ready" : "problem"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
