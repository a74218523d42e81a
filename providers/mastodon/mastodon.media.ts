import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PublishContext } from "../social.integrations.interface";

// Media goes up before the status. Images are usually ready at once (200); video and GIFs answer
// 202 and are transcoded in the background, and attaching them before they are ready fails, so we
// wait until GET /api/v1/media/:id stops answering 206.

type Attachment = { id: string; url?: string | null };
type Call = { base: string; token: string; ctx?: PublishContext };

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "image/heic": "heic",
  "image/avif": "avif",
  "video/mp4": "mp4",
  "video/x-m4v": "m4v",
  "video/quicktime": "mov",
  "video/webm": "webm",
};

const POLL_ATTEMPTS = 30;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export async function uploadMedia(api: SocialAbstract, call: Call, media: MediaItem, index: number): Promise<string> {
  if (!media.bytes) throw new ProviderError("bad-body", `Attachment ${index + 1} has no file content to upload to Mastodon.`);
  const form = new FormData();
  // The server sniffs the type from the part's MIME type, so the part must carry it.
  form.set("file", new Blob([media.bytes.slice()], { type: media.mimeType }), `upload-${index + 1}.${EXTENSIONS[media.mimeType] ?? "bin"}`);
  if (media.alt) form.set("description", media.alt);

  let res: Response;
  try {
    // Repeating an upload only leaves an unattached file behind, which the server cleans up.
    res = await api.fetch(
      `${call.base}/api/v2/media`,
      { method: "POST", body: form },
      { token: call.token, ctx: call.ctx, idempotent: true, maxRetries: 1, action: "upload media" },
    );
  } catch (e) {
    // A thumbnail failure is worth one more try; when it repeats, this file will not go through.
    if (e instanceof ProviderError && e.kind === "retry" && /thumbnail/i.test(e.details.body ?? "")) {
      throw new ProviderError("bad-body", `Mastodon could not process attachment ${index + 1}: ${e.message}`, e.details);
    }
    throw e;
  }
  const attachment = await api.readJson<Partial<Attachment>>(res, "upload media");
  if (typeof attachment.id !== "string" || !attachment.id)
    throw new ProviderError("retry", `Mastodon accepted attachment ${index + 1} but did not say which media it created`, {
      status: res.status,
    });
  if (res.status === 202 || !attachment.url) await waitUntilProcessed(api, call, attachment.id);
  return attachment.id;
}

async function waitUntilProcessed(api: SocialAbstract, call: Call, id: string): Promise<void> {
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt++) {
    await sleep(Math.min(5_000, 250 * 2 ** attempt));
    const res = await api.fetch(
      `${call.base}/api/v1/media/${encodeURIComponent(id)}`,
      {},
      { token: call.token, ctx: call.ctx, action: "check media processing" },
    );
    await res.body?.cancel();
    if (res.status === 200) return;
  }
  throw new ProviderError("retry", "Mastodon is still processing the uploaded media; try again in a few minutes.");
}
