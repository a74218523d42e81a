import { channelAccess } from "@/lib/channels/tokens";
import { db } from "@/lib/db/client";
import type { Emulator } from "@/emulator/server";
import { getProvider } from "@/providers/registry";
import type { PublishedItem } from "@/providers/social.integrations.interface";

// Analytics tests need published posts: this publishes one through the provider (so the platform
// really has it) and records the target as the publishing engine would have.
export async function publishedTarget(
  organizationId: string,
  channelId: string,
  text: string,
  publishedAt = new Date(),
): Promise<{ targetId: string; item: PublishedItem }> {
  const channel = await db.integration.findUniqueOrThrow({ where: { id: channelId } });
  const provider = getProvider(channel.provider)!;
  const item = await provider.post(await channelAccess(channelId), { text }, {});
  const post = await db.post.create({
    data: {
      organizationId,
      publishAt: publishedAt,
      targets: {
        create: {
          organizationId,
          integrationId: channelId,
          status: "published",
          items: [{ text }],
          results: [item],
          publishedAt,
          provider: channel.provider,
          publishGroup: channel.provider,
        },
      },
    },
    include: { targets: true },
  });
  return { targetId: post.targets[0]!.id, item };
}

/** Gives an emulated account a past of posts (emulator/kit/metrics.ts). */
export async function seedHistory(emu: Emulator, platform: string, username: string, days = 120): Promise<number> {
  const res = await fetch(`${emu.url}/_emulator/history`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ platform, username, days }),
  });
  if (!res.ok) throw new Error(`seeding history failed: ${await res.text()}`);
  return ((await res.json()) as { posts: number }).posts;
}
