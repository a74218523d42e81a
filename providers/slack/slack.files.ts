import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem } from "../social.integrations.interface";
import { slackManifest } from "./slack.manifest";
import type { SlackSession } from "./slack.session";

// Images through Slack's external upload flow (files.getUploadURLExternal, then the bytes to the
// upload URL it hands out, then files.completeUploadExternal; ../shared/platforms/slack.md §2).
// They are completed without a channel: a share names no message ts in its answer, so the images
// are shown in the post's own message instead, as image blocks naming each file (slack_file), which
// Slack allows for an image the poster can access.

const RULES = slackManifest.media.image;
const EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif" };
const uploadTarget = z.object({ upload_url: z.string().url(), file_id: z.string().min(1) });

export type UploadedImage = { id: string; alt: string };

export async function uploadImages(api: SocialAbstract, session: SlackSession, media: MediaItem[]): Promise<UploadedImage[]> {
  if (media.length > RULES.maxCount) throw new ProviderError("bad-body", `A Slack post here takes at most ${RULES.maxCount} images`);
  const uploaded: UploadedImage[] = [];
  for (const [i, m] of media.entries()) {
    if (!RULES.mimeTypes.includes(m.mimeType))
      throw new ProviderError("bad-body", `Attachment ${i + 1} is ${m.mimeType}; Slack shows PNG, JPEG and GIF images in a message`);
    if (!m.bytes?.length) throw new ProviderError("bad-body", `Attachment ${i + 1} has no file content to upload to Slack`);
    const alt = m.alt?.trim().slice(0, slackManifest.media.maxAltTextLength) ?? "";
    const filename = `image-${i + 1}.${EXT[m.mimeType]}`;
    const target = uploadTarget.safeParse(
      await session.call(
        "files.getUploadURLExternal",
        { form: { filename, length: String(m.bytes.length), ...(alt ? { alt_txt: alt } : {}) } },
        // Only reserves an upload: a repeat leaves an unused one behind, never a message.
        { action: `prepare the upload of image ${i + 1}`, idempotent: true },
      ),
    );
    if (!target.success) throw new ProviderError("retry", `Slack did not say where to upload image ${i + 1}`);
    // The upload URL is Slack's own and takes the raw bytes without the token (files.getUploadURLExternal usage info).
    await api.fetch(
      target.data.upload_url,
      { method: "POST", headers: { "content-type": m.mimeType }, body: new Blob([m.bytes.slice()], { type: m.mimeType }) },
      { action: `upload image ${i + 1}`, idempotent: true, maxRetries: 1 },
    );
    uploaded.push({ id: target.data.file_id, alt });
  }
  await session.call(
    "files.completeUploadExternal",
    { json: { files: uploaded.map((u, i) => ({ id: u.id, title: `Image ${i + 1}` })) } },
    { action: "finish the image uploads", idempotent: true },
  );
  return uploaded;
}
