import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Instagram (Facebook Login): signed in on the dialog, the linked
// account picked; a post is made by POST /{ig-user-id}/media_publish (route "publish"), and account
// insights are what a refused analytics call hits. Images are sized within the 320–1440 px width rule.
const recipe: ConformanceRecipe = {
  settings: { postType: "post" },
  image: { width: 1080, height: 1080 },
  routes: { create: "publish", analytics: { route: "insights", fault: "server-error" } },
};

export default recipe;
