"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { resendDeliveryAction } from "@/app/(app)/settings/webhooks/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/forms";
import { formatInZone } from "@/lib/time/zone";
import type { DeliveryView } from "@/lib/webhooks/deliveries";

const TONE: Record<string, string> = {
  delivered: "bg-green-50 text-green-800",
  failed: "bg-red-50 text-red-800",
  pending: "bg-amber-50 text-amber-800",
  delivering: "bg-brand-50 text-brand-700",
};

/** The endpoint's latest deliveries, each with its attempts; refreshes itself while some are on their way. */
export function DeliveryLog({ deliveries, timeZone }: { deliveries: DeliveryView[]; timeZone: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<FormState>({});
  const moving = deliveries.some((d) => d.status === "pending" || d.status === "delivering");
  useEffect(() => {
    if (!moving) return;
    const t = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(t);
  }, [moving, router]);
  const when = (iso: string) => formatInZone(iso, timeZone, { dateStyle: "medium", timeStyle: "medium" });

  if (!deliveries.length) return <p className="text-sm text-slate-500">Nothing sent yet. Send a test event to try the endpoint.</p>;
  return (
    <div className="space-y-2">
      {result.error && <Alert>{result.error}</Alert>}
      <ul className="divide-y divide-slate-100" aria-label="Deliveries">
        {deliveries.map((d) => (
          <li key={d.id} className="py-2" data-testid="delivery-row">
            <details>
              <summary className="flex cursor-pointer flex-wrap items-center gap-3 text-sm">
                <code className="font-medium">{d.type}</code>
                <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONE[d.status] ?? ""}`} data-testid="delivery-status">
                  {d.status}
                </span>
                <span className="text-xs text-slate-500">
                  {when(d.occurredAt)} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                  {d.lastStatus !== null && ` · last answer HTTP ${d.lastStatus}`}
                  {d.nextAttemptAt && d.attempts > 0 && ` · next try ${when(d.nextAttemptAt)}`}
                </span>
              </summary>
              <div className="mt-2 space-y-2 pl-4 text-xs">
                <p className="text-slate-500">
                  webhook-id <code>{d.id}</code>
                </p>
                <table className="w-full text-left">
                  <thead className="text-slate-500">
                    <tr>
                      <th className="py-1 font-medium">#</th>
                      <th className="py-1 font-medium">Time</th>
                      <th className="py-1 font-medium">Result</th>
                      <th className="py-1 font-medium">Duration</th>
                      <th className="py-1 font-medium">Response</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.log.map((a, i) => (
                      <tr key={i} data-testid="attempt-row" className="align-top">
                        <td className="py-1">{a.attempt}</td>
                        <td className="py-1">{when(a.startedAt)}</td>
                        <td className="py-1">{a.statusCode !== null ? `HTTP ${a.statusCode}` : a.error}</td>
                        <td className="py-1">{a.durationMs} ms</td>
                        <td className="max-w-xs truncate py-1 font-mono" title={a.responseSnippet ?? ""}>
                          {a.responseSnippet}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <pre tabIndex={0} aria-label="Event data" className="max-h-48 overflow-auto rounded bg-slate-50 p-2">
                  {JSON.stringify(d.data, null, 2)}
                </pre>
              </div>
            </details>
            {d.status === "failed" && (
              <Button
                type="button"
                variant="secondary"
                className="mt-1 !py-1"
                disabled={pending}
                onClick={() =>
                  start(async () => {
                    setResult(await resendDeliveryAction(d.id));
                    router.refresh();
                  })
                }
              >
                Re-send
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
