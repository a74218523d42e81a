import type { PlatformBadge } from "@/lib/channels/label";
import { PLATFORM_ICONS } from "./platform-icons";

// A platform's mark: its logo from Simple Icons, white on the platform's badge colour, or the
// badge letters for the brands the set lacks. The manifest's badge says which (badge.icon), so
// no platform is named here. Named for screen readers by the platform's name.

const SIZES = {
  xs: { box: "h-3.5 min-w-3.5 px-0.5 text-[9px]", svg: "h-2.5 w-2.5" },
  sm: { box: "h-4 min-w-4 px-0.5 text-[10px]", svg: "h-3 w-3" },
  md: { box: "h-5 min-w-5 px-0.5 text-xs", svg: "h-3.5 w-3.5" },
} as const;

export function PlatformLogo({
  badge,
  platform,
  size = "sm",
  className = "",
}: {
  badge: PlatformBadge;
  platform: string;
  size?: keyof typeof SIZES;
  className?: string;
}) {
  const icon = badge.icon ? PLATFORM_ICONS[badge.icon] : undefined;
  const s = SIZES[size];
  return (
    <span
      role="img"
      aria-label={platform}
      data-testid="platform-badge"
      data-logo={icon ? icon.slug : "letters"}
      title={platform}
      style={{ backgroundColor: badge.colour }}
      className={`inline-flex shrink-0 items-center justify-center rounded font-semibold leading-none text-always-white ${s.box} ${className}`}
    >
      {icon ? (
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className={s.svg} fill="currentColor">
          <path d={icon.path} />
        </svg>
      ) : (
        <span aria-hidden="true">{badge.text}</span>
      )}
    </span>
  );
}
