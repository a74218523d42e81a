import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Facebook Pages: Facebook Login, then the first Page offered (the
// one the user may create content on). Text posts are created by POST /{page-id}/feed ("post");
// analytics collection is refused once on the insights route to check a gap is tolerated.
const recipe: ConformanceRecipe = {
  routes: { create: "post", analytics: { route: "insights", fault: "server-error" } },
};

export default recipe;
