import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, Grant } from "@/emulator/state";
import { isAnswer } from "@/emulator/kit/access";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { actAsProblem, type OrgsOf } from "./authors";
import { duplicateAnswer, inputError, liError, readJson, restCall } from "./common";
import type { AssetStore } from "./media";
import { shownText } from "./little-text";

// POST /rest/posts and POST /rest/socialActions/{urn}/comments, checked against the Posts API:
// required fields, who may be the author, little-text commentary of at most 3000 characters, one
// kind of content, uploaded media owned by the author, poll rules, and duplicate commentary.

type PostBody = {
  author?: string;
  commentary?: string;
  visibility?: string;
  lifecycleState?: string;
  distribution?: { feedDistribution?: string };
  content?: { media?: { id?: string }; multiImage?: { images?: { id?: string }[] }; poll?: PollBody; article?: unknown };
};
type PollBody = { question?: string; options?: { text?: string }[]; settings?: { duration?: string } };

const VISIBILITIES = ["PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"];
const DURATIONS = ["ONE_DAY", "THREE_DAYS", "SEVEN_DAYS", "FOURTEEN_DAYS"];
const len = (s: string) => [...s].length;

function pollProblem(p: PollBody): EmuResponse | undefined {
  if (!p.question || len(p.question) > 140)
    return inputError(422, "/content/poll/question", "INVALID_VALUE", "a question of 1 to 140 characters is required");
  const options = p.options ?? [];
  if (options.length < 2 || options.length > 4)
    return inputError(422, "/content/poll/options", "INVALID_VALUE", "a poll has 2 to 4 options");
  if (options.some((o) => !o.text || len(o.text) > 30))
    return inputError(422, "/content/poll/options", "INVALID_VALUE", "each option is 1 to 30 characters");
  if (!DURATIONS.includes(p.settings?.duration ?? ""))
    return inputError(422, "/content/poll/settings/duration", "INVALID_VALUE", `duration must be one of ${DURATIONS.join(", ")}`);
  return undefined;
}

function mediaProblem(
  assets: AssetStore,
  author: string,
  ids: (string | undefined)[],
  fieldPath: string,
  kinds: string[],
): EmuResponse | undefined {
  for (const id of ids) {
    const a = id ? assets.get(id) : undefined;
    if (!a || !kinds.includes(a.kind))
      return inputError(422, fieldPath, "INVALID_VALUE", `${id ?? "(missing)"} is not an uploaded ${kinds.join(" or ")}`);
    if (a.owner !== author) return inputError(422, fieldPath, "INVALID_VALUE", `${id} belongs to ${a.owner}, not to the author ${author}`);
    if (a.status !== "AVAILABLE")
      return inputError(422, fieldPath, "INVALID_VALUE", `${id} is ${a.status}; only AVAILABLE media can be posted`);
  }
  return undefined;
}

function contentProblem(assets: AssetStore, b: PostBody): EmuResponse | undefined {
  const c = b.content;
  if (!c) return undefined;
  const kinds = Object.keys(c);
  if (kinds.length !== 1)
    return inputError(422, "/content", "INVALID_VALUE", "content holds exactly one of media, multiImage, poll or article");
  if (c.media) return mediaProblem(assets, b.author!, [c.media.id], "/content/media/id", ["image", "video"]);
  if (c.multiImage) {
    const images = c.multiImage.images ?? [];
    if (images.length < 2 || images.length > 20)
      return inputError(422, "/content/multiImage/images", "INVALID_VALUE", "multiImage takes 2 to 20 images");
    return mediaProblem(
      assets,
      b.author!,
      images.map((i) => i.id),
      "/content/multiImage/images",
      ["image"],
    );
  }
  if (c.poll) return pollProblem(c.poll);
  if (c.article !== undefined) return articleProblem(assets, b.author!, c.article);
  return undefined;
}

/** content.article: source (the link) and title required, description optional, thumbnail an uploaded image of the author. */
function articleProblem(assets: AssetStore, author: string, a: unknown): EmuResponse | undefined {
  const o = (a && typeof a === "object" ? a : {}) as Record<string, unknown>;
  if (typeof o.source !== "string" || !/^https?:\/\/\S+$/i.test(o.source))
    return inputError(422, "/content/article/source", "FIELD_MISSING", "source must be the link's http(s) address");
  if (typeof o.title !== "string" || !o.title.trim())
    return inputError(422, "/content/article/title", "FIELD_MISSING", "an article needs a title");
  if (o.description !== undefined && typeof o.description !== "string")
    return inputError(422, "/content/article/description", "INVALID_VALUE", "description must be text");
  const known = new Set(["source", "title", "description", "thumbnail", "thumbnailAltText"]);
  const extra = Object.keys(o).find((k) => !known.has(k));
  if (extra) return inputError(422, `/content/article/${extra}`, "UNRECOGNIZED_FIELD", "field is not part of an article");
  if (o.thumbnail === undefined) return undefined;
  return mediaProblem(assets, author, [typeof o.thumbnail === "string" ? o.thumbnail : undefined], "/content/article/thumbnail", ["image"]);
}

function createPost(state: EmulatorState, platform: string, grant: Grant, assets: AssetStore, orgsOf: OrgsOf, b: PostBody): EmuResponse {
  if (typeof b.commentary !== "string")
    return inputError(422, "/commentary", "FIELD_MISSING", "field is required but not found and has no default value");
  if (!VISIBILITIES.includes(b.visibility ?? ""))
    return inputError(422, "/visibility", "INVALID_VALUE", `must be one of ${VISIBILITIES.join(", ")}`);
  if (b.distribution?.feedDistribution === undefined)
    return inputError(422, "/distribution/feedDistribution", "FIELD_MISSING", "field is required but not found");
  if (!["PUBLISHED", "DRAFT"].includes(b.lifecycleState ?? ""))
    return inputError(422, "/lifecycleState", "INVALID_VALUE", "must be PUBLISHED or DRAFT");
  const denied = actAsProblem(state, grant, b.author, orgsOf, "/author");
  if (denied) return denied;
  // What LinkedIn would show: escapes removed, cut at the first unescaped reserved character.
  const shown = shownText(b.commentary);
  if (len(shown) > 3000)
    return inputError(422, "/commentary", "MAX_LENGTH_EXCEEDED", `length ${len(shown)} exceeds the maximum of 3000 characters`);
  if (!shown.trim() && !b.content) return inputError(422, "/commentary", "INVALID_VALUE", "a post needs commentary or content");
  const bad = contentProblem(assets, b);
  if (bad) return bad;
  const dup =
    shown.trim() && state.posts.find((p) => p.platform === platform && !p.replyTo && p.extra?.author === b.author && p.text === shown);
  if (dup) return duplicateAnswer(dup.id);
  const c = b.content;
  const media = c?.media?.id ? [c.media.id] : (c?.multiImage?.images ?? []).map((i) => i.id!);
  const post = recorded(state, platform).record({
    id: `urn:li:share:7${state.nextId()}`,
    accountId: grant.accountId,
    text: shown,
    media,
    poll: c?.poll,
    extra: {
      author: b.author,
      visibility: b.visibility,
      commentary: b.commentary,
      lifecycleState: b.lifecycleState,
      ...(c?.article ? { article: c.article } : {}),
    },
  });
  return { status: 201, headers: { "x-restli-id": post.id, "x-linkedin-id": post.id } };
}

function createComment(
  state: EmulatorState,
  platform: string,
  grant: Grant,
  orgsOf: OrgsOf,
  target: string,
  b: { actor?: string; object?: string; message?: { text?: string } },
): EmuResponse {
  const post = recorded(state, platform).find(target);
  if (!post || post.replyTo) return liError(404, "NOT_FOUND", `No post ${target} to comment on`);
  if (b.object !== target) return inputError(422, "/object", "INVALID_VALUE", "object must be the URN the comment is posted under");
  const denied = actAsProblem(state, grant, b.actor, orgsOf, "/actor");
  if (denied) return denied;
  const text = b.message?.text;
  if (typeof text !== "string" || !text.trim()) return inputError(422, "/message/text", "FIELD_MISSING", "a comment needs text");
  const n = state.nextId();
  const urn = `urn:li:comment:(${target},${n})`;
  recorded(state, platform).record({ id: urn, accountId: grant.accountId, text, media: [], replyTo: target, extra: { actor: b.actor } });
  const created = { actor: b.actor, time: Date.now() };
  return json(
    201,
    { actor: b.actor, object: target, message: { text }, id: n, $URN: urn, created, lastModified: created },
    { "x-restli-id": n },
  );
}

export function postRoutes(state: EmulatorState, platform: string, orgsOf: OrgsOf, assets: AssetStore): Route[] {
  const withGrantAndBody = <T>(req: EmuRequest, then: (grant: Grant, body: T) => EmuResponse): EmuResponse => {
    const grant = restCall(state, platform, req);
    if (isAnswer(grant)) return grant;
    const read = readJson<T>(req);
    return "error" in read ? read.error : then(grant, read.body);
  };
  return [
    {
      method: "POST",
      path: "/rest/posts",
      name: "post",
      handle: (req) => withGrantAndBody<PostBody>(req, (g, b) => createPost(state, platform, g, assets, orgsOf, b)),
    },
    {
      method: "POST",
      path: "/rest/socialActions/:urn/comments",
      name: "comment",
      handle: (req, params) =>
        withGrantAndBody<Parameters<typeof createComment>[5]>(req, (g, b) =>
          createComment(state, platform, g, orgsOf, params.urn ?? "", b),
        ),
    },
  ];
}
