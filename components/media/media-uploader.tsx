"use client";
import { useId, useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { uploadFile } from "@/lib/media/client-upload";
import { formatBytes } from "@/lib/media/format";
import { checkFileForChannels, type ChannelForCheck } from "@/lib/media/rules-check";
import type { MediaDto } from "@/lib/media/types";

// Drop zone and file picker for the composer. Each file is checked against the picked channels
// first (a file some channel refuses is not uploaded: the user sees why at once), then uploaded
// with its own progress bar and Cancel button. A finished upload is handed to onUploaded and its
// row disappears; a failed one stays with the server's reason until dismissed.

export const DEFAULT_ACCEPT = "image/jpeg,image/png,image/gif,image/webp,video/mp4,video/quicktime,video/webm";

type Row =
  | { key: number; name: string; state: "uploading"; loaded: number; total: number; controller: AbortController }
  | { key: number; name: string; state: "refused" | "failed"; messages: string[] };

type Props = {
  channels: ChannelForCheck[];
  onUploaded: (m: MediaDto) => void;
  accept?: string;
  /** Hides the drop zone (the composer shows it on demand); uploads under way and refusals still show. */
  collapsed?: boolean;
};

export function MediaUploader({ channels, onUploaded, accept = DEFAULT_ACCEPT, collapsed = false }: Props) {
  const inputId = useId();
  const hintId = useId();
  const [rows, setRows] = useState<Row[]>([]);
  const [dragging, setDragging] = useState(false);
  const nextKey = useRef(0);

  const update = (key: number, fn: (r: Row) => Row | null) => setRows((all) => all.flatMap((r) => (r.key === key ? (fn(r) ?? []) : [r])));

  const start = (file: File) => {
    const key = nextKey.current++;
    const problems = checkFileForChannels(file, channels);
    if (problems.length) {
      setRows((all) => [...all, { key, name: file.name, state: "refused", messages: problems }]);
      return;
    }
    const controller = new AbortController();
    setRows((all) => [...all, { key, name: file.name, state: "uploading", loaded: 0, total: file.size, controller }]);
    uploadFile(file, {
      signal: controller.signal,
      onProgress: (loaded, total) => update(key, (r) => (r.state === "uploading" ? { ...r, loaded, total } : r)),
    }).then(
      (media) => {
        update(key, () => null);
        onUploaded(media);
      },
      (e: Error) => update(key, () => (e.name === "AbortError" ? null : { key, name: file.name, state: "failed", messages: [e.message] })),
    );
  };

  const startAll = (files: FileList | null) => Array.from(files ?? []).forEach(start);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    startAll(e.dataTransfer.files);
  };

  return (
    <div className={collapsed && rows.length === 0 ? "" : "space-y-3"}>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="media-drop-zone"
        className={`${collapsed ? "hidden" : "flex"} flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm ${dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white"}`}
      >
        <p className="text-slate-600">Drop images or videos here, or</p>
        <input
          id={inputId}
          type="file"
          multiple
          accept={accept}
          aria-describedby={hintId}
          className="peer sr-only"
          onChange={(e) => {
            startAll(e.target.files);
            e.target.value = "";
          }}
        />
        <label
          htmlFor={inputId}
          className="inline-flex cursor-pointer items-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500"
        >
          Choose files
        </label>
        <p id={hintId} className="text-xs text-slate-500">
          JPEG, PNG, GIF, WebP, MP4, MOV or WebM; each channel&apos;s own limits apply.
        </p>
      </div>
      {rows.length > 0 && (
        <ul className="space-y-2" aria-label="Uploads">
          {rows.map((r) => (
            <UploadRow key={r.key} row={r} onDismiss={() => update(r.key, () => null)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function UploadRow({ row, onDismiss }: { row: Row; onDismiss: () => void }) {
  if (row.state === "uploading") {
    const percent = row.total ? Math.round((row.loaded / row.total) * 100) : 0;
    return (
      <li className="flex items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
        <span className="min-w-0 flex-1 truncate font-medium">{row.name}</span>
        <progress className="h-2 w-32 accent-brand-600" max={100} value={percent} aria-label={`Uploading ${row.name}`} />
        <span className="w-20 text-right text-xs text-slate-500" aria-hidden="true">
          {percent}% of {formatBytes(row.total)}
        </span>
        <Button variant="ghost" onClick={() => row.controller.abort()} aria-label={`Cancel upload of ${row.name}`}>
          Cancel
        </Button>
      </li>
    );
  }
  const title = row.state === "refused" ? `${row.name} was not uploaded` : `${row.name} could not be uploaded`;
  return (
    <li className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium">{title}</p>
          <div role="alert">
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {row.messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        </div>
        <Button variant="ghost" onClick={onDismiss} aria-label={`Dismiss ${row.name}`}>
          Dismiss
        </Button>
      </div>
    </li>
  );
}
