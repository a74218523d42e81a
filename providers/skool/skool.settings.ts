import { z } from "zod";

// Skool is not offered (skool.manifest.ts: availability "unavailable"), so a post carries no settings.
export const skoolSettings = z.object({}).meta({ title: "Skool settings" });

export type SkoolSettings = z.infer<typeof skoolSettings>;
