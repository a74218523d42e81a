import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem } from "../social.integrations.interface";
import { slackManifest } from "./slack.manifest";
import type { SlackSession } from "./slack.session";

// Files through Slack's external upload flow (files.getUploadURLExternal, then the bytes to the
// upload URL it hands out, then files.completeUploadExternal; ../shared/platforms/slack.md §2).
// - Images are completed without a channel: a share names no message ts in its answer, so the
//   images are shown in the post's own message instead, as image blocks naming each file
//   (slack_file), which Slack allows for an image the poster can access.
// - Videos cannot be blocks. They are uploaded before the message is sent (a failed upload posts
//   nothing), and once chat.postMessage has given the message's ts they are completed with
//   channel_id and thread_ts = that ts: Slack shares them as a reply in the post's thread.

const EXT: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
};
const uploadTarget = z.object({ upload_url: z.string().url(), file_id: z.string().min(1) });

export type UploadedFile = { id: string; alt: string; title: string };
type Kind = "image" | "video";

/** files.getUploadURLExternal and the bytes to its upload URL, for each file; nothing is shared yet. */
async function reserveAndSend(api: SocialAbstract, session: SlackSession, media: MediaItem[], kind: Kind): Promise<UploadedFile[]> {
  const rules = slackManifest.media[kind];
  const noun = kind === "image" ? "images" : "videos";
  if (media.length > rules.maxCount) throw new ProviderError("bad-body", `A Slack post here takes at most ${rules.maxCount} ${noun}`);
  const uploaded: UploadedFile[] = [];
  for (const [i, m] of media.entries()) {
    if (!rules.mimeTypes.includes(m.mimeType))
      throw new ProviderError(
        "bad-body",
        kind === "image"
          ? `Attachment ${i + 1} is ${m.mimeType}; Slack shows PNG, JPEG and GIF images in a message`
          : `Attachment ${i + 1} is ${m.mimeType}; Slack plays MP4 and MOV videos`,
      );
    if (!m.bytes?.length) throw new ProviderError("bad-body", `Attachment ${i + 1} has no file content to upload to Slack`);
    if (m.bytes.length > rules.maxBytes) throw new ProviderError("bad-body", `Attachment ${i + 1} is larger than Slack takes`);
    const alt = m.alt?.trim().slice(0, slackManifest.media.maxAltTextLength) ?? "";
    const title = `${kind === "image" ? "Image" : "Video"} ${i + 1}`;
    const filename = `${kind}-${i + 1}.${EXT[m.mimeType]}`;
    const target = uploadTarget.safeParse(
      await session.call(
        "files.getUploadURLExternal",
        { form: { filename, length: String(m.bytes.length), ...(alt ? { alt_txt: alt } : {}) } },
        // Only reserves an upload: a repeat leaves an unused one behind, never a message.
        { action: `prepare the upload of ${kind} ${i + 1}`, idempotent: true },
      ),
    );
    if (!target.success) throw new ProviderError("retry", `Slack did not say where to upload ${kind} ${i + 1}`);
    // The upload URL is Slack's own and takes the raw bytes without the token (files.getUploadURLExternal usage info).
    await api.fetch(
      target.data.upload_url,
      { method: "POST", headers: { "content-type": m.mimeType }, body: new Blob([m.bytes.slice()], { type: m.mimeType }) },
      { action: `upload ${kind} ${i + 1}`, idempotent: true, maxRetries: 1 },
    );
    uploaded.push({ id: target.data.file_id, alt, title });
  }
  return uploaded;
}

/** Images, uploaded and completed privately, for image blocks in the post's message. */
export async function uploadImages(api: SocialAbstract, session: SlackSession, media: MediaItem[]): Promise<UploadedFile[]> {
  const uploaded = await reserveAndSend(api, session, media, "image");
  await session.call(
    "files.completeUploadExternal",
    { json: { files: uploaded.map((u) => ({ id: u.id, title: u.title })) } },
    { action: "finish the image uploads", idempotent: true },
  );
  return uploaded;
}

/** Videos uploaded but not yet shared: completeUploadExternal comes once the message's ts is known. */
export function uploadVideos(api: SocialAbstract, session: SlackSession, media: MediaItem[]): Promise<UploadedFile[]> {
  return reserveAndSend(api, session, media, "video");
}

/**
 * Shares uploaded files as a reply in a thread (channel_id + thread_ts, the thread's parent ts:
 * Slack refuses a reply's). Not repeated after a lost answer: a second share would post them twice.
 */
export async function shareInThread(session: SlackSession, files: UploadedFile[], channelId: string, threadTs: string): Promise<void> {
  await session.call(
    "files.completeUploadExternal",
    { json: { files: files.map((u) => ({ id: u.id, title: u.title })), channel_id: channelId, thread_ts: threadTs } },
    { action: "share the videos in the post's thread", idempotent: false },
  );
}
