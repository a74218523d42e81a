"use client";
import { startConnectFlow } from "./navigate";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { channelDetail, channelLabel } from "@/lib/channels/label";
import { ChannelAvatar, StatusBadge } from "./avatar";
import { FieldsForm } from "./fields-form";
import { LinkCodeForm } from "./link-code-form";
import { MediaReachNote } from "./media-reach-note";
import { PagePicker } from "./page-picker";
import { api } from "@/lib/client/api";
import { connectsWithForm, linksWithCode, type Channel, type Descriptor } from "./types";

type Props = {
  channel: Channel;
  provider?: Descriptor;
  onChanged: (c: Channel) => void;
  onDeleted: (id: string) => void;
  onError: (m: string) => void;
};

export function ChannelRow({ channel, provider, onChanged, onDeleted, onError }: Props) {
  const [mode, setMode] = useState<"idle" | "confirm-delete" | "reconnect">("idle");
  const [scheduled, setScheduled] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const label = channelLabel(channel);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const toggle = () =>
    run(async () =>
      onChanged(
        (
          await api<{ channel: Channel }>(`/api/channels/${channel.id}`, {
            method: "PATCH",
            body: JSON.stringify({ disabled: channel.status !== "disabled" }),
          })
        ).channel,
      ),
    );
  const askDelete = () =>
    run(async () => {
      setScheduled((await api<{ scheduled: number }>(`/api/channels/${channel.id}/scheduled`)).scheduled);
      setMode("confirm-delete");
    });
  const remove = () =>
    run(async () => {
      await api(`/api/channels/${channel.id}`, { method: "DELETE" });
      onDeleted(channel.id);
    });
  const reconnect = () =>
    provider && connectsWithForm(provider)
      ? setMode("reconnect")
      : startConnectFlow(`/api/integrations/${channel.provider}/connect?channel=${channel.id}`);

  return (
    <li className="space-y-3 px-5 py-4" data-testid="channel-row" aria-label={label}>
      <div className="flex flex-wrap items-center gap-4">
        <ChannelAvatar name={channel.name} picture={channel.picture} badge={channel.badge} platform={channel.providerName} />
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium">{channel.name}</p>
          <p className="truncate text-sm text-slate-500">{[channel.providerName, channelDetail(channel)].filter(Boolean).join(" · ")}</p>
        </div>
        <StatusBadge status={channel.status} />
        <div className="flex gap-1">
          {channel.status !== "pending" && (
            <Button variant="ghost" disabled={busy} onClick={reconnect}>
              Reconnect
            </Button>
          )}
          <Button variant="ghost" disabled={busy} onClick={toggle}>
            {channel.status === "disabled" ? "Enable" : "Disable"}
          </Button>
          <Button variant="ghost" disabled={busy} onClick={askDelete}>
            Delete
          </Button>
        </div>
      </div>
      <MediaReachNote provider={provider} />
      {channel.status === "pending" && <PagePicker channel={channel} onPicked={onChanged} />}
      {mode === "reconnect" && provider && linksWithCode(provider) && (
        <LinkCodeForm
          provider={provider}
          onCancel={() => setMode("idle")}
          onDone={(c) => {
            setMode("idle");
            onChanged(c);
          }}
        />
      )}
      {mode === "reconnect" && provider && !linksWithCode(provider) && (
        <FieldsForm
          provider={provider}
          channelId={channel.id}
          onCancel={() => setMode("idle")}
          onDone={(c) => {
            setMode("idle");
            onChanged(c);
          }}
        />
      )}
      {mode === "confirm-delete" && (
        <div role="alertdialog" aria-label={`Delete ${channel.name}?`} className="rounded-md border border-red-200 bg-red-50 p-3 text-sm">
          <p>
            Delete {channel.name}?{" "}
            {scheduled
              ? `Its ${scheduled} scheduled or draft post${scheduled === 1 ? "" : "s"} for this channel will be removed from the schedule (other channels of those posts are not affected).`
              : "It has no scheduled posts."}{" "}
            Published posts stay on {channel.providerName}.
          </p>
          <div className="mt-2 flex gap-2">
            <Button variant="danger" disabled={busy} onClick={remove}>
              Delete channel
            </Button>
            <Button variant="secondary" onClick={() => setMode("idle")}>
              Keep it
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}
