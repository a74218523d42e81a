import "server-only";
import { channelLabel } from "@/lib/channels/label";
import { accessFor, refreshHook } from "@/lib/channels/tokens";
import type { StoredItem } from "@/lib/posts/schemas";
import { fieldErrors } from "@/lib/validation";
import { ProviderError } from "@/providers/core/errors";
import { getProvider } from "@/providers/registry";
import type { PublishedItem, SocialProvider } from "@/providers/social.integrations.interface";
import { sendsLinkCard } from "@/providers/core/manifest";
import { loadLinkCard, type LoadedCard } from "./link-card";
import { loadMedia } from "./media";
import { publicMediaUrlFor } from "./public-media";
import { uploadCheckpoint } from "./upload-checkpoint";
import { quotaLedger } from "@/lib/quota/ledger";
import { disconnectChannel, failTarget, markCalling, markUnconfirmed, scheduleRetry, storeResult, type Held } from "./outcomes";
import { readableRetryReason } from "./retry-reason";
import { publishSettings } from "@/lib/config/publishing";

// Publishes one claimed target: the main post, then each thread item as a reply to the one
// before, storing every platform id the moment it exists. A restarted attempt resumes after the
// last stored item, so nothing already published is sent again. The one call whose answer may
// have been lost (a crash, a timeout) is settled by the platform's publishSafety: repeated with
// the same idempotency key, looked up on the platform, or reported as unconfirmed.

type Channel = { id: string; organizationId: string; name: string; provider: string };
const RECONCILE_SKEW_MS = 2 * 60_000;

export async function publishClaimed(h: Held, isLost: () => boolean): Promise<void> {
  const t = h.target;
  const s = publishSettings();
  const channel = t.channel;
  const provider = getProvider(t.provider);
  // Messages and notices name the channel with its platform, handle and server: two channels may share a name.
  const who = channelLabel({
    name: channel.name,
    providerName: provider?.name ?? t.provider,
    username: channel.username,
    instanceUrl: channel.instanceUrl,
  });
  if (!provider) return failTarget(h, "bad-body", `${who}: the platform ${t.provider} is not available on this server`, who);

  const items = t.items as StoredItem[];
  let results = (Array.isArray(t.results) ? t.results : []) as PublishedItem[];
  const firstTry = t.previousStatus === "scheduled" && t.callingItem === null && results.length === 0;
  if (firstTry && t.dueAt && Date.now() - t.dueAt.getTime() > s.graceMs) {
    const minutes = Math.round(s.graceMs / 60_000);
    return failTarget(
      h,
      "late",
      `Not published: by the time it could be sent it was more than ${minutes} minutes late (the server was down or busy), so it was held back. Reschedule it or post it now.`,
      who,
    );
  }
  const parsed = provider.settings.safeParse(t.settings ?? {});
  if (!parsed.success) {
    const detail = Object.entries(fieldErrors(parsed.error))
      .map(([k, v]) => `${k}: ${v}`)
      .join("; ");
    return failTarget(h, "bad-body", `${who} settings are not valid: ${detail}`, who);
  }

  const firstIndex = results.length;
  let index = firstIndex;
  try {
    const access = await accessFor(channel);
    const current = { token: access.accessToken };
    for (; index < items.length; index++) {
      if (isLost()) return;
      const stored = items[index]!;
      const ctx = {
        idempotencyKey: `${t.id}:${index}`,
        refreshAccessToken: refreshHook(t.integrationId, current),
        publicMediaUrl: publicMediaUrlFor(t.organizationId),
        // The first item's long upload keeps its place on the target's row across attempts.
        ...(index === 0 ? { upload: uploadCheckpoint(t.id, h.workerId) } : {}),
        ...(provider.manifest.quota ? { quota: quotaLedger(provider.identifier, provider.manifest.quota) } : {}),
      };
      const chan = { ...access, accessToken: current.token };
      const parent = results[index - 1];
      const root = results[0];
      // A provider that streams library files in ranges is bounded by its own rules, not by what
      // fits in memory; a linked file is downloaded whole and keeps the server's cap.
      const streamed = !!provider.media.streamed;
      const kinds = [provider.media.video, provider.media.image, provider.media.gif];
      const libraryMaxBytes = Math.max(0, ...kinds.map((k) => k?.maxBytes ?? 0));
      const media = await loadMedia(t.organizationId, stored.media ?? [], s.mediaMaxBytes, { streamed, libraryMaxBytes });
      // A card goes only with an item without media: see LinkCardKind.
      const cardUrl = stored.linkCard && !media.length && sendsLinkCard(provider.manifest) ? stored.linkCard.url : undefined;
      const loaded: LoadedCard = !cardUrl
        ? {}
        : provider.manifest.linkCard === "card"
          ? await loadLinkCard(cardUrl)
          : { card: { url: cardUrl, title: "", description: "" } };
      const item = { text: stored.text, media, poll: stored.poll, ...(loaded.card ? { linkCard: loaded.card } : {}) };

      if (t.callingItem === index && provider.publishSafety !== "idempotency-key") {
        // A call for this item may have reached the platform before the answer was lost.
        if (provider.publishSafety === "reconcile" && provider.findPublished) {
          const since = new Date((t.callingSince?.getTime() ?? Date.now()) - RECONCILE_SKEW_MS);
          const found = await provider.findPublished(chan, item, { since, parent }, ctx);
          if (found) {
            results = [...results, found];
            if (!(await storeResult(h, results, index === items.length - 1))) return;
            continue;
          }
        } else {
          return markUnconfirmed(h, unconfirmedMessage(provider, who, index), who);
        }
      }

      const markedByClaim = t.markedOnClaim && index === firstIndex;
      if (!markedByClaim && !(await markCalling(h, index))) return;
      let published =
        index === 0 || !provider.comment
          ? await provider.post(chan, item, parsed.data, ctx)
          : await provider.comment(chan, item, parent!, root!, parsed.data, ctx);
      if (loaded.warning) published = { ...published, warnings: [...(published.warnings ?? []), loaded.warning] };
      results = [...results, published];
      if (!(await storeResult(h, results, index === items.length - 1))) return;
    }
  } catch (e) {
    await settleFailure(h, e, provider, { ...channel, name: who }, index);
  }
}

function unconfirmedMessage(provider: SocialProvider, channelName: string, index: number): string {
  const what = index === 0 ? "the post" : `thread item ${index + 1}`;
  return `${provider.name} did not confirm ${what} before the connection was lost, and ${provider.name} offers no way to check it automatically. Open ${channelName}: if it is missing, use "Retry"; if it is there, dismiss this.`;
}

async function settleFailure(h: Held, e: unknown, provider: SocialProvider, channel: Channel, index: number): Promise<void> {
  if (!(e instanceof ProviderError)) {
    // Our own fault or an unreadable answer: retry, and treat the call as possibly made.
    console.error(`[publish] target ${h.target.id} on ${channel.name}:`, e);
    return retryOrFail(h, undefined, readableRetryReason(provider.name, e), true, channel.name);
  }
  const uncertain = !!e.details.mayHavePublished;
  switch (e.kind) {
    case "disconnect":
    case "refresh-token":
      return disconnectChannel(h, channel, e.message.endsWith(".") ? e.message : `${e.message}.`);
    case "bad-body":
      return failTarget(
        h,
        "bad-body",
        `${provider.name} refused ${index === 0 ? "the post" : `thread item ${index + 1}`}: ${e.message}`,
        channel.name,
      );
    case "retry":
      if (uncertain && provider.publishSafety === "unconfirmed")
        return markUnconfirmed(h, unconfirmedMessage(provider, channel.name, index), channel.name);
      return retryOrFail(h, e.details.retryAfterMs, readableRetryReason(provider.name, e), uncertain, channel.name);
  }
}

async function retryOrFail(
  h: Held,
  retryAfterMs: number | undefined,
  message: string,
  keepCalling: boolean,
  channelName: string,
): Promise<void> {
  const s = publishSettings();
  const t = h.target;
  if (t.attempts >= s.maxAttempts)
    return failTarget(h, "retry", `Gave up after ${t.attempts} attempts. Last error: ${message}`, channelName);
  const backoff = Math.min(s.retryMaxMs, s.retryBaseMs * 2 ** (t.attempts - 1)) * (0.8 + Math.random() * 0.4);
  const at = new Date(Date.now() + (retryAfterMs ?? backoff));
  const deadline = (t.publishAt ?? t.dueAt ?? new Date()).getTime() + s.graceMs;
  if (at.getTime() > deadline) {
    return failTarget(
      h,
      "retry",
      `Not published: the platform asked to wait ${Math.ceil((at.getTime() - Date.now()) / 60_000)} more minutes, past the ${Math.round(s.graceMs / 60_000)} minutes a post may be late. Last error: ${message}`,
      channelName,
    );
  }
  // The time and the attempt are stored as facts (due_at, attempts) for the browser to show in the
  // user's zone (lib/posts/retry.ts); the message is only the reason.
  await scheduleRetry(h, at, message, keepCalling);
}
