import { z } from "zod";

// The GraphQL operations Postmill sends, each named (the emulator and Hashnode's logs tell them
// apart by operation name), with the shape of the `data` each answers. Field names from
// Hashnode/gql-skill references/schema.graphql and mutations.md.

/** The token's user and the blogs (publications) it belongs to; `me` needs a token but no Pro plan. */
export const ME = `query Me {
  me {
    id
    username
    name
    profilePicture
    publications(first: 50) { edges { node { id title displayTitle url favicon } } }
  }
}`;

const publication = z.object({
  id: z.string().min(1),
  title: z.string(),
  displayTitle: z.string().nullish(),
  url: z.string().nullish(),
  favicon: z.string().nullish(),
});
export type HashnodePublication = z.infer<typeof publication>;

export const meData = z.object({
  me: z.object({
    id: z.string().min(1),
    username: z.string(),
    name: z.string().nullish(),
    profilePicture: z.string().nullish(),
    publications: z.object({ edges: z.array(z.object({ node: publication })) }),
  }),
});

export const PUBLISH_POST = `mutation PublishPost($input: PublishPostInput!) {
  publishPost(input: $input) { post { id slug url title } }
}`;

export const publishData = z.object({
  publishPost: z.object({ post: z.object({ id: z.string().min(1), slug: z.string(), url: z.string().min(1) }) }),
});

/** The cover's upload target: presignedPut (presignedPost was deprecated, removal planned 2026-09-07). */
export const CREATE_IMAGE_UPLOAD_URL = `mutation CreateImageUploadURL($input: CreateImageUploadInput!) {
  createImageUploadURL(input: $input) { presignedPut { url cdnUrl key } }
}`;

export const uploadUrlData = z.object({
  createImageUploadURL: z.object({ presignedPut: z.object({ url: z.string().min(1), cdnUrl: z.string().min(1), key: z.string().min(1) }) }),
});

/** Required after a presignedPut upload: it checks the 8 MB cap and deletes a file over it. */
export const CONFIRM_IMAGE_UPLOAD = `mutation ConfirmImageUpload($input: ConfirmImageUploadInput!) {
  confirmImageUpload(input: $input) { ok cdnUrl }
}`;

export const confirmData = z.object({ confirmImageUpload: z.object({ ok: z.boolean(), cdnUrl: z.string().nullish() }) });

/** A post's counters; `views` is nullable (a blog may hide its view count). */
export const POST_STATS = `query PostStats($id: ID!) {
  post(id: $id) { id views reactionCount responseCount replyCount }
}`;

export const postStatsData = z.object({
  post: z
    .object({
      id: z.string(),
      views: z.number().nullish(),
      reactionCount: z.number().nullish(),
      responseCount: z.number().nullish(),
      replyCount: z.number().nullish(),
    })
    .nullable(),
});

/** The blog's series, offered as choices for the Series setting. `publication` is Pro-gated, as publishing is. */
export const PUBLICATION_SERIES = `query PublicationSeries($id: ObjectId!) {
  publication(id: $id) { id seriesList(first: 50) { edges { node { id name } } } }
}`;

export const seriesData = z.object({
  publication: z
    .object({ seriesList: z.object({ edges: z.array(z.object({ node: z.object({ id: z.string().min(1), name: z.string() }) })) }) })
    .nullable(),
});
