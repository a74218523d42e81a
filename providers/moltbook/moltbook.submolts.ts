import { z } from "zod";
import type { SettingsChoice } from "../social.integrations.interface";
import type { MoltbookApi } from "./moltbook.api";

// The submolts (communities) to offer in the composer, from GET /submolts. Lists come as
// {submolts: [...]}, {data: [...]} or a bare array depending on the version (§6), so each is tried.

const submolt = z.object({ name: z.string().min(1), display_name: z.string().nullish() });
const LIMIT = 100;

function rowsOf(answer: unknown): unknown[] {
  if (Array.isArray(answer)) return answer;
  const a = (answer ?? {}) as Record<string, unknown>;
  for (const key of ["submolts", "data"]) if (Array.isArray(a[key])) return a[key] as unknown[];
  return [];
}

export async function submoltChoices(api: MoltbookApi): Promise<SettingsChoice[]> {
  const answer = await api.get(`/submolts?limit=${LIMIT}`, "list the submolts");
  const seen = new Set<string>();
  const choices: SettingsChoice[] = [];
  for (const row of rowsOf(answer)) {
    const s = submolt.safeParse(row);
    if (!s.success) continue;
    const value = s.data.name.toLowerCase();
    if (seen.has(value)) continue;
    seen.add(value);
    const label = s.data.display_name?.trim();
    choices.push({ value, label: label && label.toLowerCase() !== value ? `${label} (m/${value})` : `m/${value}` });
  }
  return choices;
}
