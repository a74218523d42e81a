"use client";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { deleteMediaItem, fetchMediaPage } from "@/lib/media/client-api";
import { formatBytes } from "@/lib/media/format";
import type { MediaDto } from "@/lib/media/types";
import { MediaThumb } from "./media-thumb";

// The organization's earlier uploads, to attach one again. A native modal <dialog>: the browser
// keeps focus inside, closes on Escape and gives focus back to the button that opened it.
// Picking does not close the dialog by itself; the composer calls onClose when it wants to.

type Props = { open: boolean; onClose: () => void; onPick: (m: MediaDto) => void };
const PAGE = 24;

export function MediaLibrary({ open, onClose, onPick }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [items, setItems] = useState<MediaDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchMediaPage({ cursor: after, limit: PAGE });
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, []);

  // The browser closes the dialog itself on Escape; the parent hears of it through onClose. The
  // ref tells a close the parent asked for (open already false) from one the user made.
  const wantOpen = useRef(open);
  useEffect(() => {
    wantOpen.current = open;
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      void load(null);
    } else if (!open && dialog.open) dialog.close();
  }, [open, load]);

  const removed = (id: string) => setItems((all) => all.filter((m) => m.id !== id));

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-modal="true"
      onClose={() => {
        if (wantOpen.current) onClose();
      }}
      className="m-auto w-full max-w-3xl rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <header className="flex items-center justify-between border-b border-slate-100 px-5 py-4">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Media library
        </h2>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      </header>
      <div className="max-h-[70vh] space-y-4 overflow-y-auto px-5 py-4">
        {error && <Alert>{error}</Alert>}
        {!loading && !error && items.length === 0 && (
          <p className="py-8 text-center text-sm text-slate-500">No uploads yet. Files you upload in the composer appear here.</p>
        )}
        {items.length > 0 && (
          <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 md:grid-cols-4">
            {items.map((m) => (
              <LibraryItem key={m.id} media={m} onPick={onPick} onDeleted={removed} />
            ))}
          </ul>
        )}
        {loading && (
          <p role="status" className="py-4 text-center text-sm text-slate-500">
            Loading uploads…
          </p>
        )}
        {cursor && !loading && (
          <div className="text-center">
            <Button variant="secondary" onClick={() => load(cursor)}>
              Load more
            </Button>
          </div>
        )}
      </div>
    </dialog>
  );
}

function LibraryItem({ media, onPick, onDeleted }: { media: MediaDto; onPick: (m: MediaDto) => void; onDeleted: (id: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const details = [formatBytes(media.size), media.width && media.height ? `${media.width}×${media.height}` : null]
    .filter(Boolean)
    .join(" · ");

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteMediaItem(media.id);
      onDeleted(media.id);
    } catch (e) {
      setError((e as Error).message);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="space-y-2" aria-label={media.fileName}>
      <MediaThumb media={media} className="aspect-square w-full" />
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-slate-800" title={media.fileName}>
          {media.fileName}
        </p>
        <p className="text-xs text-slate-500">{details}</p>
      </div>
      {confirming ? (
        <div
          role="group"
          aria-label={`Delete ${media.fileName}?`}
          className="space-y-2 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-800"
        >
          <p>Delete {media.fileName} for everyone in this organization?</p>
          <div className="flex gap-1">
            <Button variant="danger" disabled={busy} onClick={remove}>
              Delete
            </Button>
            <Button variant="ghost" disabled={busy} onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex gap-1">
          <Button onClick={() => onPick(media)} aria-label={`Use ${media.fileName}`}>
            Use
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${media.fileName}`}>
            Delete
          </Button>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
    </li>
  );
}
