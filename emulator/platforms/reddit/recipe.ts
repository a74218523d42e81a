import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Reddit: connected through its sign-in (oauth2), every post a
// submission to r/postmill_sandbox (the subreddit and title are required settings), created by the
// route named "post" (POST /api/submit); post analytics read GET /api/info.
const recipe: ConformanceRecipe = {
  settings: { subreddit: "postmill_sandbox", title: "Conformance post" },
  routes: { create: "post", analytics: { route: "info", fault: "server-error" } },
};

export default recipe;
