import { z } from "zod";

// A pin's settings (../shared/platforms/pinterest.md §2): the board it is saved to (required: every
// pin lives on a board, named by its numeric id, never its name), optionally a section of that
// board, a title and the destination link. The description is the post's text; alt text is each
// image's description in the composer.

export const pinterestSettings = z
  .object({
    board: z
      .string()
      .trim()
      .regex(/^\d+$/, "Pick one of your boards (Pinterest names boards by their numeric id)")
      .meta({ title: "Board", description: "The board the pin is saved to", choices: "channel" }),
    section: z.string().trim().regex(/^\d+$/, "Pick one of the board's sections").optional().meta({
      title: "Board section",
      description: "Optional: a section of the chosen board (listed as Board › Section)",
      choices: "channel",
    }),
    title: z.string().trim().max(100, "A pin title is at most 100 characters").optional().meta({ title: "Pin title" }),
    link: z
      .url({ protocol: /^https?$/, message: "The destination link must be an http(s) address" })
      .max(2048, "The destination link is at most 2,048 characters")
      .optional()
      .meta({ title: "Destination link", description: "Where the pin leads when clicked" }),
  })
  .meta({ title: "Pinterest settings" });

export type PinterestSettings = z.infer<typeof pinterestSettings>;
