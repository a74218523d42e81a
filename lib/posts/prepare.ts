import mime from "mime-types";
import { markupProfileOf } from "@/lib/markup/profiles";
import { sanitizeHtml } from "@/lib/markup/sanitize-html";
import { ValidationError } from "@/lib/errors";
import { privateUrlProblem } from "@/lib/net/public-url";
import type { OrgContext } from "@/lib/orgs/context";
import { publishGroupOf } from "@/lib/queue/boss";
import { getProvider } from "@/providers/registry";
import { platformProblems, type PlatformCheck } from "./platform-check";
import { validateVariant } from "./validate-variant";
import type { PostInput, PostMode, StoredItem, StoredMedia } from "./schemas";

// Turns a post input into rows ready to save, or one ValidationError listing every problem,
// each keyed by its field ("targets.1.items.0.text") and naming the channel and the rule.
// Nothing is written here, so a refused post never leaves half of itself behind.

export type PreparedTarget = {
  channelId: string;
  provider: string;
  publishGroup: string;
  items: StoredItem[];
  settings: Record<string, unknown>;
};

/** A scheduled time must be ahead of now; a little slack absorbs the trip from the browser. */
const PAST_SLACK_MS = 30_000;

export async function prepareTargets(ctx: OrgContext, input: PostInput, now = new Date()): Promise<PreparedTarget[]> {
  const errors: Record<string, string> = {};
  if (input.mode === "schedule" && input.publishAt && input.publishAt.getTime() < now.getTime() - PAST_SLACK_MS) {
    errors.publishAt = `pick a time in the future (${input.publishAt.toISOString()} has passed)`;
  }

  const channelIds = input.targets.map((t) => t.channelId);
  const channels = await ctx.db.integration.findMany({ where: { id: { in: channelIds } } });
  const byId = new Map(channels.map((c) => [c.id, c]));
  const mediaIds = input.targets.flatMap((t) => t.items.flatMap((i) => i.media.flatMap((m) => (m.mediaId ? [m.mediaId] : []))));
  const mediaRows = mediaIds.length ? await ctx.db.media.findMany({ where: { id: { in: mediaIds } } }) : [];
  const mediaById = new Map(mediaRows.map((m) => [m.id, m]));

  const out: PreparedTarget[] = [];
  const platformChecks: (PlatformCheck & { at: string })[] = [];
  input.targets.forEach((t, ti) => {
    const at = `targets.${ti}`;
    const channel = byId.get(t.channelId);
    if (!channel) {
      errors[`${at}.channelId`] = "this channel does not exist in your organization";
      return;
    }
    const provider = getProvider(channel.provider);
    if (!provider) {
      errors[`${at}.channelId`] = `${channel.name}: the platform ${channel.provider} is not available on this server`;
      return;
    }
    if (input.mode !== "draft" && channel.status !== "active") {
      errors[`${at}.channelId`] =
        `${channel.name} (${provider.name}) is ${statusWords(channel.status)}; it cannot publish until that is fixed on the Channels page`;
    }
    const markup = markupProfileOf(provider);
    const items: StoredItem[] = t.items.map((item, ii) => ({
      // Rich text is stored only as the allow-listed HTML of the platform's profile, which the
      // platform and our previews can trust.
      text: markup ? sanitizeHtml(item.text, markup) : item.text,
      poll: item.poll,
      media: item.media.map((m, mi): StoredMedia => {
        if (m.mediaId) {
          const row = mediaById.get(m.mediaId);
          if (!row) {
            errors[`${at}.items.${ii}.media.${mi}`] = "this file is no longer in the media library";
            return { mediaId: m.mediaId, mimeType: "" };
          }
          return {
            mediaId: row.id,
            mimeType: row.mimeType,
            size: Number(row.size),
            fileName: row.fileName,
            alt: m.alt ?? row.alt ?? undefined,
          };
        }
        const fileName = decodeURIComponent(new URL(m.url!).pathname.split("/").pop() || "");
        return { url: m.url, mimeType: (fileName && mime.lookup(fileName)) || "", fileName: fileName || undefined, alt: m.alt };
      }),
    }));
    const problems = validateVariant({
      channelName: channel.name,
      username: channel.username,
      instanceUrl: channel.instanceUrl,
      provider,
      profile: channel.profile as Record<string, unknown> | null,
      items: items.map((i) => ({
        text: i.text,
        poll: i.poll,
        media: i.media.map((m) => {
          const row = m.mediaId ? mediaById.get(m.mediaId) : undefined;
          return {
            mimeType: m.mimeType,
            fileName: m.fileName,
            size: m.size,
            alt: m.alt,
            uploaded: !!m.mediaId,
            width: row?.width,
            height: row?.height,
          };
        }),
      })),
      settings: t.settings,
    });
    // A draft may be unfinished; only the rules that make it unpublishable wait until scheduling.
    if (input.mode !== "draft") for (const [k, v] of Object.entries(problems)) errors[`${at}.${k}`] = v;
    const settings = provider.settings.safeParse(t.settings);
    // What only the platform knows is asked once the post is otherwise fit to publish.
    if (
      input.mode !== "draft" &&
      provider.checkSettings &&
      settings.success &&
      !Object.keys(problems).length &&
      channel.status === "active"
    )
      platformChecks.push({
        at,
        row: channel,
        provider,
        settings: settings.data,
        items: items.map((i) => ({ text: i.text, mediaTypes: i.media.map((m) => m.mimeType) })),
      });
    out.push({
      channelId: channel.id,
      provider: provider.identifier,
      publishGroup: publishGroupOf(provider),
      items,
      settings: (settings.success ? settings.data : t.settings) as Record<string, unknown>,
    });
  });
  // A media link on a private address could never be fetched at publish time: say so now.
  const links = input.targets.flatMap((t, ti) =>
    t.items.flatMap((item, ii) =>
      item.media.flatMap((m, mi) => (m.url ? [{ field: `targets.${ti}.items.${ii}.media.${mi}.url`, url: m.url }] : [])),
    ),
  );
  for (const { field, problem } of await Promise.all(
    links.map(async (l) => ({ field: l.field, problem: await privateUrlProblem(l.url) })),
  )) {
    if (problem) errors[field] = `media link refused: ${problem}`;
  }
  for (const found of await Promise.all(platformChecks.map(async (c) => ({ at: c.at, problems: await platformProblems(c) })))) {
    for (const [k, v] of Object.entries(found.problems)) errors[`${found.at}.${k}`] = v;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return out;
}

function statusWords(status: string): string {
  if (status === "refresh_needed") return "disconnected (reconnect needed)";
  if (status === "pending") return "waiting for a page to be picked";
  return status;
}

export function dueAtFor(mode: PostMode, publishAt: Date | undefined, now = new Date()): Date | null {
  if (mode === "draft") return null;
  if (mode === "now") return now;
  return publishAt!;
}
