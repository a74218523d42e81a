import { createHash } from "node:crypto";
import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Nostr: the emulator's relay address and a private key made
// from the test account's name (64 hex, as a user may type it); notes are EVENT messages, the
// relay's "event" fault route.
const recipe: ConformanceRecipe = {
  fields: (base, username) => ({
    relays: base.replace(/^http/, "ws"),
    privateKey: createHash("sha256").update(`nostr-conformance:${username}`).digest("hex"),
  }),
  routes: { create: "event" },
};

export default recipe;
