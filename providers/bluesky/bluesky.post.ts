import { graphemeCount, utf8Bytes } from "../core/counting";
import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import type { SocialAbstract } from "../social.abstract";
import type { PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { buildFacets } from "./bluesky.facets";
import { blueskyManifest } from "./bluesky.manifest";
import { buildExternal } from "./bluesky.card";
import { buildEmbed } from "./bluesky.media";
import { rkeyFromIdempotencyKey, rkeyOf } from "./bluesky.rkey";
import type { BlueskySettings } from "./bluesky.settings";
import { Xrpc } from "./bluesky.xrpc";

// One app.bsky.feed.post record: text with facets, an optional media or link-card embed, languages, and for
// replies the strong refs (uri + cid) of the thread's root and of the post directly above.

export const MAX_GRAPHEMES = blueskyManifest.maxLength;
export const MAX_BYTES = blueskyManifest.maxBytes;
const COLLECTION = "app.bsky.feed.post";

export type Author = { service: string; did: string; handle: string; accessToken: string };
type StrongRef = { uri: string; cid: string };
export type ReplyRefs = { root: StrongRef; parent: StrongRef };

export function checkText(text: string): void {
  const graphemes = graphemeCount(text);
  if (graphemes > MAX_GRAPHEMES)
    throw new ProviderError("bad-body", `The text is ${graphemes} characters; Bluesky allows ${MAX_GRAPHEMES}`);
  const bytes = utf8Bytes(text);
  if (bytes > MAX_BYTES) throw new ProviderError("bad-body", `The text is ${bytes} bytes long; Bluesky allows ${MAX_BYTES} bytes`);
}

export function strongRef(item: PublishedItem, role: string): StrongRef {
  const uri = item.ref?.uri ?? item.id;
  const cid = item.ref?.cid;
  if (!uri?.startsWith("at://") || !cid)
    throw new ProviderError("bad-body", `The ${role} post has no Bluesky reference (uri and cid) to reply to`);
  return { uri, cid };
}

function published(author: Author, ref: StrongRef, warnings?: string[]): PublishedItem {
  const web = hostOf(blueskyManifest, "web");
  const url = `${web}/profile/${author.handle}/post/${rkeyOf(ref.uri)}`;
  return { id: ref.uri, url, ref: { uri: ref.uri, cid: ref.cid }, ...(warnings ? { warnings } : {}) };
}

async function existingRecord(xrpc: Xrpc, did: string, rkey: string): Promise<StrongRef | undefined> {
  const found = await xrpc
    .query<{ uri?: string; cid?: string }>(
      "com.atproto.repo.getRecord",
      { repo: did, collection: COLLECTION, rkey },
      { action: "look for the post", maxRetries: 1, auth: false },
    )
    .catch(() => undefined);
  return found?.uri && found.cid ? { uri: found.uri, cid: found.cid } : undefined;
}

export async function publishRecord(
  api: SocialAbstract,
  author: Author,
  item: PostItem,
  settings: BlueskySettings,
  ctx: PublishContext | undefined,
  reply?: ReplyRefs,
): Promise<PublishedItem> {
  checkText(item.text);
  const xrpc = new Xrpc(api, author.service, { token: author.accessToken, ctx });
  const card = item.media?.length || !item.linkCard ? undefined : await buildExternal(xrpc, item.linkCard);
  const embed = card?.embed ?? (await buildEmbed(xrpc, item.media ?? []));
  const warnings = card?.warning ? [card.warning] : undefined;
  const facets = await buildFacets(item.text, (handle) =>
    xrpc.query<{ did?: string }>("com.atproto.identity.resolveHandle", { handle }, { action: "resolve a mention", maxRetries: 0 }).then(
      (r) => r.did,
      () => undefined,
    ),
  );
  const record = {
    $type: COLLECTION,
    text: item.text,
    createdAt: new Date().toISOString(),
    ...(facets.length ? { facets } : {}),
    ...(embed ? { embed } : {}),
    ...(settings.langs?.length ? { langs: settings.langs } : {}),
    ...(reply ? { reply } : {}),
  };

  // Idempotency: Bluesky has no idempotency header, but createRecord takes the record key. The
  // same publish attempt always asks for the same TID-shaped rkey, so a repeat cannot create a
  // second post: the PDS refuses an rkey that is already taken (PDS 0.4 answers a 500). After
  // any failure with our own rkey, and after a lost answer, the record is looked up; if it is
  // there, that earlier success is the result.
  const rkey = ctx?.idempotencyKey ? rkeyFromIdempotencyKey(ctx.idempotencyKey) : undefined;
  try {
    const created = await xrpc.procedure<{ uri?: string; cid?: string }>(
      "com.atproto.repo.createRecord",
      { repo: author.did, collection: COLLECTION, ...(rkey ? { rkey } : {}), record },
      { action: reply ? "publish the reply" : "publish the post" },
    );
    if (!created.uri || !created.cid)
      throw new ProviderError("retry", "Bluesky did not return the new post's uri and cid", { mayHavePublished: true });
    return published(author, { uri: created.uri, cid: created.cid }, warnings);
  } catch (e) {
    const earlier =
      rkey && e instanceof ProviderError && e.kind !== "refresh-token" && e.kind !== "disconnect"
        ? await existingRecord(xrpc, author.did, rkey)
        : undefined;
    if (earlier) return published(author, earlier, warnings);
    throw e;
  }
}
