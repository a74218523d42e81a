import { z } from "zod";

// Nostr's per-post settings: none. A kind-1 note is its text and tags; the thread and media
// tags are written from the post's items (nostr.event.ts).
export const nostrSettings = z.object({}).meta({ title: "Nostr settings" });

export type NostrSettings = z.infer<typeof nostrSettings>;
