"use client";
/* eslint-disable @next/next/no-img-element -- the app's own media files, already small enough */
import { useEffect, useState } from "react";
import { PlatformLogo } from "@/components/channels/platform-logo";
import { channelLabel } from "@/lib/channels/label";
import { api } from "@/lib/client/api";
import type { PostView } from "@/lib/posts/queries";
import { retryText } from "@/lib/posts/retry";
import { shownTargetStatus, type PostStatus } from "@/lib/posts/status";
import type { TargetStatus } from "@/lib/generated/prisma/enums";
import { formatInZone } from "@/lib/time/zone";
import { STATUS_STYLE, StatusDot } from "./status-legend";

// The post behind a calendar card, shown while the card is hovered or focused: its full first
// text, each channel with its own status, the time and the media. Loaded on demand (the range
// query sends only what a card draws), once per post and version of it.

const cache = new Map<string, Promise<PostView>>();

function loadPost(id: string, version: string): Promise<PostView> {
  const key = `${id}@${version}`;
  let p = cache.get(key);
  if (!p) {
    p = api<{ post: PostView }>(`/api/posts/${id}`).then((r) => r.post);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export function PostPopover({ id, version, timeZone, popId }: { id: string; version: string; timeZone: string; popId: string }) {
  const [post, setPost] = useState<PostView | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    let live = true;
    loadPost(id, version).then(
      (p) => live && setPost(p),
      (e) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [id, version]);
  const first = post?.targets[0]?.items[0];
  return (
    <div
      id={popId}
      role="tooltip"
      data-testid="post-popover"
      className="absolute left-0 top-full z-30 mt-1 w-72 max-w-[80vw] space-y-2 rounded-md border border-slate-200 bg-white p-3 text-xs text-slate-800 shadow-lg"
    >
      {error ? (
        <p>Could not load the post: {error}</p>
      ) : !post ? (
        <p>Loading…</p>
      ) : (
        <>
          <p className="font-medium">
            {post.publishAt ? formatInZone(post.publishAt, timeZone, { dateStyle: "medium", timeStyle: "short" }) : "No time set"}
            {post.repeats && <span className="block font-normal text-slate-600">{post.repeats}</span>}
          </p>
          <p className="max-h-40 overflow-y-auto whitespace-pre-wrap break-words">{first?.text || "(no text)"}</p>
          {first && first.media.length > 0 && (
            <ul aria-label="Media" className="flex flex-wrap gap-1">
              {first.media.map((m, i) => (
                <li key={m.mediaId ?? m.url ?? i}>
                  {m.mediaId && m.mimeType.startsWith("image/") ? (
                    <img src={`/api/media/${m.mediaId}/file`} alt={m.alt ?? ""} className="h-12 w-12 rounded object-cover" loading="lazy" />
                  ) : (
                    <span className="inline-block rounded border border-slate-200 px-1 py-0.5">{m.fileName ?? m.mimeType}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {(post.targets[0]?.items.length ?? 0) > 1 && <p>Thread of {post.targets[0]!.items.length} posts</p>}
          <ul aria-label="Channels" className="space-y-1">
            {post.targets.map((t) => {
              const shown = shownTargetStatus({ status: t.status as TargetStatus, errorKind: t.errorKind }) as PostStatus;
              return (
                <li key={t.id} data-testid="popover-channel" className="flex items-start gap-1.5">
                  <PlatformLogo badge={t.channel.badge} platform={t.channel.providerName} />
                  <span className="min-w-0 flex-1 break-words">
                    {channelLabel(t.channel)}
                    <span className="ml-1 inline-flex items-center gap-1 text-slate-600">
                      <StatusDot status={shown} />
                      {STATUS_STYLE[shown]?.label ?? t.status}
                    </span>
                    {t.retry ? (
                      <span className="block text-amber-800">{retryText(t.retry, timeZone)}</span>
                    ) : (
                      t.errorMessage && <span className="block text-red-700">{t.errorMessage}</span>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
