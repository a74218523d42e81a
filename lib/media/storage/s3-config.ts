// The S3-compatible object store, from MEDIA_S3_* (README, "Media storage"). Unset bucket: media
// stays on local disk. Pure, so it is tested on its own.

export type S3Config = {
  /** Origin of the S3 API, e.g. https://s3.eu-west-1.amazonaws.com or http://minio.lan:9000. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (http://host/bucket/key), as MinIO and most self-hosted stores want, instead of in the host name. */
  forcePathStyle: boolean;
};

export class S3ConfigError extends Error {}

export function s3ConfigFromEnv(env: Record<string, string | undefined> = process.env): S3Config | null {
  const bucket = env.MEDIA_S3_BUCKET?.trim();
  const others = ["MEDIA_S3_ENDPOINT", "MEDIA_S3_ACCESS_KEY_ID", "MEDIA_S3_SECRET_ACCESS_KEY"].filter((n) => env[n]?.trim());
  if (!bucket) {
    if (others.length) throw new S3ConfigError(`${others.join(", ")} ${others.length > 1 ? "are" : "is"} set but MEDIA_S3_BUCKET is not`);
    return null;
  }
  const missing = ["MEDIA_S3_ACCESS_KEY_ID", "MEDIA_S3_SECRET_ACCESS_KEY"].filter((n) => !env[n]?.trim());
  if (missing.length)
    throw new S3ConfigError(`MEDIA_S3_BUCKET is set but ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not`);
  const region = env.MEDIA_S3_REGION?.trim() || "us-east-1";
  const raw = env.MEDIA_S3_ENDPOINT?.trim() || `https://s3.${region}.amazonaws.com`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new S3ConfigError(`MEDIA_S3_ENDPOINT "${raw}" is not a web address such as https://s3.eu-west-1.amazonaws.com`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new S3ConfigError("MEDIA_S3_ENDPOINT must start with https:// or http://");
  if (url.pathname.replace(/\/+$/, "") || url.search || url.username)
    throw new S3ConfigError("MEDIA_S3_ENDPOINT is the store's origin only (no path, query or user name)");
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new S3ConfigError(`MEDIA_S3_BUCKET "${bucket}" is not a valid bucket name`);
  return {
    endpoint: url.origin,
    bucket,
    region,
    accessKeyId: env.MEDIA_S3_ACCESS_KEY_ID!.trim(),
    secretAccessKey: env.MEDIA_S3_SECRET_ACCESS_KEY!.trim(),
    forcePathStyle: /^(1|true|yes)$/i.test(env.MEDIA_S3_FORCE_PATH_STYLE?.trim() ?? ""),
  };
}

/** The object's address: path style (endpoint/bucket/key) or virtual-hosted (bucket.host/key). */
export function objectUrl(c: S3Config, key: string): URL {
  const encoded = key.split("/").map(encodeURIComponent).join("/");
  if (c.forcePathStyle) return new URL(`${c.endpoint}/${c.bucket}/${encoded}`);
  const u = new URL(c.endpoint);
  return new URL(`${u.protocol}//${c.bucket}.${u.host}/${encoded}`);
}

/** What is wrong with MEDIA_S3_*, for start-up to refuse early; null when it is fine or unset. */
export function s3ConfigProblem(env: Record<string, string | undefined> = process.env): string | null {
  try {
    s3ConfigFromEnv(env);
    return null;
  } catch (e) {
    if (e instanceof S3ConfigError) return e.message;
    throw e;
  }
}
