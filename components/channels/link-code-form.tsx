"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import type { Channel, Descriptor } from "./types";

// Connecting a platform whose bot links a chat by a one-time code (manifest auth.link, e.g.
// Telegram's "/connect <code>"): asks for a code, shows the command to send in the chat with the
// platform's instructions, and asks every two seconds whether the chat is linked yet.

type Issued = { code: string; command: string; expiresAt: string; instructions: string };
type Status = { status: "pending" } | { status: "linked"; channel: Channel } | { status: "expired"; message: string };

const POLL_MS = 2000;

export function LinkCodeForm({ provider, onDone, onCancel }: { provider: Descriptor; onDone: (c: Channel) => void; onCancel: () => void }) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const [error, setError] = useState("");
  const [expired, setExpired] = useState("");
  const [copied, setCopied] = useState(false);
  // The latest callback, without restarting the polling when the parent renders a new one.
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);

  const request = useCallback(
    () => api<Issued>(`/api/integrations/${provider.identifier}/link`, { method: "POST", body: "{}" }),
    [provider.identifier],
  );
  // A code as soon as the form opens.
  useEffect(() => {
    let live = true;
    request().then(
      (i) => live && setIssued(i),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [request]);
  const newCode = () => {
    setError("");
    setExpired("");
    setIssued(null);
    request().then(setIssued, (e: Error) => setError(e.message));
  };

  useEffect(() => {
    if (!issued || expired) return;
    let stop = false;
    const timer = setInterval(() => {
      api<Status>(`/api/integrations/${provider.identifier}/link?code=${encodeURIComponent(issued.code)}`).then(
        (s) => {
          if (stop) return;
          if (s.status === "linked") {
            stop = true;
            done.current(s.channel);
          } else if (s.status === "expired") setExpired(s.message);
        },
        // A platform that is briefly unreachable is asked again on the next tick; the message shows meanwhile.
        (e: Error) => !stop && setError(e.message),
      );
    }, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [issued, expired, provider.identifier]);

  const copy = () =>
    issued &&
    navigator.clipboard?.writeText(issued.command).then(
      () => setCopied(true),
      () => undefined,
    );

  return (
    <section className="space-y-3" aria-label={`Connect ${provider.name}`}>
      {error && <Alert>{error}</Alert>}
      {provider.auth.kind === "bot" && <p className="text-sm text-slate-600">{provider.auth.instructions}</p>}
      {issued && !expired && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="link-command" className="rounded bg-slate-100 px-3 py-2 font-mono text-sm select-all">
              {issued.command}
            </code>
            <Button type="button" variant="secondary" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <p className="text-xs text-slate-500" role="status">
            Waiting for the command in your chat… The code works once, until {new Date(issued.expiresAt).toLocaleTimeString()}.
          </p>
        </div>
      )}
      {expired && <Alert>{expired}</Alert>}
      <div className="flex gap-2">
        {expired && (
          <Button type="button" onClick={newCode}>
            New code
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
