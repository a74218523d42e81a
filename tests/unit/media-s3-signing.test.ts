import { afterEach, describe, expect, it, vi } from "vitest";
import { s3Storage } from "@/lib/media/storage/s3";
import { objectUrl, s3ConfigFromEnv } from "@/lib/media/storage/s3-config";

// The local S3 server used in the integration tests (s3rver) does not verify signatures, so the
// signing is checked here against AWS's own published example: "Authenticating Requests: Using
// Query Parameters (AWS Signature Version 4)", GET examplebucket/test.txt on 24 May 2013,
// valid 86400 s, with AWS's documented example keys.
describe("S3 presigned GET (SigV4 query signing)", () => {
  afterEach(() => vi.useRealTimers());

  it("matches AWS's published example signature", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2013-05-24T00:00:00Z"));
    const config = s3ConfigFromEnv({
      MEDIA_S3_ENDPOINT: "https://s3.amazonaws.com",
      MEDIA_S3_BUCKET: "examplebucket",
      MEDIA_S3_REGION: "us-east-1",
      MEDIA_S3_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      MEDIA_S3_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    })!;
    const url = new URL((await s3Storage(config).presignGet("test.txt", 86400))!);
    expect(url.origin + url.pathname).toBe("https://examplebucket.s3.amazonaws.com/test.txt");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Credential": "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request",
      "X-Amz-Date": "20130524T000000Z",
      "X-Amz-Expires": "86400",
      "X-Amz-SignedHeaders": "host",
      "X-Amz-Signature": "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
    });
  });

  it("caps the validity at SigV4's 7 days", async () => {
    const config = s3ConfigFromEnv({ MEDIA_S3_BUCKET: "b-1", MEDIA_S3_ACCESS_KEY_ID: "k", MEDIA_S3_SECRET_ACCESS_KEY: "s" })!;
    const url = new URL((await s3Storage(config).presignGet("o/a.png", 30 * 86400))!);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("604800");
  });
});

describe("MEDIA_S3_* settings", () => {
  it("is local disk when no bucket is set", () => {
    expect(s3ConfigFromEnv({})).toBeNull();
  });

  it("defaults to AWS in us-east-1, virtual-hosted; path style on request", () => {
    const c = s3ConfigFromEnv({ MEDIA_S3_BUCKET: "media", MEDIA_S3_ACCESS_KEY_ID: "k", MEDIA_S3_SECRET_ACCESS_KEY: "s" })!;
    expect(c).toMatchObject({ endpoint: "https://s3.us-east-1.amazonaws.com", region: "us-east-1", forcePathStyle: false });
    expect(objectUrl(c, "org/a b.png").toString()).toBe("https://media.s3.us-east-1.amazonaws.com/org/a%20b.png");
    const minio = s3ConfigFromEnv({
      MEDIA_S3_ENDPOINT: "http://192.168.1.5:9000/",
      MEDIA_S3_BUCKET: "media",
      MEDIA_S3_ACCESS_KEY_ID: "k",
      MEDIA_S3_SECRET_ACCESS_KEY: "s",
      MEDIA_S3_FORCE_PATH_STYLE: "true",
    })!;
    expect(objectUrl(minio, "org/a.png").toString()).toBe("http://192.168.1.5:9000/media/org/a.png");
  });

  it("names what is missing or wrong", () => {
    expect(() => s3ConfigFromEnv({ MEDIA_S3_BUCKET: "media" })).toThrow(
      "MEDIA_S3_BUCKET is set but MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY are not",
    );
    expect(() => s3ConfigFromEnv({ MEDIA_S3_ENDPOINT: "http://x" })).toThrow("MEDIA_S3_ENDPOINT is set but MEDIA_S3_BUCKET is not");
    const base = { MEDIA_S3_BUCKET: "media", MEDIA_S3_ACCESS_KEY_ID: "k", MEDIA_S3_SECRET_ACCESS_KEY: "s" };
    expect(() => s3ConfigFromEnv({ ...base, MEDIA_S3_ENDPOINT: "ftp://x" })).toThrow(/https:\/\/ or http:\/\//);
    expect(() => s3ConfigFromEnv({ ...base, MEDIA_S3_ENDPOINT: "https://x/bucket" })).toThrow(/origin only/);
    expect(() => s3ConfigFromEnv({ ...base, MEDIA_S3_BUCKET: "Bad_Bucket" })).toThrow(/not a valid bucket name/);
  });
});
