"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { api, type Channel, type Descriptor } from "@/components/channels/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { countText } from "@/providers/core/counting";
import { dateToWallTime, wallTimeToDate } from "@/lib/time/zone";

// The first composer: one text (and optional thread replies) for the chosen channels, a time in the
// user's zone, and schedule / post now / draft. Each channel's length is counted the platform's
// way as you type; the server checks the same rules and its messages land next to the channel.

type Props = { channels: Channel[]; providers: Descriptor[]; timeZone: string };
type Mode = "schedule" | "now" | "draft";

export function ComposeForm({ channels, providers, timeZone }: Props) {
  const router = useRouter();
  const byProvider = useMemo(() => new Map(providers.map((p) => [p.identifier, p])), [providers]);
  const usable = channels.filter((c) => c.status === "active");
  const [picked, setPicked] = useState<string[]>(usable.length === 1 ? [usable[0]!.id] : []);
  const [items, setItems] = useState<string[]>([""]);
  const [when, setWhen] = useState(() => dateToWallTime(new Date(Date.now() + 60 * 60_000), timeZone));
  const [busy, setBusy] = useState<Mode | null>(null);
  const [error, setError] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});

  const chosen = channels.filter((c) => picked.includes(c.id));
  const overLimit = chosen.flatMap((c) => {
    const d = byProvider.get(c.provider);
    if (!d) return [];
    const limit = c.maxLength ?? d.maxLength;
    return items.map((t, i) => ({ c, i, used: countText(d.counting, t), limit })).filter((x) => x.used > x.limit);
  });

  async function submit(mode: Mode) {
    setBusy(mode);
    setError("");
    setFields({});
    try {
      const publishAt = mode === "schedule" ? wallTimeToDate(when, timeZone).toISOString() : undefined;
      const body = { mode, publishAt, targets: picked.map((channelId) => ({ channelId, items: items.map((text) => ({ text })) })) };
      const { post } = await api<{ post: { id: string } }>("/api/posts", { method: "POST", body: JSON.stringify(body) });
      router.push(`/calendar?post=${post.id}&saved=${mode}`);
    } catch (e) {
      const err = e as Error & { fields?: Record<string, string> };
      setFields(err.fields ?? {});
      setError(err.fields ? "The post was not saved. Fix the problems below." : err.message);
      setBusy(null);
    }
  }

  // Server messages keyed by targets.N… belong to the Nth picked channel.
  const channelErrors = (id: string) =>
    Object.entries(fields).filter(([k]) => k.startsWith(`targets.${picked.indexOf(id)}.`) || k === `targets.${picked.indexOf(id)}`).map(([, v]) => v);

  return (
    <form className="space-y-6" aria-label="Compose a post" onSubmit={(e) => (e.preventDefault(), submit("schedule"))}>
      {error && <Alert>{error}</Alert>}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Channels</legend>
        {channels.length === 0 && <p className="text-sm text-slate-500">No channels yet. <a className="text-brand-700 underline" href="/channels">Connect one</a> to start.</p>}
        <ul className="flex flex-wrap gap-2">
          {channels.map((c) => {
            const on = picked.includes(c.id);
            const problems = channelErrors(c.id);
            return (
              <li key={c.id}>
                <label className={`flex items-center gap-2 rounded-md border px-3 py-2 text-sm ${on ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white"} ${c.status !== "active" ? "opacity-60" : ""}`}>
                  <input type="checkbox" checked={on} disabled={c.status !== "active"} onChange={() => setPicked((p) => (on ? p.filter((x) => x !== c.id) : [...p, c.id]))} />
                  <span>{c.name}</span>
                  <span className="text-xs text-slate-500">{c.providerName}{c.status !== "active" ? ` · ${c.status.replace("_", " ")}` : ""}</span>
                </label>
                {problems.map((m) => <p key={m} role="alert" className="mt-1 max-w-xs text-xs text-red-700">{m}</p>)}
              </li>
            );
          })}
        </ul>
        {fields.targets && <p role="alert" className="text-sm text-red-700">{fields.targets}</p>}
      </fieldset>

      {items.map((text, i) => (
        <div key={i} className="space-y-1">
          <label htmlFor={`item-${i}`} className="block text-sm font-medium text-slate-700">{i === 0 ? "Post" : `Thread reply ${i}`}</label>
          <textarea id={`item-${i}`} rows={i === 0 ? 5 : 3} value={text} onChange={(e) => setItems((l) => l.map((x, j) => (j === i ? e.target.value : x)))}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100" />
          <div className="flex flex-wrap items-center gap-3 text-xs">
            {chosen.map((c) => {
              const d = byProvider.get(c.provider);
              if (!d) return null;
              const limit = c.maxLength ?? d.maxLength;
              const used = countText(d.counting, text);
              return <span key={c.id} data-testid="counter" className={used > limit ? "font-semibold text-red-700" : "text-slate-500"}>{c.name}: {used}/{limit}</span>;
            })}
            {i > 0 && <button type="button" className="text-slate-600 underline" onClick={() => setItems((l) => l.filter((_, j) => j !== i))}>Remove reply {i}</button>}
          </div>
        </div>
      ))}
      <Button type="button" variant="secondary" onClick={() => setItems((l) => [...l, ""])}>Add thread reply</Button>

      <div className="space-y-1">
        <label htmlFor="publish-at" className="block text-sm font-medium text-slate-700">Publish at ({timeZone})</label>
        <input id="publish-at" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} aria-invalid={!!fields.publishAt}
          aria-describedby={fields.publishAt ? "publish-at-error" : undefined}
          className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm" />
        {fields.publishAt && <p id="publish-at-error" role="alert" className="text-sm text-red-700">{fields.publishAt}</p>}
      </div>

      {overLimit.length > 0 && (
        <Alert>{overLimit.map((o) => `${o.c.name} (${o.c.providerName}): ${o.i === 0 ? "the post" : `reply ${o.i}`} has ${o.used} of ${o.limit} characters`).join("; ")}</Alert>
      )}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={!!busy || picked.length === 0 || overLimit.length > 0}>{busy === "schedule" ? "Scheduling…" : "Schedule"}</Button>
        <Button type="button" variant="secondary" disabled={!!busy || picked.length === 0 || overLimit.length > 0} onClick={() => submit("now")}>{busy === "now" ? "Posting…" : "Post now"}</Button>
        <Button type="button" variant="ghost" disabled={!!busy || picked.length === 0} onClick={() => submit("draft")}>{busy === "draft" ? "Saving…" : "Save as draft"}</Button>
      </div>
    </form>
  );
}
