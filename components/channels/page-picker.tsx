"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import type { Channel } from "./types";

type Page = { id: string; name: string; username?: string };

/** After signing in on a multi-page platform: choose which page this channel posts as. */
export function PagePicker({ channel, onPicked }: { channel: Channel; onPicked: (c: Channel) => void }) {
  const pages = useQuery({ queryKey: ["pages", channel.id], queryFn: () => api<{ pages: Page[] }>(`/api/channels/${channel.id}/pages`) });
  const [selected, setSelected] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function pick() {
    setBusy(true);
    setError("");
    try {
      onPicked(
        (
          await api<{ channel: Channel }>(`/api/channels/${channel.id}/pages`, {
            method: "POST",
            body: JSON.stringify({ pageId: selected }),
          })
        ).channel,
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rounded-lg border border-brand-100 bg-brand-50 p-4" role="group" aria-label={`Pick a page for ${channel.name}`}>
      <p className="text-sm font-medium">Which {channel.providerName} page should this channel post as?</p>
      {pages.isLoading && <p className="mt-2 text-sm text-slate-600">Loading your pages…</p>}
      {pages.error && (
        <div className="mt-2">
          <Alert>{(pages.error as Error).message}</Alert>
        </div>
      )}
      {pages.data && pages.data.pages.length === 0 && <p className="mt-2 text-sm">This account administers no pages.</p>}
      <fieldset className="mt-2 space-y-1">
        <legend className="sr-only">Pages</legend>
        {pages.data?.pages.map((p) => (
          <label key={p.id} className="flex items-center gap-2 text-sm">
            <input type="radio" name={`page-${channel.id}`} value={p.id} checked={selected === p.id} onChange={() => setSelected(p.id)} />
            {p.name}
            {p.username && <span className="text-slate-500">({p.username})</span>}
          </label>
        ))}
      </fieldset>
      {error && (
        <div className="mt-2">
          <Alert>{error}</Alert>
        </div>
      )}
      <Button className="mt-3" disabled={!selected || busy} onClick={pick}>
        Use this page
      </Button>
    </div>
  );
}
