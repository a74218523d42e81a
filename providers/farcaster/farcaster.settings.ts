import { z } from "zod";

// Farcaster's per-cast settings: the channel to cast into (Neynar's POST /v2/farcaster/cast
// `channel_id`, e.g. "memes"). Without one, the cast goes to the author's own feed. The choices are
// the channels the account has been active in (GET /v2/farcaster/user/channels), read when the
// composer opens the field; a channel id is lower-case letters, digits and dashes.

const CHANNEL_ID = /^[a-z0-9-]{1,64}$/;

export const farcasterSettings = z
  .object({
    channel: z
      .string()
      .trim()
      .regex(CHANNEL_ID, { error: "Channel must be a Farcaster channel id such as memes (lower-case letters, digits and dashes)" })
      .optional()
      .meta({
        title: "Channel",
        description: "Cast into one of your channels; leave empty to cast to your own feed.",
        choices: "channel",
      }),
  })
  .meta({ title: "Farcaster settings" });

export type FarcasterSettings = z.infer<typeof farcasterSettings>;
