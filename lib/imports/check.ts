import "server-only";
import type { OrgContext } from "@/lib/orgs/context";
import { prepareMany, type PreparedTarget } from "@/lib/posts/prepare";
import { postInputSchema, type PostInput } from "@/lib/posts/schemas";
import { fieldErrors } from "@/lib/validation";
import { allProviders, getProvider } from "@/providers/registry";
import type { ImportChannel } from "./channel-match";
import { planColumns } from "./columns";
import { readCsv } from "./csv-read";
import { columnFor, planRow, type CellError } from "./rows";
import type { ImportReport } from "./types";
import { autoSigner } from "@/lib/signatures/auto";

export type { ImportReport };

// The preview: every row of the file checked as the composer checks a post (the same zod schema
// and lib/posts/prepare.ts: each channel's length, media and settings rules), nothing written.
// Problems come back as (row, column, message); the header's own problems are row 1.

export type CheckedRow = {
  row: number;
  input?: PostInput;
  prepared?: PreparedTarget[];
  errors: CellError[];
};

/** Rows listed in the preview (every row's problems are always listed). */
export const PREVIEW_ROWS = 200;

export async function importChannels(ctx: OrgContext): Promise<ImportChannel[]> {
  const rows = await ctx.db.integration.findMany({
    select: { id: true, provider: true, name: true, username: true, instanceUrl: true },
    orderBy: [{ provider: "asc" }, { name: "asc" }],
  });
  return rows.map((r) => ({ ...r, providerName: getProvider(r.provider)?.name ?? r.provider }));
}

export async function checkCsv(ctx: OrgContext, text: string, opts: { timeZone: string; now?: Date }): Promise<CheckedRow[]> {
  const table = readCsv(text);
  const channels = await importChannels(ctx);
  const providers = allProviders();
  const { columns, problems } = planColumns(table.header, channels, providers);
  if (problems.length) return [{ row: 1, errors: problems.map((p) => ({ row: 1, ...p })) }];
  const byId = new Map(providers.map((p) => [p.identifier, p]));
  const plans = table.rows.map((r) => planRow(r, columns, channels, byId, opts.timeZone, table.header.length));
  // Automatic signatures count in each row's limits, as in the composer (lib/signatures/auto.ts).
  const sign = await autoSigner(ctx);
  const checked: CheckedRow[] = plans.map((plan) => {
    if (!plan.input) return { row: plan.row, errors: plan.errors };
    const parsed = postInputSchema.safeParse(plan.input);
    if (parsed.success) return { row: plan.row, input: sign(parsed.data), errors: [] };
    const errors = Object.entries(fieldErrors(parsed.error)).map(([f, message]) => ({
      row: plan.row,
      column: columnFor(f, plan, columns),
      message,
    }));
    return { row: plan.row, errors };
  });
  const ready = checked.filter((c) => c.input);
  const results = await prepareMany(
    ctx,
    ready.map((c) => c.input!),
    opts.now,
  );
  const planOf = new Map(plans.map((p) => [p.row, p]));
  ready.forEach((c, i) => {
    const { prepared, errors } = results[i]!;
    const plan = planOf.get(c.row)!;
    c.errors = Object.entries(errors).map(([f, message]) => ({ row: c.row, column: columnFor(f, plan, columns), message }));
    if (!c.errors.length) c.prepared = prepared;
  });
  return checked;
}

export function reportOf(checked: CheckedRow[], channels: ImportChannel[]): ImportReport {
  const names = new Map(channels.map((c) => [c.id, c.username ? `${c.name} (@${c.username.replace(/^@/, "")})` : c.name]));
  const rows = checked
    .filter((c) => c.row > 1)
    .map((c) => ({
      row: c.row,
      mode: c.input?.mode ?? "",
      publishAt: c.input?.publishAt?.toISOString() ?? null,
      channels: c.input?.targets.map((t) => names.get(t.channelId) ?? t.channelId) ?? [],
      text: (c.input?.targets[0]?.items[0]?.text ?? "").slice(0, 120),
      ok: !c.errors.length,
    }));
  return {
    total: rows.length,
    clean: rows.filter((r) => r.ok).length,
    errors: checked.flatMap((c) => c.errors),
    // The page lists the first rows only; 10,000 of them would be megabytes of JSON nobody reads.
    rows: rows.slice(0, PREVIEW_ROWS),
  };
}
