"use client";
/* eslint-disable @next/next/no-img-element -- avatars come from many platform hosts */
import { useEffect, useRef, useState } from "react";
import type { PlatformBadge } from "@/lib/channels/label";

// A platform picture may be gone or unreachable (expired CDN links, a self-hosted instance down);
// then the initial shows instead of a broken image.
export function ChannelAvatar({
  name,
  picture,
  badge,
  platform,
}: {
  name: string;
  picture: string | null;
  badge: PlatformBadge;
  platform: string;
}) {
  const [broken, setBroken] = useState(false);
  const img = useRef<HTMLImageElement>(null);
  // An image that failed before React attached its handlers (server-rendered) reports it here.
  useEffect(() => {
    if (img.current?.complete && img.current.naturalWidth === 0) setBroken(true);
  }, []);
  return (
    <span className="relative inline-flex h-10 w-10 shrink-0">
      {picture && !broken ? (
        <img ref={img} src={picture} alt="" onError={() => setBroken(true)} className="h-10 w-10 rounded-full object-cover" />
      ) : (
        <span
          aria-hidden="true"
          className="flex h-10 w-10 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700"
        >
          {name.slice(0, 1).toUpperCase()}
        </span>
      )}
      <span
        title={platform}
        style={{ backgroundColor: badge.colour }}
        className="absolute -bottom-1 -right-1 rounded px-1 text-[10px] font-medium leading-4 text-always-white"
      >
        <span aria-hidden="true">{badge.text}</span>
        <span className="sr-only">{platform}</span>
      </span>
    </span>
  );
}

const STATUS = {
  active: ["Active", "bg-green-50 text-green-800 border-green-200"],
  refresh_needed: ["Reconnect needed", "bg-amber-50 text-amber-900 border-amber-200"],
  pending: ["Pick a page", "bg-brand-50 text-brand-700 border-brand-100"],
  disabled: ["Disabled", "bg-slate-100 text-slate-700 border-slate-200"],
} as const;

export function StatusBadge({ status }: { status: keyof typeof STATUS }) {
  const [label, cls] = STATUS[status];
  return (
    <span data-testid="channel-status" className={`rounded-full border px-2 py-0.5 text-xs font-medium ${cls}`}>
      {label}
    </span>
  );
}
