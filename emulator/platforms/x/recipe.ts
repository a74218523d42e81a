import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives X: OAuth 2.0 sign-in (from the manifest), posts by POST /2/tweets.
const recipe: ConformanceRecipe = {
  routes: { create: "post", analytics: { route: "timeline", fault: "missing-scope" } },
};

export default recipe;
