"use client";
import { defaultRepeat, repeatInput, type EndKind, type RepeatDraft } from "@/lib/composer/repeat";
import { FREQUENCIES, MAX_COUNT, MAX_INTERVAL, repeatSchema, WEEKDAYS, type StoredRule } from "@/lib/recurrence/rule";
import { fieldErrors } from "@/lib/validation";

// "Repeat" in the composer: off, or every N days / weeks (on chosen weekdays) / months, ending
// never, after N posts or on a date. Editing an occurrence of a series, it asks whether the
// change is for this post only or this and the following ones. The rule is checked with the
// server's own schema as the user types; server messages (repeat.*) are shown beside it too.

const DAY_LABEL = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const UNIT = { daily: "days", weekly: "weeks", monthly: "months" } as const;
const input = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

type Props = {
  value: RepeatDraft;
  onChange: (v: RepeatDraft) => void;
  /** The series of the post being edited, if it is an occurrence of one. */
  series: { description: string; rule: StoredRule; lastError?: string | null } | null;
  serverErrors: Record<string, string>;
  /** The first post's wall time: switching Repeat on starts on its weekday. */
  when: string;
};

/** Problems with the rule as drawn, keyed like the server's ("repeat.interval"). */
export function repeatProblems(v: RepeatDraft, inSeries: boolean): Record<string, string> {
  const ruled = inSeries ? v.scope === "following" && v.changeRule : v.on;
  if (!ruled) return {};
  const res = repeatSchema.safeParse(repeatInput(v));
  return res.success ? {} : Object.fromEntries(Object.entries(fieldErrors(res.error)).map(([k, m]) => [`repeat.${k}`, m]));
}

export function RepeatControl({ value: v, onChange, series, serverErrors, when }: Props) {
  const set = (patch: Partial<RepeatDraft>) => onChange({ ...v, ...patch });
  const errors = { ...repeatProblems(v, !!series), ...serverErrors };
  const showRule = series ? v.scope === "following" && v.changeRule : v.on;
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" aria-label="Repeat">
      <legend className="px-1 text-sm font-medium text-slate-700">Repeat</legend>
      {series ? (
        <>
          <p className="text-sm text-slate-700" data-testid="series-description">
            {series.description}
          </p>
          {series.lastError && (
            <p className="text-sm text-amber-800">Later posts of this series could not be created: {series.lastError}</p>
          )}
          <div className="flex flex-wrap gap-4 text-sm" role="radiogroup" aria-label="Apply changes to">
            {(["this", "following"] as const).map((s) => (
              <label key={s} className="inline-flex items-center gap-1.5">
                <input type="radio" name="repeat-scope" checked={v.scope === s} onChange={() => set({ scope: s })} />
                {s === "this" ? "This post only" : "This and following posts"}
              </label>
            ))}
          </div>
          {v.scope === "following" && (
            <label className="inline-flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={v.changeRule} onChange={(e) => set({ changeRule: e.target.checked })} />
              Change the repeat rule from this post on
            </label>
          )}
        </>
      ) : (
        <label className="inline-flex items-center gap-1.5 text-sm">
          <input
            type="checkbox"
            checked={v.on}
            onChange={(e) => set(e.target.checked ? { on: true, weekdays: defaultRepeat(when).weekdays } : { on: false })}
          />
          Repeat this post
        </label>
      )}
      {showRule && (
        <div className="space-y-3">
          {!series && <p className="text-xs text-slate-500">The first post goes out at the time below; Schedule saves the series.</p>}
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label htmlFor="repeat-interval">Every</label>
            <input
              id="repeat-interval"
              type="number"
              min={1}
              max={MAX_INTERVAL}
              value={Number.isFinite(v.interval) ? v.interval : ""}
              onChange={(e) => set({ interval: e.target.valueAsNumber })}
              className={`${input} w-20`}
              aria-invalid={!!errors["repeat.interval"]}
            />
            <label htmlFor="repeat-freq" className="sr-only">
              Frequency
            </label>
            <select
              id="repeat-freq"
              value={v.freq}
              onChange={(e) => set({ freq: e.target.value as RepeatDraft["freq"] })}
              className={input}
            >
              {FREQUENCIES.map((f) => (
                <option key={f} value={f}>
                  {UNIT[f]}
                </option>
              ))}
            </select>
          </div>
          {v.freq === "weekly" && (
            <div className="flex flex-wrap gap-2 text-sm" role="group" aria-label="On weekdays">
              {WEEKDAYS.map((d, i) => (
                <label key={d} className="inline-flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={v.weekdays.includes(d)}
                    onChange={(e) => set({ weekdays: e.target.checked ? [...v.weekdays, d] : v.weekdays.filter((x) => x !== d) })}
                  />
                  {DAY_LABEL[i]}
                </label>
              ))}
            </div>
          )}
          {v.freq === "monthly" && (
            <p className="text-xs text-slate-500">On the same day of the month as the first post; months without that day are skipped.</p>
          )}
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label htmlFor="repeat-end">Ends</label>
            <select id="repeat-end" value={v.endKind} onChange={(e) => set({ endKind: e.target.value as EndKind })} className={input}>
              <option value="never">never</option>
              <option value="count">after a number of posts</option>
              <option value="until">on a date</option>
            </select>
            {v.endKind === "count" && (
              <>
                <label htmlFor="repeat-count" className="sr-only">
                  Number of posts
                </label>
                <input
                  id="repeat-count"
                  type="number"
                  min={1}
                  max={MAX_COUNT}
                  value={Number.isFinite(v.count) ? v.count : ""}
                  onChange={(e) => set({ count: e.target.valueAsNumber })}
                  className={`${input} w-20`}
                />
                <span>posts</span>
              </>
            )}
            {v.endKind === "until" && (
              <>
                <label htmlFor="repeat-until" className="sr-only">
                  Last date
                </label>
                <input id="repeat-until" type="date" value={v.until} onChange={(e) => set({ until: e.target.value })} className={input} />
              </>
            )}
          </div>
        </div>
      )}
      {Object.entries(errors).map(([k, m]) => (
        <p key={k} role="alert" className="text-sm text-red-700">
          {m}
        </p>
      ))}
    </fieldset>
  );
}
