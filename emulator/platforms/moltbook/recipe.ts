import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import { keyFor } from "./agents";

// How the conformance suite drives Moltbook: the connect form with the emulator's agent key for
// the user; posts by POST /posts in the general submolt, with the title Moltbook requires.
const recipe: ConformanceRecipe = {
  fields: (_base, username) => ({ apiKey: keyFor(username) }),
  settings: { submolt: "general", title: "Conformance post" },
  routes: { create: "post" },
};

export default recipe;
