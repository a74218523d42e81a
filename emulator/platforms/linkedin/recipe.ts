import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives LinkedIn: OAuth sign-in (from the manifest), posts by POST /rest/posts.
const recipe: ConformanceRecipe = {
  routes: { create: "post", analytics: { route: "post-stats", fault: "missing-scope" } },
};

export default recipe;
