"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  deleteEndpointAction,
  revealSecretAction,
  rotateSecretAction,
  sendTestEventAction,
  setEndpointEnabledAction,
} from "@/app/(app)/settings/webhooks/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/forms";
import { SecretBox } from "./secret-box";

/** Turn on/off, send a test event, reveal or rotate the secret, delete. */
export function EndpointControls({ id, enabled, disabledReason }: { id: string; enabled: boolean; disabledReason: string | null }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<FormState>({});
  const [secret, setSecret] = useState<string>();
  const act = (fn: () => Promise<FormState>, after?: (s: FormState) => void) =>
    start(async () => {
      const s = await fn();
      setResult(s);
      if (s.ok) after?.(s);
      router.refresh();
    });
  return (
    <div className="space-y-3">
      {!enabled && (
        <Alert>This endpoint is turned off{disabledReason ? `: ${disabledReason}` : ""}. Nothing is sent to it until you turn it on.</Alert>
      )}
      {result.error && <Alert>{result.error}</Alert>}
      {result.ok && result.message && !secret && <Alert tone="success">{result.message}</Alert>}
      {secret && (
        <Alert tone="info">
          Signing secret (keep it private):
          <SecretBox secret={secret} />
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          disabled={pending || !enabled}
          onClick={() =>
            act(
              () => sendTestEventAction(id),
              () => setSecret(undefined),
            )
          }
        >
          Send test event
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => act(() => setEndpointEnabledAction(id, !enabled))}>
          {enabled ? "Turn off" : "Turn on"}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() =>
            act(
              () => revealSecretAction(id),
              (s) => setSecret(s.message),
            )
          }
        >
          Reveal secret
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() =>
            confirm("Rotate the secret? Deliveries are signed with the new one at once; update your receiver.") &&
            act(
              () => rotateSecretAction(id),
              (s) => setSecret(s.message),
            )
          }
        >
          Rotate secret
        </Button>
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={() =>
            confirm("Delete this endpoint and its delivery log?") &&
            act(
              () => deleteEndpointAction(id),
              () => router.push("/settings/webhooks"),
            )
          }
        >
          Delete
        </Button>
      </div>
    </div>
  );
}
