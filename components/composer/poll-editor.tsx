"use client";
import type { DraftPoll } from "@/lib/composer/types";
import type { PollRules } from "@/providers/social.integrations.interface";

// A poll: options within the platforms' limits and a duration from the lengths they accept.
// With several poll platforms picked, the choices are those at least one of them takes; the
// per-channel check then names any platform a choice does not suit.

const DURATIONS = [5, 15, 30, 60, 360, 720, 1440, 2880, 4320, 7200, 10080, 20160, 43200];
const label = (m: number) =>
  m < 60 ? `${m} minutes` : m < 1440 ? `${m / 60} hour${m === 60 ? "" : "s"}` : `${m / 1440} day${m === 1440 ? "" : "s"}`;

export function pollDurations(rules: PollRules[]): number[] {
  const fits = (m: number, r: PollRules) =>
    "choices" in r.durationMinutes ? r.durationMinutes.choices.includes(m) : m >= r.durationMinutes.min && m <= r.durationMinutes.max;
  return DURATIONS.filter((m) => rules.some((r) => fits(m, r)));
}

export function newPoll(rules: PollRules[]): DraftPoll {
  const durations = pollDurations(rules);
  const all = durations.filter((m) =>
    rules.every((r) =>
      "choices" in r.durationMinutes ? r.durationMinutes.choices.includes(m) : m >= r.durationMinutes.min && m <= r.durationMinutes.max,
    ),
  );
  const min = Math.max(2, ...rules.map((r) => r.minOptions));
  return {
    question: "",
    options: Array.from({ length: min }, () => ""),
    durationMinutes: all.includes(1440) ? 1440 : (all[0] ?? durations[0] ?? 1440),
  };
}

type Props = {
  idPrefix: string;
  poll: DraftPoll;
  rules: PollRules[];
  askQuestion: boolean;
  onChange: (p: DraftPoll) => void;
  onRemove?: () => void;
  errors: Record<string, string>;
};

export function PollEditor({ idPrefix, poll, rules, askQuestion, onChange, onRemove, errors }: Props) {
  const maxOptions = Math.max(2, ...rules.map((r) => r.maxOptions));
  const maxLength = Math.max(1, ...rules.map((r) => r.maxOptionLength));
  const set = (patch: Partial<DraftPoll>) => onChange({ ...poll, ...patch });
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="poll-editor">
      <legend className="px-1 text-sm font-medium text-slate-700">Poll</legend>
      {askQuestion && (
        <div>
          <label htmlFor={`${idPrefix}-question`} className="block text-xs font-medium text-slate-700">
            Question
          </label>
          <input
            id={`${idPrefix}-question`}
            value={poll.question}
            onChange={(e) => set({ question: e.target.value })}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
        </div>
      )}
      {poll.options.map((o, i) => {
        const err = errors[`poll.options.${i}`];
        return (
          <div key={i} className="flex items-center gap-2">
            <label htmlFor={`${idPrefix}-option-${i}`} className="w-20 shrink-0 text-xs font-medium text-slate-700">
              Option {i + 1}
            </label>
            <input
              id={`${idPrefix}-option-${i}`}
              value={o}
              maxLength={maxLength * 2}
              aria-invalid={!!err}
              onChange={(e) => set({ options: poll.options.map((x, j) => (j === i ? e.target.value : x)) })}
              className={`block w-full rounded-md border px-2 py-1 text-sm ${err ? "border-red-400" : "border-slate-300"}`}
            />
            <span className={`w-12 text-right text-xs ${[...o].length > maxLength ? "text-red-700" : "text-slate-500"}`}>
              {[...o].length}/{maxLength}
            </span>
            {poll.options.length > 2 && (
              <button
                type="button"
                className="text-xs text-slate-600 underline"
                aria-label={`Remove option ${i + 1}`}
                onClick={() => set({ options: poll.options.filter((_, j) => j !== i) })}
              >
                Remove
              </button>
            )}
          </div>
        );
      })}
      <div className="flex flex-wrap items-center gap-3">
        {poll.options.length < maxOptions && (
          <button type="button" className="text-sm text-brand-700 underline" onClick={() => set({ options: [...poll.options, ""] })}>
            Add option
          </button>
        )}
        <label htmlFor={`${idPrefix}-duration`} className="text-xs font-medium text-slate-700">
          Poll length
        </label>
        <select
          id={`${idPrefix}-duration`}
          value={poll.durationMinutes}
          onChange={(e) => set({ durationMinutes: Number(e.target.value) })}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        >
          {pollDurations(rules).map((m) => (
            <option key={m} value={m}>
              {label(m)}
            </option>
          ))}
        </select>
        {onRemove && (
          <button type="button" className="ml-auto text-sm text-slate-600 underline" onClick={onRemove}>
            Remove poll
          </button>
        )}
      </div>
    </fieldset>
  );
}
