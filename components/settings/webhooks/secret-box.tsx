"use client";

/** A signing secret to copy: selectable text, never stored in the page beyond this view. */
export function SecretBox({ secret }: { secret: string }) {
  return (
    <div className="mt-2 flex items-center gap-2">
      <code data-testid="webhook-secret" className="select-all break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-800">
        {secret}
      </code>
      <button type="button" className="text-xs underline" onClick={() => void navigator.clipboard?.writeText(secret)}>
        Copy
      </button>
    </div>
  );
}
