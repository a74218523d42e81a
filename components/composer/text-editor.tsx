"use client";
import { useEffect, useRef, useState, type RefObject } from "react";
import { markdownToHtml } from "@/lib/composer/markdown";
import { sanitizeHtml } from "@/lib/markup/sanitize-html";
import type { EditorKind } from "@/lib/composer/types";
import { EmojiPicker } from "./emoji-picker";

// The text of one item, edited the way its platform takes it: plain text, markdown with a rendered
// preview, or rich text whose output is sanitised HTML. ("poll" platforms edit their poll in the
// poll editor; their text box is the plain one.)

type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  kind: EditorKind;
  rows?: number;
  describedBy?: string;
  invalid?: boolean;
};

const box =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

export function TextEditor(props: Props) {
  if (props.kind === "markdown") return <MarkdownEditor {...props} />;
  if (props.kind === "html") return <RichTextEditor {...props} />;
  return <PlainEditor {...props} />;
}

/** Puts `text` in place of the textarea's selection (or at its caret) and leaves the caret after it. */
function insertInto(area: RefObject<HTMLTextAreaElement | null>, value: string, onChange: (v: string) => void, text: string) {
  const el = area.current;
  const start = el?.selectionStart ?? value.length;
  const end = el?.selectionEnd ?? start;
  onChange(value.slice(0, start) + text + value.slice(end));
  requestAnimationFrame(() => {
    el?.focus();
    el?.setSelectionRange(start + text.length, start + text.length);
  });
}

function PlainEditor({ id, label, value, onChange, rows = 5, describedBy, invalid }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  return (
    <>
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        <EmojiPicker label={label} onPick={(e) => insertInto(area, value, onChange, e)} />
      </div>
      <textarea
        ref={area}
        id={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        className={`${box} ${invalid ? "border-red-400" : "border-slate-300"}`}
      />
    </>
  );
}

function MarkdownEditor({ id, label, value, onChange, rows = 8, describedBy, invalid }: Props) {
  const [tab, setTab] = useState<"write" | "preview">("write");
  const area = useRef<HTMLTextAreaElement>(null);
  return (
    <div>
      <div className="flex items-center justify-between">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {label} <span className="font-normal text-slate-500">(Markdown)</span>
        </label>
        <div className="flex items-center gap-1">
          {tab === "write" && <EmojiPicker label={label} onPick={(e) => insertInto(area, value, onChange, e)} />}
          <div role="tablist" aria-label={`${label} mode`} className="flex gap-1 text-xs">
            {(["write", "preview"] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                onClick={() => setTab(t)}
                className={`rounded px-2 py-1 ${tab === t ? "bg-slate-800 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {t === "write" ? "Write" : "Preview"}
              </button>
            ))}
          </div>
        </div>
      </div>
      {tab === "write" ? (
        <textarea
          ref={area}
          id={id}
          rows={rows}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={`${box} mt-1 font-mono ${invalid ? "border-red-400" : "border-slate-300"}`}
        />
      ) : (
        // markdownToHtml escapes all text and checks every link, so this HTML is safe to show.
        <div
          id={id}
          data-testid="markdown-preview"
          className="prose-sm mt-1 min-h-24 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm [&_a]:text-brand-700 [&_a]:underline [&_h2]:text-lg [&_h2]:font-semibold [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5"
          dangerouslySetInnerHTML={{ __html: markdownToHtml(value) || "<p>Nothing to preview yet.</p>" }}
        />
      )}
    </div>
  );
}

const COMMANDS = [
  { cmd: "bold", label: "Bold", text: "B" },
  { cmd: "italic", label: "Italic", text: "I" },
  { cmd: "insertUnorderedList", label: "Bulleted list", text: "•" },
  { cmd: "insertOrderedList", label: "Numbered list", text: "1." },
] as const;

function RichTextEditor({ id, label, value, onChange, describedBy, invalid }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const last = useRef(value);
  // The surface is uncontrolled while typing (React re-rendering it would move the caret); it is
  // reset only when the value changes from outside, e.g. "reset to global".
  useEffect(() => {
    if (ref.current && value !== last.current) {
      ref.current.innerHTML = sanitizeHtml(value);
      last.current = value;
    }
  }, [value]);
  useEffect(() => {
    if (ref.current) ref.current.innerHTML = sanitizeHtml(value);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);
  const emit = () => {
    const html = sanitizeHtml(ref.current?.innerHTML ?? "");
    last.current = html;
    onChange(html);
  };
  const exec = (cmd: string, arg?: string) => {
    ref.current?.focus();
    document.execCommand(cmd, false, arg);
    emit();
  };
  // The selection when the emoji picker opened: its search box takes focus, the emoji goes back here.
  const saved = useRef<Range | null>(null);
  const keepSelection = () => {
    const sel = window.getSelection();
    const range = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
    saved.current = range && ref.current?.contains(range.commonAncestorContainer) ? range.cloneRange() : null;
  };
  const insertEmoji = (text: string) => {
    ref.current?.focus();
    const sel = window.getSelection();
    if (sel && saved.current) {
      sel.removeAllRanges();
      sel.addRange(saved.current);
    }
    document.execCommand("insertText", false, text);
    emit();
  };
  const link = () => {
    const url = window.prompt("Link address (https://…)");
    if (url) exec("createLink", url);
  };
  return (
    <div>
      <span id={`${id}-label`} className="block text-sm font-medium text-slate-700">
        {label} <span className="font-normal text-slate-500">(rich text)</span>
      </span>
      <div
        role="toolbar"
        aria-label={`${label} formatting`}
        className="mt-1 flex gap-1 rounded-t-md border border-b-0 border-slate-300 bg-slate-50 p-1"
      >
        {COMMANDS.map((c) => (
          <button
            key={c.cmd}
            type="button"
            aria-label={c.label}
            title={c.label}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => exec(c.cmd)}
            className="min-w-8 rounded px-2 py-1 text-sm font-semibold text-slate-700 hover:bg-white"
          >
            {c.text}
          </button>
        ))}
        <button
          type="button"
          aria-label="Link"
          title="Link"
          onMouseDown={(e) => e.preventDefault()}
          onClick={link}
          className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-white"
        >
          Link
        </button>
        <div className="ml-auto">
          <EmojiPicker label={label} onOpen={keepSelection} onPick={insertEmoji} />
        </div>
      </div>
      <div
        id={id}
        ref={ref}
        role="textbox"
        aria-multiline="true"
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        tabIndex={0}
        contentEditable
        suppressContentEditableWarning
        onInput={emit}
        onBlur={emit}
        className={`min-h-32 rounded-b-md border bg-white px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-brand-100 [&_a]:text-brand-700 [&_a]:underline [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5 ${invalid ? "border-red-400" : "border-slate-300"}`}
      />
    </div>
  );
}
