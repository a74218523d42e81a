"use client";
import type { ReactNode } from "react";
import type { DraftItem, EditorKind } from "@/lib/composer/types";
import type { PollRules } from "@/providers/social.integrations.interface";
import { newPoll, PollEditor } from "./poll-editor";
import { TextEditor } from "./text-editor";

// The list of items of one variant: the post, then its thread replies or comments, each with its
// text, media and (where the platforms take one) a poll. Items can be added, moved and removed.

type Props = {
  idPrefix: string;
  items: DraftItem[];
  onChange: (items: DraftItem[]) => void;
  editor: EditorKind;
  /** "replies" or "comments", or null when no picked platform takes follow-ups. */
  followUps: { word: string; max: number } | null;
  pollRules: PollRules[];
  askQuestion: boolean;
  counters: (index: number) => ReactNode;
  errors: (index: number) => Record<string, string>;
  media: (index: number, item: DraftItem, set: (item: DraftItem) => void) => ReactNode;
};

export function ItemsEditor({ idPrefix, items, onChange, editor, followUps, pollRules, askQuestion, counters, errors, media }: Props) {
  const setItem = (i: number, item: DraftItem) => onChange(items.map((x, j) => (j === i ? item : x)));
  const move = (from: number, to: number) => {
    const next = [...items];
    const [it] = next.splice(from, 1);
    next.splice(to, 0, it!);
    onChange(next);
  };
  const word = followUps?.word === "comments" ? "Comment" : "Reply";
  return (
    <div className="space-y-4">
      {items.map((item, i) => {
        const errs = errors(i);
        // Keys may carry "@channel" when several channels report on the same shared item.
        const textErrors = Object.entries(errs)
          .filter(([k]) => k.split("@")[0] === "text")
          .map(([, v]) => v);
        const pollErrors = Object.fromEntries(
          Object.entries(errs)
            .filter(([k]) => k.startsWith("poll"))
            .map(([k, v]) => [k.split("@")[0]!, v]),
        );
        const id = `${idPrefix}-item-${i}`;
        const canPoll = pollRules.length > 0 && !item.poll && (i === 0 || followUps?.word === "replies");
        return (
          <div key={i} className={`space-y-1.5 ${i > 0 ? "border-l-2 border-slate-200 pl-4" : ""}`} data-testid="compose-item">
            <TextEditor
              id={id}
              kind={editor}
              label={i === 0 ? "Post" : `${word} ${i}`}
              value={item.text}
              rows={i === 0 ? 6 : 3}
              onChange={(text) => setItem(i, { ...item, text })}
              describedBy={`${id}-counters`}
              invalid={textErrors.length > 0}
            />
            <div id={`${id}-counters`} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
              {counters(i)}
            </div>
            {textErrors.map((m) => (
              <p key={m} role="alert" className="text-sm text-red-700">
                {m}
              </p>
            ))}
            {item.poll && (
              <PollEditor
                idPrefix={id}
                poll={item.poll}
                rules={pollRules}
                askQuestion={askQuestion}
                onChange={(poll) => setItem(i, { ...item, poll })}
                onRemove={() => setItem(i, { text: item.text, media: item.media })}
                errors={pollErrors}
              />
            )}
            {[
              ...new Set(
                Object.entries(errs)
                  .filter(([k]) => k.startsWith("poll"))
                  .map(([, v]) => v),
              ),
            ].map((m) => (
              <p key={m} role="alert" className="text-sm text-red-700">
                {m}
              </p>
            ))}
            {/* The item's media sit in this row: attachments above it, the drop zone below (item-media.tsx). */}
            <div className="flex flex-wrap items-baseline gap-x-3 text-sm">
              {media(i, item, (next) => setItem(i, next))}
              {canPoll && (
                <button
                  type="button"
                  className="text-brand-700 underline"
                  onClick={() => setItem(i, { ...item, poll: newPoll(pollRules) })}
                >
                  Add poll
                </button>
              )}
              {i > 1 && (
                <button
                  type="button"
                  className="text-slate-600 underline"
                  onClick={() => move(i, i - 1)}
                  aria-label={`Move ${word.toLowerCase()} ${i} up`}
                >
                  Move up
                </button>
              )}
              {i > 0 && i < items.length - 1 && (
                <button
                  type="button"
                  className="text-slate-600 underline"
                  onClick={() => move(i, i + 1)}
                  aria-label={`Move ${word.toLowerCase()} ${i} down`}
                >
                  Move down
                </button>
              )}
              {i > 0 && (
                <button
                  type="button"
                  className="text-slate-600 underline"
                  onClick={() => onChange(items.filter((_, j) => j !== i))}
                  aria-label={`Remove ${word.toLowerCase()} ${i}`}
                >
                  Remove
                </button>
              )}
            </div>
          </div>
        );
      })}
      {followUps && items.length <= followUps.max && (
        <button
          type="button"
          className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-700 hover:bg-slate-50"
          onClick={() => onChange([...items, { text: "", media: [] }])}
        >
          Add {followUps.word === "comments" ? "comment" : "thread reply"}
        </button>
      )}
    </div>
  );
}
