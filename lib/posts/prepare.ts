import mime from "mime-types";
import { markupProfileOf } from "@/lib/markup/profiles";
import { sanitizeHtml } from "@/lib/markup/sanitize-html";
import { ValidationError } from "@/lib/errors";
import { privateUrlProblem } from "@/lib/net/public-url";
import type { OrgContext } from "@/lib/orgs/context";
import { publishGroupOf } from "@/lib/queue/boss";
import { getProvider } from "@/providers/registry";
import { sendsLinkCard } from "@/providers/core/manifest";
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
  const [result] = await prepareMany(ctx, [input], now);
  if (Object.keys(result!.errors).length) throw new ValidationError(result!.errors);
  return result!.prepared;
}

/** Each input's rows, or its problems keyed as prepareTargets names them (an empty object when none). */
export type PrepareResult = { prepared: PreparedTarget[]; errors: Record<string, string> };

/** How many platform and address checks run at once when many posts are checked together. */
const CHECK_CONCURRENCY = 8;

/**
 * The composer's checks for many posts at once (the CSV import): the channels and media are read
 * once for all of them, each distinct media link is checked once, and the platform checks run a
 * few at a time. One post is the same call with one input, so both paths apply the same rules.
 */
export async function prepareMany(ctx: OrgContext, inputs: PostInput[], now = new Date()): Promise<PrepareResult[]> {
  const channelIds = [...new Set(inputs.flatMap((input) => input.targets.map((t) => t.channelId)))];
  const channels = channelIds.length ? await ctx.db.integration.findMany({ where: { id: { in: channelIds } } }) : [];
  const byId = new Map(channels.map((c) => [c.id, c]));
  const mediaIds = [
    ...new Set(
      inputs.flatMap((input) =>
        input.targets.flatMap((t) => t.items.flatMap((i) => i.media.flatMap((m) => (m.mediaId ? [m.mediaId] : [])))),
      ),
    ),
  ];
  const mediaRows = mediaIds.length ? await ctx.db.media.findMany({ where: { id: { in: mediaIds } } }) : [];
  const mediaById = new Map(mediaRows.map((m) => [m.id, m]));

  const results: PrepareResult[] = [];
  const platformChecks: (PlatformCheck & { at: string; errors: Record<string, string> })[] = [];
  const links: { field: string; url: string; errors: Record<string, string> }[] = [];
  for (const input of inputs) {
    const errors: Record<string, string> = {};
    results.push({ prepared: prepareOne(input, byId, mediaById, now, errors, platformChecks), errors });
    // The server reads a card's page when it publishes: a private address is refused now, as a media link is.
    input.targets.forEach((t, ti) => {
      const channel = byId.get(t.channelId);
      const provider = channel && getProvider(channel.provider);
      if (!provider || !sendsLinkCard(provider.manifest)) return;
      t.items.forEach((item, ii) => {
        if (item.linkCard) links.push({ field: `targets.${ti}.items.${ii}.linkCard.url`, url: item.linkCard.url, errors });
      });
    });
    input.targets.forEach((t, ti) =>
      t.items.forEach((item, ii) =>
        item.media.forEach((m, mi) => {
          if (m.url) links.push({ field: `targets.${ti}.items.${ii}.media.${mi}.url`, url: m.url, errors });
        }),
      ),
    );
  }
  // A media link on a private address could never be fetched at publish time: say so now.
  const problems = new Map<string, string | undefined>();
  await inBatches([...new Set(links.map((l) => l.url))], CHECK_CONCURRENCY, async (url) => {
    problems.set(url, await privateUrlProblem(url));
  });
  for (const l of links) {
    const problem = problems.get(l.url);
    if (problem) l.errors[l.field] = `${l.field.endsWith("linkCard.url") ? "link card" : "media link"} refused: ${problem}`;
  }
  await inBatches(platformChecks, CHECK_CONCURRENCY, async (c) => {
    for (const [k, v] of Object.entries(await platformProblems(c))) c.errors[`${c.at}.${k}`] = v;
  });
  return results;
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

type ChannelRow = Awaited<ReturnType<OrgContext["db"]["integration"]["findMany"]>>[number];
type MediaRow = Awaited<ReturnType<OrgContext["db"]["media"]["findMany"]>>[number];

function prepareOne(
  input: PostInput,
  byId: Map<string, ChannelRow>,
  mediaById: Map<string, MediaRow>,
  now: Date,
  errors: Record<string, string>,
  platformChecks: (PlatformCheck & { at: string; errors: Record<string, string> })[],
): PreparedTarget[] {
  if (input.mode === "schedule" && input.publishAt && input.publishAt.getTime() < now.getTime() - PAST_SLACK_MS) {
    errors.publishAt = `pick a time in the future (${input.publishAt.toISOString()} has passed)`;
  }
  const out: PreparedTarget[] = [];
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
      ...linkCardOf(item, `${at}.items.${ii}.linkCard.url`, errors),
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
        errors,
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
  return out;
}

/**
 * The item's card choice as stored: only a link the item's text contains (the card previews the
 * post's own link). A removed card (null) is kept as null, so the composer does not offer it again
 * on an edit. Kept for every platform (one text saved for several channels stays one text); only
 * those whose manifest sends cards use it.
 */
function linkCardOf(
  item: PostInput["targets"][number]["items"][number],
  field: string,
  errors: Record<string, string>,
): Pick<StoredItem, "linkCard"> {
  if (item.linkCard === undefined) return {};
  if (item.linkCard === null) return { linkCard: null };
  if (!item.text.includes(item.linkCard.url)) {
    errors[field] = `must be one of the links in this item's text (${item.linkCard.url} is not in it)`;
    return {};
  }
  return { linkCard: { url: item.linkCard.url } };
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
