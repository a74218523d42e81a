import { ProviderError } from "../core/errors";
import type { ApiSession } from "../core/api-session";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem } from "../social.integrations.interface";

// Attachments through Whop's files flow (docs.whop.com, Files): POST /files names the file and
// answers an upload_url with the headers the PUT must carry; the bytes go there (a presigned URL:
// without our token); then GET /files/{id} until upload_status is "ready". A post is never made
// without its attachment: "failed" is a refusal, a file still processing after the wait a retry.

type WhopFile = {
  id: string;
  upload_url?: string | null;
  upload_headers?: Record<string, string> | null;
  upload_status?: string | null;
};

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp" };

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** How long to wait for Whop to process a file (the SDK waits up to 2 minutes), and how often to look. */
export const FILE_READY = { timeoutMs: 120_000, pollMs: 2_000 };

export async function uploadAttachment(
  client: SocialAbstract,
  api: ApiSession,
  media: MediaItem,
  index: number,
  sleep: Sleep = realSleep,
): Promise<string> {
  if (!media.bytes?.length)
    throw new ProviderError(
      "bad-body",
      `Attachment ${index + 1} (${media.path ?? media.url ?? "a file"}) could not be read to upload to Whop`,
    );
  const filename = `attachment-${index + 1}.${EXTENSIONS[media.mimeType] ?? "bin"}`;
  // Creating a file record makes nothing visible, so a repeat is harmless.
  const file = await api.post<WhopFile>("/files", { filename }, `prepare attachment ${index + 1}`, { idempotent: true });
  if (!file.id || !file.upload_url) throw new ProviderError("retry", "Whop answered the file request without an upload URL");

  const headers: Record<string, string> = { ...(file.upload_headers ?? {}) };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = media.mimeType;
  await client.fetch(
    file.upload_url,
    { method: "PUT", headers, body: Buffer.from(media.bytes) },
    { action: `upload attachment ${index + 1}`, idempotent: true },
  );

  const deadline = Date.now() + FILE_READY.timeoutMs;
  for (;;) {
    const status = await api.get<WhopFile>(`/files/${encodeURIComponent(file.id)}`, `check attachment ${index + 1}`);
    if (status.upload_status === "ready") return file.id;
    if (status.upload_status === "failed") throw new ProviderError("bad-body", `Whop could not process attachment ${index + 1}`);
    if (Date.now() >= deadline)
      throw new ProviderError("retry", `Whop is still processing attachment ${index + 1}; the post will be tried again later`);
    await sleep(FILE_READY.pollMs);
  }
}
