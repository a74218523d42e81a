import "server-only";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { AwsV4Signer } from "aws4fetch";
import type { ByteRange } from "../range";
import { objectUrl, type S3Config } from "./s3-config";
import { assertMediaKey, type MediaStorage } from "./types";

// Any S3-compatible store (AWS S3, MinIO, Garage, R2, Wasabi…). Requests are signed with SigV4
// by aws4fetch (a small, dependency-free signer) and sent with node:http(s), streamed both ways:
// uploads and downloads can be hundreds of MB.
//
// Why not the guarded outbound client (lib/net/outbound.ts): that client exists so that
// addresses USERS type (a Mastodon server, a media link) cannot reach the server's own network,
// and it buffers and caps every answer. The object store is infrastructure the OPERATOR names in
// MEDIA_S3_ENDPOINT, like DATABASE_URL: on a LAN (MinIO at 192.168.x.x) it is private on purpose.
// So this client talks to exactly that one configured origin and nothing else: every URL is built
// here from the endpoint and a server-chosen key (checked by assertMediaKey), redirects are never
// followed, and the host is never taken from an answer. Nothing a user types can steer it.

export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "S3Error";
  }
}

const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };
const TIMEOUT_MS = 60_000;

async function errorOf(res: http.IncomingMessage, what: string): Promise<S3Error> {
  let text = "";
  for await (const chunk of res) if (text.length < 65_536) text += String(chunk);
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP ${res.statusCode}`;
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? "";
  return new S3Error(res.statusCode ?? 500, code, `object store: ${what} failed: ${code}${message ? ` (${message})` : ""}`);
}

export function s3Storage(c: S3Config): MediaStorage {
  const signer = (method: string, url: URL, headers: Record<string, string> = {}, signQuery = false) =>
    new AwsV4Signer({
      method,
      url: url.toString(),
      headers,
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      service: "s3",
      region: c.region,
      signQuery,
    }).sign();

  async function send(method: string, key: string, headers: Record<string, string>, body?: Readable): Promise<http.IncomingMessage> {
    assertMediaKey(key);
    const signed = await signer(method, objectUrl(c, key), headers);
    const out: Record<string, string> = {};
    signed.headers.forEach((v, k) => (out[k] = v));
    const lib = signed.url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        signed.url,
        { method, headers: out, agent: agents[signed.url.protocol as "http:" | "https:"], timeout: TIMEOUT_MS },
        resolve,
      );
      req.on("timeout", () => req.destroy(new Error(`object store: no answer from ${signed.url.host} in ${TIMEOUT_MS / 1000} s`)));
      req.on("error", reject);
      if (body) {
        body.on("error", (e) => req.destroy(e));
        body.pipe(req);
      } else req.end();
    });
  }

  async function get(key: string, range?: ByteRange | null): Promise<http.IncomingMessage> {
    const res = await send("GET", key, range ? { range: `bytes=${range.start}-${range.end}` } : {});
    if (res.statusCode !== 200 && res.statusCode !== 206) throw await errorOf(res, `reading ${key}`);
    return res;
  }

  return {
    kind: "s3",
    async putFile(key, tempFile, size, contentType) {
      const res = await send("PUT", key, { "content-type": contentType, "content-length": String(size) }, createReadStream(tempFile));
      if (res.statusCode !== 200) throw await errorOf(res, `storing ${key}`);
      res.resume();
      await rm(tempFile, { force: true });
    },
    async size(key) {
      const res = await send("HEAD", key, {});
      res.resume();
      if (res.statusCode === 404) return null;
      if (res.statusCode !== 200)
        throw new S3Error(
          res.statusCode ?? 500,
          `HTTP ${res.statusCode}`,
          `object store: looking up ${key} failed: HTTP ${res.statusCode}`,
        );
      return Number(res.headers["content-length"] ?? 0);
    },
    async open(key, range) {
      return Readable.toWeb(await get(key, range)) as ReadableStream<Uint8Array>;
    },
    async read(key) {
      const chunks: Buffer[] = [];
      for await (const chunk of await get(key)) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    async remove(key) {
      const res = await send("DELETE", key, {});
      if (res.statusCode !== 204 && res.statusCode !== 200 && res.statusCode !== 404) throw await errorOf(res, `removing ${key}`);
      res.resume();
    },
    async presignGet(key, ttlSeconds) {
      assertMediaKey(key);
      const url = objectUrl(c, key);
      // SigV4 query signatures are valid for at most 7 days.
      url.searchParams.set("X-Amz-Expires", String(Math.max(1, Math.min(604_800, Math.floor(ttlSeconds)))));
      return (await signer("GET", url, {}, true)).url.toString();
    },
  };
}
