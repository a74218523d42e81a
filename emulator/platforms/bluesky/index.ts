import { createHash } from "node:crypto";
import { isAnswer as isResponse } from "@/emulator/kit/access";
import { rateLimitFault } from "@/emulator/kit/faults";
import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import { dayOf, followersOn, postCounter, seeded } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { checkPostRecord, findPost } from "./record";
import {
  countLogin,
  EMULATOR_2FA_PASSWORD,
  EMULATOR_APP_PASSWORD,
  findAccount,
  P,
  refreshAnswer,
  requireAccess,
  sessionAnswer,
  TAKEDOWN_PREFIX,
  xrpcError,
} from "./session";
import { isTid, tidOf } from "./tid";

// A PDS as the provider sees it, mounted at <emulator>/bluesky (which is the service URL): app
// password sessions with rotation, profile reads, handle resolution, blob upload and post
// records checked against the app.bsky.feed.post lexicon, with XRPC error bodies.

const BLOB_LIMIT = 52_428_800;
const XRPC = "/xrpc";
let tidClock = 0;

const cidOf = (prefix: string, data: Buffer | string) => `${prefix}${createHash("sha256").update(data).digest("hex").slice(0, 52)}`;
const missingParam = (name: string) => xrpcError(400, "InvalidRequest", `Params must have the property "${name}"`);

/** A procedure's JSON input, or the XRPC answer for a body that is not one. */
function input<T>(req: EmuRequest): { value: T } | { refused: EmuResponse } {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
  if (type !== "application/json")
    return { refused: xrpcError(400, "InvalidRequest", `Wrong request encoding (Content-Type): ${type || "none"}`) };
  try {
    return { value: req.json<T>() };
  } catch {
    return { refused: xrpcError(400, "InvalidRequest", "Request body is not valid JSON") };
  }
}

function nextTid(): string {
  tidClock = Math.max(tidClock + 1, Date.now() * 1000);
  return tidOf(BigInt(tidClock), 7);
}

function helpPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bluesky emulator</title></head><body><main>
<h1>Bluesky (emulator)</h1><p>This address is the <strong>service</strong> (PDS) URL to type when connecting a Bluesky channel.</p>
<ul><li>Identifier: any handle, e.g. <code>emu_bluesky.test</code> &mdash; the account is created on its first login.</li>
<li>App password: <code>${EMULATOR_APP_PASSWORD}</code>. Any other password is refused with "Invalid identifier or password".</li>
<li><code>${EMULATOR_2FA_PASSWORD}</code> behaves like a main password with email 2FA (AuthFactorTokenRequired).</li>
<li>Handles starting with <code>${TAKEDOWN_PREFIX}</code> belong to taken-down accounts.</li>
<li>Logins are limited to 30 per account per 5 minutes (429 RateLimitExceeded), as on bsky.social.</li></ul></main></body></html>`;
}

function createSession(state: EmulatorState, req: EmuRequest) {
  const parsed = input<{ identifier?: unknown; password?: unknown }>(req);
  if ("refused" in parsed) return parsed.refused;
  const body = parsed.value;
  if (typeof body.identifier !== "string") return xrpcError(400, "InvalidRequest", 'Input must have the property "identifier"');
  if (typeof body.password !== "string") return xrpcError(400, "InvalidRequest", 'Input must have the property "password"');
  const account = findAccount(state, body.identifier, body.password === EMULATOR_APP_PASSWORD);
  if (!account) return xrpcError(401, "AuthenticationRequired", "Invalid identifier or password");
  const limited = countLogin(account);
  if (limited) return limited;
  if (body.password === EMULATOR_2FA_PASSWORD)
    return xrpcError(401, "AuthFactorTokenRequired", "A sign in code has been sent to your email address");
  if (body.password !== EMULATOR_APP_PASSWORD) return xrpcError(401, "AuthenticationRequired", "Invalid identifier or password");
  if (account.username.startsWith(TAKEDOWN_PREFIX)) return xrpcError(401, "AccountTakedown", "Account has been taken down");
  return sessionAnswer(state, account);
}

function getRecord(state: EmulatorState, req: EmuRequest) {
  const [repo, collection, rkey] = ["repo", "collection", "rkey"].map((k) => req.query.get(k));
  if (!repo) return missingParam("repo");
  if (!collection) return missingParam("collection");
  if (!rkey) return missingParam("rkey");
  const account = findAccount(state, repo, false);
  if (!account) return xrpcError(400, "InvalidRequest", `Could not find repo: ${repo}`);
  const uri = `at://${account.id}/${collection}/${rkey}`;
  if (collection === "app.bsky.actor.profile" && rkey === "self") {
    return json(200, { uri, cid: cidOf("bafyrei", uri), value: { $type: collection, displayName: account.name } });
  }
  const post = findPost(state, uri);
  if (!post) return xrpcError(400, "RecordNotFound", `Could not locate record: ${uri}`);
  return json(200, { uri, cid: post.extra?.cid, value: post.extra?.record });
}

function uploadBlob(state: EmulatorState, req: EmuRequest) {
  const grant = requireAccess(state, req);
  if (isResponse(grant)) return grant;
  const mimeType = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
  if (!mimeType) return xrpcError(400, "InvalidRequest", "Request encoding (Content-Type) required but not provided");
  if (req.body.length === 0) return xrpcError(400, "InvalidRequest", "Request body is empty");
  if (req.body.length > BLOB_LIMIT) return xrpcError(413, "PayloadTooLarge", "request entity too large");
  const cid = cidOf("bafkrei", req.body);
  state.media.set(cid, { platform: P, accountId: grant.accountId, mimeType, size: req.body.length });
  return json(200, { blob: { $type: "blob", ref: { $link: cid }, mimeType, size: req.body.length } });
}

function createRecord(state: EmulatorState, req: EmuRequest) {
  const grant = requireAccess(state, req);
  if (isResponse(grant)) return grant;
  const parsed = input<{ repo?: string; collection?: string; rkey?: string; record?: unknown }>(req);
  if ("refused" in parsed) return parsed.refused;
  const body = parsed.value;
  if (!body.repo) return xrpcError(400, "InvalidRequest", 'Input must have the property "repo"');
  if (findAccount(state, body.repo, false)?.id !== grant.accountId)
    return xrpcError(400, "InvalidRequest", "Invalid repo: the session's account does not own it");
  if (body.collection !== "app.bsky.feed.post")
    return xrpcError(400, "InvalidRequest", `The emulator stores app.bsky.feed.post records only, not ${body.collection}`);
  if (body.rkey !== undefined && !isTid(body.rkey)) {
    return xrpcError(400, "InvalidRequest", `Invalid record key for app.bsky.feed.post: Invalid TID string (got "${body.rkey}") at $`);
  }
  const problem = checkPostRecord(state, body.record, grant.accountId);
  if (problem) return xrpcError(400, problem.error, problem.message);
  const rkey = body.rkey ?? nextTid();
  const uri = `at://${grant.accountId}/app.bsky.feed.post/${rkey}`;
  // The reference PDS (0.4.x) fails a create on an existing rkey with a bare 500.
  if (findPost(state, uri)) return xrpcError(500, "InternalServerError", "Internal Server Error");
  const record = body.record as {
    text: string;
    reply?: { parent: { uri: string } };
    embed?: { images?: { image: { ref: { $link: string } } }[]; video?: { ref: { $link: string } } };
  };
  const cid = cidOf("bafyrei", JSON.stringify(record));
  const media = record.embed?.images?.map((i) => i.image.ref.$link) ?? (record.embed?.video ? [record.embed.video.ref.$link] : []);
  recorded(state, P).record({
    id: uri,
    accountId: grant.accountId,
    text: record.text,
    media,
    replyTo: record.reply?.parent.uri,
    idempotencyKey: body.rkey,
    extra: { cid, rkey, record },
  });
  return json(200, { uri, cid, commit: { cid: cidOf("bafyrei", `commit:${uri}`), rev: nextTid() }, validationStatus: "valid" });
}

/** app.bsky.feed.getPosts: post views with their counts (deterministic, emulator/kit/metrics.ts); unknown uris are left out. */
function getPosts(state: EmulatorState, req: EmuRequest) {
  // The PDS proxies this to the AppView with the session; the public AppView needs none.
  if (req.bearer()) {
    const grant = requireAccess(state, req);
    if (isResponse(grant)) return grant;
  }
  const uris = req.query.getAll("uris");
  if (!uris.length) return missingParam("uris");
  if (uris.length > 25) return xrpcError(400, "InvalidRequest", "uris must not have more than 25 elements");
  const views = uris.flatMap((uri) => {
    const post = findPost(state, uri);
    if (!post) return [];
    const author = state.getAccount(P, post.accountId);
    const c = (m: string) => postCounter(uri, m, post.receivedAt);
    return [
      {
        uri,
        cid: (post.extra as { cid?: string } | undefined)?.cid ?? "",
        author: { did: post.accountId, handle: author?.username ?? "unknown" },
        record: (post.extra as { record?: unknown } | undefined)?.record ?? { text: post.text },
        replyCount: recorded(state, P).repliesTo(uri).length,
        repostCount: c("reposts"),
        likeCount: c("likes"),
        quoteCount: c("quotes"),
        bookmarkCount: c("bookmarks"),
        indexedAt: new Date(post.receivedAt).toISOString(),
      },
    ];
  });
  return json(200, { posts: views });
}

/** The post's public page (what https://bsky.app/profile/<handle>/post/<rkey> shows). */
function webPost(state: EmulatorState, actor: string, rkey: string) {
  const account = findAccount(state, actor, false);
  const post = account && findPost(state, `at://${account.id}/app.bsky.feed.post/${rkey}`);
  if (!post) return htmlAnswer(404, "<!doctype html><title>Post not found</title><p>Post not found</p>");
  return htmlAnswer(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>@${esc(account.username)} on Bluesky (emulator)</title></head><body><main><p><strong>@${esc(account.username)}</strong></p><p>${esc(post.text)}</p>${post.media.length ? `<p>${post.media.length} attachment(s)</p>` : ""}</main></body></html>`,
  );
}

function routes(state: EmulatorState): Route[] {
  return [
    { method: "GET", path: "/profile/:actor/post/:rkey", name: "web", handle: (_req, p) => webPost(state, p.actor!, p.rkey!) },
    { method: "GET", path: "/", name: "help", handle: () => htmlAnswer(200, helpPage()) },
    { method: "POST", path: `${XRPC}/com.atproto.server.createSession`, name: "session", handle: (req) => createSession(state, req) },
    { method: "POST", path: `${XRPC}/com.atproto.server.refreshSession`, name: "refresh", handle: (req) => refreshAnswer(state, req) },
    {
      method: "GET",
      path: `${XRPC}/app.bsky.actor.getProfile`,
      name: "profile",
      handle(req) {
        const grant = requireAccess(state, req);
        if (isResponse(grant)) return grant;
        const actor = req.query.get("actor");
        if (!actor) return missingParam("actor");
        const a = findAccount(state, actor, false);
        if (!a) return xrpcError(400, "InvalidRequest", "Profile not found");
        const postsCount = recorded(state, P).byAccount(a.id).length;
        return json(200, {
          did: a.id,
          handle: a.username,
          displayName: a.name,
          avatar: a.picture,
          followersCount: followersOn(a.id, dayOf(Date.now())),
          followsCount: 10 + Math.floor(seeded(a.id, "follows") * 300),
          postsCount,
        });
      },
    },
    { method: "GET", path: `${XRPC}/app.bsky.feed.getPosts`, name: "posts", handle: (req) => getPosts(state, req) },
    { method: "GET", path: `${XRPC}/com.atproto.repo.getRecord`, name: "record", handle: (req) => getRecord(state, req) },
    {
      method: "GET",
      path: `${XRPC}/com.atproto.identity.resolveHandle`,
      name: "resolve",
      handle(req) {
        const handle = req.query.get("handle");
        if (!handle) return missingParam("handle");
        const a = findAccount(state, handle, false);
        return a && !handle.startsWith("did:") ? json(200, { did: a.id }) : xrpcError(400, "InvalidRequest", "Unable to resolve handle");
      },
    },
    { method: "POST", path: `${XRPC}/com.atproto.repo.uploadBlob`, name: "media", handle: (req) => uploadBlob(state, req) },
    { method: "POST", path: `${XRPC}/com.atproto.repo.createRecord`, name: "post", handle: (req) => createRecord(state, req) },
  ];
}

const emulator: PlatformEmulator = {
  id: P,
  name: "Bluesky",
  notes: `<p>Connect with service <code>&lt;this emulator&gt;/bluesky</code>, any handle such as <code>me.emulator.test</code>, and the app password <code>${EMULATOR_APP_PASSWORD}</code>.</p>`,
  routes,
  faults: {
    "expired-token": () => xrpcError(400, "ExpiredToken", "Token has expired"),
    "rate-limit": rateLimitFault("ratelimit", 5000, () => xrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded"), 3600),
    "server-error": () => xrpcError(500, "InternalServerError", "Internal Server Error"),
  },
};

export default emulator;
