import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Instagram (Instagram Login): signed in on the authorize page;
// a post is made by POST /{ig-user-id}/media_publish (route "publish"); account insights are what a
// refused analytics call hits. Images are sized within the 320–1440 px width rule.
const recipe: ConformanceRecipe = {
  settings: { postType: "post" },
  image: { width: 1080, height: 1080 },
  routes: { create: "publish", analytics: { route: "insights", fault: "server-error" } },
};

export default recipe;
