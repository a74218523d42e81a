import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, PublishContext } from "../social.integrations.interface";
import { FORM, threadsApi } from "./threads.api";

// Publishing is two steps (§2): a media container (POST /{user-id}/threads), polled until Threads
// has fetched and processed its media (GET /{container-id}?fields=status,error_message), then
// published (POST /{user-id}/threads_publish?creation_id=). Creating a container publishes
// nothing, so it may be repeated; publishing is the one call that must never be.

export type ContainerParams = Record<string, string>;

const created = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) });
const status = z.object({
  status: z.string().optional(),
  error_message: z.string().nullish(),
});

/** Troubleshooting doc: poll "no more than 5 minutes". The waits grow from 1 s to 30 s. */
export const POLL_BUDGET_MS = 5 * 60_000;
const POLL_WAITS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/** The documented error_message codes of a failed container, in words. */
const CONTAINER_ERRORS: Record<string, string> = {
  FAILED_DOWNLOADING_VIDEO: "Threads could not download the video from its link",
  FAILED_PROCESSING_AUDIO: "Threads could not process the video's audio",
  FAILED_PROCESSING_VIDEO: "Threads could not process the video",
  INVALID_ASPEC_RATIO: "the media's aspect ratio is not one Threads takes",
  INVALID_BIT_RATE: "the video's bit rate is not one Threads takes",
  INVALID_DURATION: "the video's duration is not one Threads takes (at most 5 minutes)",
  INVALID_FRAME_RATE: "the video's frame rate is not one Threads takes (23–60 fps)",
  INVALID_AUDIO_CHANNELS: "the video's audio channels are not ones Threads takes (mono or stereo)",
  INVALID_AUDIO_CHANNEL_LAYOUT: "the video's audio channel layout is not one Threads takes",
  UNKNOWN: "Threads could not process the media",
};

export function containerFailure(code: string | null | undefined): string {
  const c = (code ?? "").trim();
  return CONTAINER_ERRORS[c] ? `${CONTAINER_ERRORS[c]} (${c})` : c || "Threads could not process the media";
}

export async function createContainer(
  api: SocialAbstract,
  channel: ChannelAccess,
  params: ContainerParams,
  what: string,
  ctx?: PublishContext,
): Promise<string> {
  const answer = created.safeParse(
    await api.fetchJson(
      threadsApi(`/${encodeURIComponent(channel.internalId)}/threads`),
      { method: "POST", headers: FORM, body: new URLSearchParams(params) },
      // An unpublished container expires by itself within 24 hours: a repeat after a lost answer
      // only leaves an unused one behind.
      { action: `prepare ${what}`, token: channel.accessToken, ctx, idempotent: true },
    ),
  );
  if (!answer.success) throw new ProviderError("retry", `Threads did not return the id of the container for ${what}`);
  return answer.data.id;
}

/** Waits until the container is FINISHED; ERROR and EXPIRED are reported with Threads' own reason. */
export async function waitUntilFinished(
  api: SocialAbstract & { pause(ms: number): Promise<void> },
  channel: ChannelAccess,
  containerId: string,
  what: string,
  ctx?: PublishContext,
): Promise<void> {
  const started = Date.now();
  for (let n = 0; ; n++) {
    const s = status.safeParse(
      await api.fetchJson(
        `${threadsApi(`/${encodeURIComponent(containerId)}`)}?fields=status,error_message`,
        {},
        { action: `check ${what} is ready`, token: channel.accessToken, ctx },
      ),
    );
    const state = s.success ? s.data.status : undefined;
    if (state === "FINISHED") return;
    if (state === "ERROR")
      throw new ProviderError("bad-body", `Threads refused ${what}: ${containerFailure(s.success ? s.data.error_message : null)}`);
    if (state === "EXPIRED")
      throw new ProviderError("retry", `Threads let the container for ${what} expire before it was published; it will be prepared again`);
    if (state === "PUBLISHED") throw new ProviderError("bad-body", `Threads says the container for ${what} was already published`);
    const wait = POLL_WAITS_MS[Math.min(n, POLL_WAITS_MS.length - 1)]!;
    if (Date.now() - started + wait > POLL_BUDGET_MS)
      throw new ProviderError("retry", `Threads was still processing ${what} after 5 minutes; it will be tried again later`);
    await api.pause(wait);
  }
}

/** The one call that makes the post appear: never repeated (a lost answer is reconciled). */
export async function publishContainer(
  api: SocialAbstract,
  channel: ChannelAccess,
  containerId: string,
  what: string,
  ctx?: PublishContext,
) {
  const q = new URLSearchParams({ creation_id: containerId });
  const answer = created.safeParse(
    await api.fetchJson(
      `${threadsApi(`/${encodeURIComponent(channel.internalId)}/threads_publish`)}?${q}`,
      { method: "POST", headers: FORM },
      { action: `publish ${what}`, token: channel.accessToken, ctx, idempotent: false },
    ),
  );
  if (!answer.success)
    throw new ProviderError("bad-body", `Threads published ${what} but did not return its id`, { mayHavePublished: true });
  return answer.data.id;
}
