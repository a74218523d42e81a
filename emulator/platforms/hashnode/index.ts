import { faultAnswer } from "@/emulator/kit/faults";
import { postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import type { EmuRequest, EmuResponse, PlatformEmulator, Route } from "@/emulator/types";
import { grantOf, meAnswer, PAT_PREFIX, PLATFORM, PRO_PLAN, publicationById } from "./accounts";
import { data, gqlError, patOf, readBody, refused, rootField } from "./graphql";
import { confirmImageUpload, createImageUploadURL, putObject } from "./images";
import { publishPost } from "./publish";

// Hashnode's GraphQL API as the provider sees it (gql-beta.hashnode.com, POST /), written from the
// fact sheet and Hashnode/gql-skill (SKILL.md, references/*.md, schema.graphql), never from
// providers/. One endpoint; the operation is told by its root field, one per request:
//   me                    query, needs a PAT (not Pro-gated): the user and their blogs
//   publishPost           mutation, needs a PAT and a Pro blog (publish.ts)
//   createImageUploadURL  mutation, needs a PAT: a presigned PUT (images.ts)
//   confirmImageUpload    mutation, needs a PAT: checks the 8 MB cap
//   post(id)              query, public: a post's views, reactionCount, responseCount, replyCount
//   publication(id)       query, public but Pro-gated: the blog and its seriesList
// Any other root field is Apollo's 400 GRAPHQL_VALIDATION_FAILED. Faults are injected per root
// field (route names "me", "publishPost", "createImageUploadURL", "confirmImageUpload", "post").
// The published limits (20,000 queries and 500 mutations a minute) are "not currently enforced",
// so no window is kept; the rate-limit fault answers 429 with Retry-After.

const BODY_LIMIT = 100 * 1024;
const AUTHENTICATED = new Set(["me", "publishPost", "createImageUploadURL", "confirmImageUpload"]);

function postStats(state: EmulatorState, variables: Record<string, unknown>): EmuResponse {
  if (typeof variables.id !== "string") return gqlError(400, "BAD_USER_INPUT", 'Variable "$id" of required type "ID!" was not provided.');
  const p = recorded(state, PLATFORM).find(variables.id);
  if (!p) return data({ post: null });
  const n = (metric: string) => postCounter(p.id, metric, p.receivedAt);
  return data({
    post: {
      id: p.id,
      url: p.extra?.url,
      views: n("views"),
      reactionCount: n("likes"),
      responseCount: n("comments"),
      replyCount: n("replies"),
      publishedAt: new Date(p.receivedAt).toISOString(),
    },
  });
}

function publication(state: EmulatorState, variables: Record<string, unknown>): EmuResponse {
  if (typeof variables.id !== "string") return gqlError(400, "BAD_USER_INPUT", 'Variable "$id" of type "ObjectId" must be given.');
  const pub = publicationById(state, variables.id);
  if (!pub) return data({ publication: null });
  if (!pub.pro) return refused("FORBIDDEN", PRO_PLAN, "publication");
  return data({
    publication: {
      id: pub.id,
      title: pub.title,
      url: pub.url,
      seriesList: {
        edges: pub.series.map((x) => ({ node: { id: x.id, name: x.name, slug: x.slug }, cursor: x.id })),
        pageInfo: { endCursor: null, hasNextPage: false },
      },
    },
  });
}

async function graphql(state: EmulatorState, req: EmuRequest): Promise<EmuResponse> {
  if (req.body.length > BODY_LIMIT) return gqlError(413, "BAD_REQUEST", "Request body larger than 100kb");
  const body = readBody(req);
  if ("status" in body) return body;
  const field = rootField(body.query);
  const run = (): EmuResponse => {
    if (field === "post") return postStats(state, body.variables);
    if (field === "publication") return publication(state, body.variables);
    if (!field || !AUTHENTICATED.has(field))
      return gqlError(400, "GRAPHQL_VALIDATION_FAILED", `Cannot query field "${field ?? ""}" on type "Query".`);
    const grant = grantOf(state, patOf(req));
    if (!grant) return refused("UNAUTHENTICATED", "You must be logged in to perform this action.", field);
    if (field === "me") return data({ me: meAnswer(grant.account) });
    if (field === "publishPost") return publishPost(state, grant.account, body.variables);
    if (field === "createImageUploadURL") return createImageUploadURL(state, req, grant.account, body.variables);
    return confirmImageUpload(state, grant.account, body.variables);
  };
  return (await faultAnswer(state, emulator, field ?? "", run)) ?? run();
}

function routes(state: EmulatorState): Route[] {
  return [
    { method: "POST", path: "/", name: "graphql", handle: (req) => graphql(state, req) },
    { method: "PUT", path: "/_bucket/:key", name: "bucket", handle: (req, p) => putObject(state, req, p.key!) },
  ];
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Hashnode",
  notes:
    `GraphQL at this address (POST /). Personal access token: <code>${PAT_PREFIX}&lt;username&gt;</code>, e.g. ` +
    `<code>${PAT_PREFIX}alice</code> (the user is created on first use; other tokens are UNAUTHENTICATED). ` +
    "Each user has a Pro blog and a free-plan blog; publishing to the free one is refused with Hashnode's Pro-plan FORBIDDEN.",
  routes,
  faults: {
    "expired-token": () => refused("UNAUTHENTICATED", "You must be logged in to perform this action."),
    // PATs have no scopes; a contributor's token is refused a direct publish.
    "missing-scope": () => refused("FORBIDDEN", "You are not allowed to publish to this publication."),
    "rate-limit": ({ retryAfterSeconds }) => ({
      ...gqlError(429, "TOO_MANY_REQUESTS", "Too many requests, please try again later."),
      headers: { "retry-after": String(retryAfterSeconds) },
    }),
    "server-error": () => refused("INTERNAL_SERVER_ERROR", "Unexpected error."),
  },
};

export default emulator;
