import { z } from "zod";
import { ProviderError, type HandledError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem } from "../social.integrations.interface";
import { apiUrl, type RedditApi } from "./reddit.api";

// Reddit's media upload (../shared/platforms/reddit.md §2; undocumented in the API reference, used
// by every client that posts images and videos): a lease from POST /api/media/asset.json {filepath, mimetype}
// answering an S3 form ({args: {action, fields}}); the file is then POSTed as multipart to
// `action` (protocol-relative, on Reddit's upload bucket) with every field before the file; S3
// answers 201 with an XML <Location>, the URL the submission names.

const lease = z.object({
  args: z.object({ action: z.string().min(1), fields: z.array(z.object({ name: z.string(), value: z.string() })) }),
  asset: z.object({ asset_id: z.string() }).passthrough(),
});

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
};

/** S3 answers errors in XML: <Error><Code>EntityTooLarge</Code><Message>…</Message></Error>. */
function s3Error(body: string, status: number): HandledError {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  const text = [code, message].filter(Boolean).join(": ") || `HTTP ${status}`;
  if (status >= 500 || status === 429) return { kind: "retry", message: `Reddit's media storage is having trouble (${text})` };
  return { kind: "bad-body", message: `Reddit's media storage refused the file (${text})` };
}

/** Uploads one file (an image, a video or a video's poster) through the lease; the asset URL a submission names. */
export async function uploadMedia(provider: SocialAbstract, api: RedditApi, m: MediaItem): Promise<string> {
  const what = m.mimeType.startsWith("video/") ? "video" : "image";
  if (!m.bytes) throw new ProviderError("bad-body", `The ${what} has no file content to upload to Reddit`, { mayHavePublished: false });
  const filepath = `${what}.${EXTENSIONS[m.mimeType] ?? "bin"}`;
  // A lease only reserves an upload slot: repeating it makes nothing visible.
  const answer = lease.safeParse(
    await api.form("/api/media/asset.json", { filepath, mimetype: m.mimeType }, `reserve an ${what} upload`, {
      idempotent: true,
      maxRetries: 1,
    }),
  );
  if (!answer.success) throw new ProviderError("retry", "Reddit sent an upload lease this server cannot read", { mayHavePublished: false });
  const { action, fields } = answer.data.args;
  // "//reddit-uploaded-media.s3-accelerate.amazonaws.com": resolved against the API's own scheme.
  const target = new URL(action, apiUrl("/")).toString();
  const form = new FormData();
  for (const f of fields) form.append(f.name, f.value);
  form.append("file", new Blob([m.bytes.slice()], { type: m.mimeType }), filepath);
  const res = await provider.fetch(
    target,
    { method: "POST", body: form },
    // No bearer token: the form's signed policy is the authorisation. Repeating a PUT-like upload to the same key is harmless.
    { action: `upload the ${what}`, idempotent: true, maxRetries: 1, classify: s3Error },
  );
  const location = /<Location>([^<]+)<\/Location>/.exec(await res.text())?.[1];
  const key = fields.find((f) => f.name === "key")?.value;
  const url = location ? decodeXml(location) : key ? `${target.replace(/\/+$/, "")}/${key}` : undefined;
  if (!url) throw new ProviderError("retry", `Reddit's media storage did not say where the ${what} went`, { mayHavePublished: false });
  return url;
}

const decodeXml = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"');
