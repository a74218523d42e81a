import { z } from "zod";
import { fromUrlSchema } from "@/lib/media/from-url";
import { listQuerySchema } from "@/lib/media/library";
import { idText } from "@/lib/validation";
import { defineOperation } from "../operation";
import { mediaPageSchema, mediaSchema } from "../views/media";

// Declarations of the media library operations (handlers: app/api/v1/media/**/route.ts).

export const listMediaOp = defineOperation({
  id: "listMedia",
  method: "GET",
  path: "/api/v1/media",
  scope: "read",
  summary: "List the media library",
  description: "The organization's files, newest first, a page at a time: pass the answer's nextCursor as cursor for the next page.",
  tags: ["Media"],
  query: listQuerySchema,
  response: mediaPageSchema,
});

export const uploadMediaOp = defineOperation({
  id: "uploadMedia",
  method: "POST",
  path: "/api/v1/media",
  scope: "write",
  summary: "Upload a file to the media library",
  description:
    "The request body is the file itself (not multipart), streamed to storage as it arrives. The same checks as an upload in the app: the size cap (413), and a type every platform here could take, decided from the bytes (415). Attach the answer's id to a post's items (media: [{ mediaId }]).",
  tags: ["Media"],
  rawBody: {
    description: "The file's bytes. Content-Length, when sent, must match what arrives.",
    headers: [{ name: "X-File-Name", required: true, description: "The file's name, URI-encoded (encodeURIComponent)" }],
  },
  response: mediaSchema,
  successStatus: 201,
});

export const importMediaOp = defineOperation({
  id: "importMediaFromUrl",
  method: "POST",
  path: "/api/v1/media/from-url",
  scope: "write",
  summary: "Add a file to the media library from a public address",
  description:
    "The server downloads the file (public addresses only, redirects followed and checked) and stores it as an upload, with the same size and type checks.",
  tags: ["Media"],
  body: fromUrlSchema,
  response: mediaSchema,
  successStatus: 201,
});

export const deleteMediaOp = defineOperation({
  id: "deleteMedia",
  method: "DELETE",
  path: "/api/v1/media/{id}",
  scope: "write",
  summary: "Delete a file from the media library",
  description: "Refused (409) while a post that is not published yet uses the file.",
  tags: ["Media"],
  params: z.object({ id: idText("id must be a media id") }),
  response: z.object({ id: z.string(), deleted: z.literal(true) }),
});
