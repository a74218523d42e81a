import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives LinkedIn Page: OAuth sign-in, then the first administered
// organization is picked (from the manifest's oauth2-pick); posts by POST /rest/posts.
const recipe: ConformanceRecipe = {
  routes: { create: "post", analytics: { route: "stats", fault: "missing-scope" } },
};

export default recipe;
