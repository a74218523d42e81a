import { channelDetail, type ChannelIdentity, type PlatformBadge } from "@/lib/channels/label";

// The one way a channel is named on screen: platform badge, display name, then handle and server
// (lib/channels/label.ts has the same in words, for aria labels and files). "inline" keeps it on
// one line for tabs, counters and calendar chips; "stacked" puts the detail under the name.

type Props = { channel: ChannelIdentity & { badge: PlatformBadge }; layout?: "inline" | "stacked"; className?: string };

export function PlatformBadgeMark({ badge, platform, size = "sm" }: { badge: PlatformBadge; platform: string; size?: "sm" | "xs" }) {
  return (
    <span
      data-testid="platform-badge"
      title={platform}
      style={{ backgroundColor: badge.colour }}
      className={`inline-flex shrink-0 items-center justify-center rounded font-semibold leading-none text-always-white ${size === "xs" ? "h-3.5 min-w-3.5 px-0.5 text-[9px]" : "h-4 min-w-4 px-0.5 text-[10px]"}`}
    >
      <span aria-hidden="true">{badge.text}</span>
      <span className="sr-only">{platform}</span>
    </span>
  );
}

export function ChannelLabel({ channel, layout = "inline", className = "" }: Props) {
  const detail = channelDetail(channel);
  if (layout === "stacked")
    return (
      <span data-testid="channel-label" className={`inline-flex min-w-0 items-center gap-1.5 ${className}`}>
        <PlatformBadgeMark badge={channel.badge} platform={channel.providerName} />
        <span className="flex min-w-0 flex-col leading-tight">
          <span className="truncate font-medium text-slate-900">{channel.name}</span>
          {detail && <span className="truncate text-xs text-slate-600">{detail}</span>}
        </span>
      </span>
    );
  return (
    <span data-testid="channel-label" className={`inline-flex min-w-0 items-center gap-1 ${className}`}>
      <PlatformBadgeMark badge={channel.badge} platform={channel.providerName} />
      <span className="truncate">
        {channel.name}
        {detail && <span className="ml-1 font-normal">{detail}</span>}
      </span>
    </span>
  );
}
