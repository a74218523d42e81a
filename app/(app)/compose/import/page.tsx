import type { Metadata } from "next";
import Link from "next/link";
import { CsvImport } from "@/components/posts/csv-import";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageContext } from "@/lib/auth/current";
import { MAX_CSV_ROWS } from "@/lib/imports/csv-read";

export const metadata: Metadata = { title: "Import from CSV" };

// /compose/import: many posts at once from a CSV file, checked row by row as the composer checks one post.
export default async function ImportPage() {
  const ctx = await requirePageContext();
  const timeZone = ctx.user.timezone ?? "UTC";
  return (
    <>
      <PageHeader
        title="Import from CSV"
        description="Schedule many posts at once: every row is checked with each channel's rules before anything is saved."
        actions={
          <a className="text-sm font-medium text-brand-700 underline" href="/api/posts/import/template" download>
            Download a template
          </a>
        }
      />
      <div className="mb-6 space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
        <p>
          One post per row; the first row names the columns. UTF-8, separated by commas or semicolons, up to 5 MB and{" "}
          {MAX_CSV_ROWS.toLocaleString("en-US")} rows.
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <code>date</code>: <code>2026-12-31 09:30</code> in the <code>timezone</code> column&apos;s zone or yours ({timeZone}), or with
            an offset, <code>2026-12-31T09:30:00+01:00</code>.
          </li>
          <li>
            <code>channels</code>: each channel&apos;s handle, name or id, separated by <code>|</code>; write <code>x:brand</code> to pick
            the platform when two channels share a name.
          </li>
          <li>
            <code>text</code>, and optionally <code>text:&lt;platform or channel&gt;</code> for a channel&apos;s own wording;{" "}
            <code>media</code>: public links to images or videos, separated by <code>|</code>.
          </li>
          <li>
            <code>setting:&lt;platform&gt;:&lt;key&gt;</code> for a platform&apos;s settings (a subreddit&apos;s title…), and{" "}
            <code>mode</code>: <code>schedule</code> (the default) or <code>draft</code>.
          </li>
        </ul>
        <p>
          Problems are listed by row and column. Fix the file and choose it again, or import only the clean rows. Imported posts appear on
          the{" "}
          <Link href="/calendar" className="underline">
            calendar
          </Link>
          .
        </p>
      </div>
      <CsvImport timeZone={timeZone} />
    </>
  );
}
