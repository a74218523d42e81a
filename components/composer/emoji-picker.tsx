"use client";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { EMOJI_GROUPS, loadEmoji, searchEmoji, type Emoji } from "@/lib/composer/emoji-data";

// A button that opens a searchable emoji grid and hands the chosen emoji to `onPick`, which inserts
// it where the caret was. Keyboard: the search box keeps focus (a combobox), arrows move through the
// grid, Enter inserts, Escape closes and returns focus to the button. The dataset is loaded the
// first time the picker opens (lib/composer/emoji-data.ts).

const COLUMNS = 8;
/** A search shows at most this many; the whole set (no query) is shown by group. */
const MAX_RESULTS = 160;

type Props = { label: string; onPick: (emoji: string) => void; onOpen?: () => void };

export function EmojiPicker({ label, onPick, onOpen }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (!panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", outside);
    return () => document.removeEventListener("mousedown", outside);
  }, [open]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-label={`Insert emoji in ${label}`}
        title="Insert emoji"
        aria-haspopup="dialog"
        aria-expanded={open}
        // Keeps the caret (and a rich text selection) where it was.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
        className="rounded px-1.5 py-0.5 text-sm leading-none text-slate-700 hover:bg-slate-100"
      >
        <span aria-hidden="true">☺</span>
      </button>
      {open && (
        <div ref={panel} className="absolute right-0 z-30 mt-1">
          <EmojiPanel
            label={label}
            onPick={(e) => {
              onPick(e);
              setOpen(false);
            }}
            onClose={close}
          />
        </div>
      )}
    </div>
  );
}

function EmojiPanel({ label, onPick, onClose }: { label: string; onPick: (e: string) => void; onClose: () => void }) {
  const [all, setAll] = useState<Emoji[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const id = useId();
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    loadEmoji().then(
      (e) => live && setAll(e),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  const shown = useMemo(() => (all ? (query.trim() ? searchEmoji(all, query).slice(0, MAX_RESULTS) : all) : []), [all, query]);
  const current = shown[Math.min(active, shown.length - 1)];
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
    if (step !== undefined && shown.length) {
      e.preventDefault();
      setActive((a) => Math.max(0, Math.min(shown.length - 1, a + step)));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (current) onPick(current.emoji);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  const option = (em: Emoji, i: number) => (
    <button
      key={em.emoji}
      id={`${id}-${i}`}
      data-index={i}
      type="button"
      role="option"
      tabIndex={-1}
      aria-selected={i === active}
      aria-label={em.label}
      title={em.label}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onPick(em.emoji)}
      className={`flex h-8 w-8 items-center justify-center rounded text-xl ${i === active ? "bg-brand-100 ring-2 ring-brand-500" : "hover:bg-slate-100"}`}
    >
      {em.emoji}
    </button>
  );
  // Without a query the set is shown by group, indexes running on across groups.
  let offset = 0;
  return (
    <div role="dialog" aria-label={`Emoji for ${label}`} className="w-80 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
      <input
        autoFocus
        type="search"
        role="combobox"
        aria-label="Search emoji"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={current ? `${id}-${Math.min(active, shown.length - 1)}` : undefined}
        placeholder="Search emoji (heart, flag, party…)"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
        className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      <div ref={list} id={`${id}-list`} role="listbox" aria-label="Emoji" className="mt-2 max-h-64 overflow-y-auto">
        {failed && <p className="p-2 text-sm text-red-700">The emoji could not be loaded; try again.</p>}
        {!all && !failed && <p className="p-2 text-sm text-slate-500">Loading emoji…</p>}
        {all && shown.length === 0 && <p className="p-2 text-sm text-slate-500">No emoji match “{query}”.</p>}
        {all && query.trim() && <div className="grid grid-cols-8 gap-0.5">{shown.map(option)}</div>}
        {all &&
          !query.trim() &&
          EMOJI_GROUPS.map((g) => {
            const items = shown.filter((e) => e.group === g.id);
            const start = offset;
            offset += items.length;
            return (
              <div key={g.id} role="group" aria-label={g.name}>
                <p className="px-1 pt-1 text-xs font-medium text-slate-500">{g.name}</p>
                <div className="grid grid-cols-8 gap-0.5">{items.map((e, k) => option(e, start + k))}</div>
              </div>
            );
          })}
      </div>
      <p className="mt-1 truncate text-xs text-slate-500" aria-live="polite">
        {current ? `${current.emoji} ${current.label}` : " "}
      </p>
    </div>
  );
}
