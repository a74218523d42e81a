import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Whop: OAuth sign-in, then the first forum is picked (the
// manifest's oauth2-pick); posts by POST /forum_posts; post figures by GET /forum_posts/{id}.
const recipe: ConformanceRecipe = {
  settings: { title: "Conformance post" },
  routes: { create: "post", analytics: { route: "post-read", fault: "server-error" } },
};

export default recipe;
