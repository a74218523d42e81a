import { z } from "zod";
import { appCredentials } from "../core/hosts";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PublishContext } from "../social.integrations.interface";
import { graphUrl } from "./facebook.api";

// Meta's Resumable Upload API (Video API "Publish a video" → "Upload a video file"), for a video
// with no public address: POST /{app-id}/uploads with file_name, file_length and file_type opens a
// session ({"id":"upload:<session>"}); POST /upload:<session> with "Authorization: OAuth <user
// token>" and a file_offset header sends the bytes from that offset and answers {"h": <handle>};
// after an interruption GET /upload:<session> says how far it got ({"file_offset"}) and the rest is
// sent from there. The handle is then published as fbuploader_video_file_chunk on /{page-id}/videos.
// The session belongs to the app and the user, so these calls use the user's token.

const session = z.object({ id: z.string().regex(/^upload:/) });
const handle = z.object({ h: z.string().min(1) });
const progress = z.object({ file_offset: z.coerce.number().int().min(0) });

const oauth = (h: Headers, t: string) => h.set("authorization", `OAuth ${t}`);
const EXT: Record<string, string> = { "video/mp4": "mp4", "video/quicktime": "mov" };

/** Attempts at sending the bytes, each resuming from where Meta says the last one stopped. */
const ATTEMPTS = 3;

export async function resumableUpload(api: SocialAbstract, userToken: string, m: MediaItem, ctx?: PublishContext): Promise<string> {
  const bytes = m.bytes;
  if (!bytes?.length)
    throw new ProviderError("bad-body", "The video has neither a public address nor file content to send to Facebook", {
      mayHavePublished: false,
    });
  const { clientId } = appCredentials("facebook");
  const q = new URLSearchParams({
    file_name: `video.${EXT[m.mimeType] ?? "mp4"}`,
    file_length: String(bytes.length),
    file_type: m.mimeType,
  });
  const opened = session.safeParse(
    await api.fetchJson(
      `${graphUrl(`/${encodeURIComponent(clientId)}/uploads`)}?${q}`,
      { method: "POST" },
      {
        action: "open the video upload",
        token: userToken,
        ctx,
        // A session publishes nothing: opening another after a lost answer only leaves one unused.
        idempotent: true,
        maxRetries: 1,
      },
    ),
  );
  if (!opened.success) throw new ProviderError("retry", "Facebook did not open an upload session", { mayHavePublished: false });
  const url = graphUrl(`/${opened.data.id}`);
  let offset = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      const sent = handle.safeParse(
        await api.fetchJson(
          url,
          // Only what Meta does not have yet: a view of the bytes from the offset, not a copy.
          { method: "POST", headers: { file_offset: String(offset) }, body: bytes.subarray(offset) as Uint8Array<ArrayBuffer> },
          { action: "upload the video", token: userToken, applyToken: oauth, ctx, idempotent: false, maxRetries: 0 },
        ),
      );
      if (!sent.success)
        throw new ProviderError("retry", "Facebook did not return the uploaded video's handle", { mayHavePublished: false });
      return sent.data.h;
    } catch (e) {
      if (!(e instanceof ProviderError) || e.kind !== "retry" || attempt >= ATTEMPTS)
        throw e instanceof ProviderError ? new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false }) : e;
      const where = progress.safeParse(
        await api.fetchJson(url, {}, { action: "read how far the upload got", token: userToken, applyToken: oauth, ctx }),
      );
      offset = where.success ? Math.min(where.data.file_offset, bytes.length) : 0;
    }
  }
}
