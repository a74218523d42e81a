import { z } from "zod";

// VK's per-post settings (wall.post, dev.vk.com): whether a community post is signed with the
// posting admin's name, and whether comments are closed. Both optional; VK's defaults are off.

export const vkSettings = z
  .object({
    signed: z
      .boolean()
      .optional()
      .meta({ title: "Sign community posts", description: "Show your name under a post made as a community (ignored on your own wall)" }),
    closeComments: z
      .boolean()
      .optional()
      .meta({ title: "Close comments", description: "Nobody can comment on the post (follow-ups need comments open)" }),
  })
  .meta({ title: "VK settings" });

export type VkSettings = z.infer<typeof vkSettings>;
