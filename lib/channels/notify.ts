import "server-only";
import type { Tx } from "@/lib/db/client";

/**
 * Flags a channel "reconnect needed" and notifies its organization, once: the conditional update
 * only succeeds for the first caller, so concurrent failures produce one notification.
 */
export async function flagReconnectNeeded(
  tx: Tx,
  channel: { id: string; organizationId: string; name: string; provider: string },
  reason: string,
): Promise<boolean> {
  const res = await tx.integration.updateMany({
    where: { id: channel.id, status: { in: ["active", "pending"] } },
    data: { status: "refresh_needed" },
  });
  if (res.count === 0) return false;
  await tx.notification.create({
    data: {
      organizationId: channel.organizationId,
      kind: "channel.reconnect",
      title: `Reconnect ${channel.name}`,
      body: `${channel.name} can no longer publish: ${reason} Reconnect it on the Channels page; its scheduled posts wait until then.`,
      link: "/channels",
    },
  });
  return true;
}
