import { z } from "zod";

// A library file as /api/v1 shows it (lib/media/dto.ts): never its storage path.
export const mediaSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string().describe("Decided from the file's bytes, not from what the client declared"),
  size: z.number().int().describe("Bytes"),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  alt: z.string().nullable().describe("The default alt text; a post may override it"),
  createdAt: z.iso.datetime(),
  url: z.string().describe("Where a signed-in browser fetches the file (/api/media/{id}/file); attach it to a post by id"),
});

export const mediaPageSchema = z.object({
  data: z.array(mediaSchema),
  nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page"),
});
