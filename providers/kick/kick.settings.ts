import { z } from "zod";

// Kick's per-post settings (../shared/platforms/kick.md §2): none. A post is one chat message sent
// as the connected user (type "user") into the user's own channel.
export const kickSettings = z.object({}).meta({ title: "Kick settings" });

export type KickSettings = z.infer<typeof kickSettings>;
