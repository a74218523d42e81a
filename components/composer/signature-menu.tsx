"use client";
import { useEffect, useRef, useState } from "react";
import { channelLabel } from "@/lib/channels/label";
import type { ComposerChannel } from "@/lib/composer/types";
import { appliesTo, insertAt } from "@/lib/signatures/apply";

// Signatures in the composer: a menu that inserts one into the text box being edited, at the
// caret (or at the end of the first text box when none was used yet), and a line naming the
// automatic ones that will be added on save (already shown in the previews and counters).

export type SignatureItem = { id: string; name: string; body: string; auto: boolean; channelIds: string[]; providers: string[] };

type Props = {
  signatures: SignatureItem[];
  /** The channels whose text the open tab edits (every picked one following the shared text on "All channels"). */
  editing: ComposerChannel[];
  picked: ComposerChannel[];
};

const EDITABLE = "textarea, [contenteditable='true']";

function editorRoot(from: HTMLElement | null): HTMLElement | null {
  return from?.closest("form")?.querySelector<HTMLElement>("section[aria-label='Editor']") ?? null;
}

/** Types text into a controlled textarea the way a user would, so React's onChange sees it. */
function typeInto(el: HTMLTextAreaElement, body: string, caretKnown: boolean) {
  const { text, caret } = insertAt(el.value, body, caretKnown ? el.selectionStart : undefined);
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(el, text);
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.focus();
  el.setSelectionRange(caret, caret);
}

/** Rich text: at the caret if it is in this box, else at its end; the editor's own input handler saves it. */
function typeIntoRich(el: HTMLElement, body: string, caretKnown: boolean) {
  el.focus();
  const sel = window.getSelection();
  if (!caretKnown || !sel || !sel.rangeCount || !el.contains(sel.anchorNode)) {
    const range = document.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    sel?.removeAllRanges();
    sel?.addRange(range);
    if (el.textContent?.trim()) document.execCommand("insertParagraph");
  }
  document.execCommand("insertText", false, body);
}

export function SignatureMenu({ signatures, editing, picked }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const last = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);

  // Remembers the text box used last: the menu's buttons keep the focus where it is, but a click
  // elsewhere first (a tab, a counter) must not lose the place.
  useEffect(() => {
    const root = editorRoot(ref.current);
    if (!root) return;
    const onFocus = (e: FocusEvent) => {
      if (e.target instanceof HTMLElement && e.target.matches(EDITABLE)) last.current = e.target;
    };
    root.addEventListener("focusin", onFocus);
    return () => root.removeEventListener("focusin", onFocus);
  }, []);

  // The menu closes on Escape or a click anywhere else, as menus do.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const usable = signatures.filter((s) => editing.length === 0 || editing.some((c) => appliesTo(s, c)));
  const auto = signatures.flatMap((s) => {
    const to = picked.filter((c) => s.auto && appliesTo(s, c));
    return to.length ? [`"${s.name}" on ${to.map(channelLabel).join(", ")}`] : [];
  });

  const insert = (s: SignatureItem) => {
    setOpen(false);
    const root = editorRoot(ref.current);
    const known = !!last.current?.isConnected && !!root?.contains(last.current);
    const el = known ? last.current! : root?.querySelector<HTMLElement>(EDITABLE);
    if (!el) return;
    if (el instanceof HTMLTextAreaElement) typeInto(el, s.body, known);
    else typeIntoRich(el, s.body, known);
  };

  if (signatures.length === 0) return null;
  return (
    <div ref={ref} className="space-y-1 text-sm">
      <div className="relative inline-block">
        <button
          type="button"
          aria-haspopup="menu"
          aria-expanded={open}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => setOpen(!open)}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-800 hover:bg-slate-50"
        >
          Insert signature ▾
        </button>
        {open && (
          <ul
            role="menu"
            aria-label="Signatures"
            className="absolute z-20 mt-1 w-72 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
          >
            {usable.length === 0 && <li className="px-2 py-1 text-slate-500">No signature applies to these channels.</li>}
            {usable.map((s) => (
              <li key={s.id} role="none">
                <button
                  type="button"
                  role="menuitem"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert(s)}
                  className="block w-full rounded px-2 py-1 text-left hover:bg-slate-100"
                >
                  <span className="font-medium text-slate-900">{s.name}</span>
                  <span className="block truncate text-xs text-slate-500">{s.body}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {auto.length > 0 && <p className="text-xs text-slate-600">Added when saved: {auto.join("; ")}.</p>}
    </div>
  );
}
