import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// A real local S3 API server (s3rver 3.7.1) in this process, on a free loopback port, its data in
// a folder the caller owns (inside the test's temp dir). s3rver does not check SigV4 signatures
// (only the access key id), so signing is unit-tested against AWS's published example instead.
// stop() closes it; being in-process, it also ends with the test process on every other path.

const PACKAGE = fileURLToPath(new URL("./node_modules/s3rver/package.json", import.meta.url));

export type S3Peer = {
  endpoint: string;
  bucket: string;
  /** The MEDIA_S3_* settings that point the app at this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

type S3rverInstance = { run(): Promise<{ port: number }>; close(): Promise<void> };
type S3rverClass = new (opts: Record<string, unknown>) => S3rverInstance;

export async function startS3(dataDir: string, bucket = "media"): Promise<S3Peer> {
  if (!existsSync(PACKAGE)) throw new Error("s3rver is not installed: run `npm install --prefix tests/peers` first");
  const S3rver = createRequire(PACKAGE)(path.dirname(PACKAGE)) as S3rverClass;
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    directory: dataDir,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      MEDIA_S3_ENDPOINT: endpoint,
      MEDIA_S3_BUCKET: bucket,
      MEDIA_S3_REGION: "us-east-1",
      MEDIA_S3_ACCESS_KEY_ID: "S3RVER",
      MEDIA_S3_SECRET_ACCESS_KEY: "S3RVER",
      MEDIA_S3_FORCE_PATH_STYLE: "true",
    },
    stop: () => server.close(),
  };
}
