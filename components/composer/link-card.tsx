"use client";
/* eslint-disable @next/next/no-img-element -- the card shows the linked page's own picture */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "@/lib/client/api";
import { cardUrlOf, linksOf } from "@/lib/composer/link-card";
import type { Descriptor, DraftItem } from "@/lib/composer/types";

// The card a platform shows for a link of the item, in that item's preview: the page's title,
// description, picture and site, read through GET /api/link-preview once the link has stopped
// changing. Where the post carries the card (manifest linkCard "card" or "link") the user can
// remove it or pick another link of the text; where the platform makes it itself ("auto") it is
// shown as the platform will, without a choice. Media take a card's place on every platform.

type Preview = { url: string; title: string | null; description: string | null; image: string | null; siteName: string | null };

const SETTLE_MS = 600;

function useSettled<T>(value: T): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), SETTLE_MS);
    return () => clearTimeout(t);
  }, [value]);
  return settled;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host.replace(/^www\./, "");
  } catch {
    return url;
  }
};

export function LinkCard({
  descriptor,
  item,
  onChange,
}: {
  descriptor: Descriptor;
  item: DraftItem;
  onChange?: (choice: { url: string } | null) => void;
}) {
  const kind = descriptor.linkCard;
  const links = linksOf(item.text);
  // A platform that makes its own card uses the first link; a removed or re-picked card is ours only.
  const chosen = kind === "auto" ? (links[0] ?? null) : cardUrlOf(item);
  const url = useSettled(chosen);
  const q = useQuery({
    queryKey: ["link-preview", url],
    queryFn: () => api<Preview>(`/api/link-preview?url=${encodeURIComponent(url!)}`),
    enabled: !!url && url === chosen,
    staleTime: 30 * 60_000,
    retry: false,
  });
  if (!kind || item.media.length > 0 || links.length === 0) return null;
  const choosable = kind !== "auto" && !!onChange;
  if (!chosen)
    return choosable ? (
      <button type="button" className="mt-2 text-xs text-brand-700 underline" onClick={() => onChange!({ url: links[0]! })}>
        Show a link card
      </button>
    ) : null;

  const p = q.data;
  return (
    <div className="mt-2" data-testid="link-card">
      {q.isError ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-3 py-2 text-xs text-slate-600" role="status">
          No card for {hostOf(chosen)}: {(q.error as Error).message.replace(/^url: no link card for this address: /, "")}
        </p>
      ) : !p || url !== chosen ? (
        <p className="rounded-lg border border-slate-200 px-3 py-2 text-xs text-slate-500" role="status">
          Reading {hostOf(chosen)}…
        </p>
      ) : (
        <a
          href={chosen}
          target="_blank"
          rel="noopener noreferrer"
          className="block overflow-hidden rounded-lg border border-slate-200 hover:bg-slate-50"
        >
          {/* The page's picture loads from its own server: only over https, as the CSP's img-src allows. */}
          {p.image?.startsWith("https:") && (
            <img src={p.image} alt="" className="max-h-48 w-full border-b border-slate-200 object-cover" data-testid="link-card-image" />
          )}
          <span className="block px-3 py-2">
            <span className="block text-xs text-slate-500">{p.siteName ?? hostOf(p.url)}</span>
            {p.title && <span className="block text-sm font-semibold text-slate-900">{p.title}</span>}
            {p.description && <span className="line-clamp-2 block text-xs text-slate-600">{p.description}</span>}
          </span>
        </a>
      )}
      <p className="mt-1 flex flex-wrap items-center gap-x-3 text-xs text-slate-500">
        {kind === "auto" && <span>{descriptor.name} makes this card itself from the link.</span>}
        {kind === "link" && <span>{descriptor.name} reads the page itself; its card may differ.</span>}
        {choosable && links.length > 1 && (
          <label>
            Card for{" "}
            <select
              className="rounded border border-slate-300 px-1 py-0.5 text-xs"
              value={chosen}
              onChange={(e) => onChange!({ url: e.target.value })}
            >
              {links.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        )}
        {choosable && (
          <button type="button" className="text-brand-700 underline" onClick={() => onChange!(null)}>
            Remove card
          </button>
        )}
      </p>
    </div>
  );
}
