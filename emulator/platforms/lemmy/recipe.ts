import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Lemmy: the form names the emulator as the instance, with the
// emulator's password rule; posts go to !postmill with a title (both required settings), created
// by the route named "post" (POST /api/v3/post); post analytics read GET /api/v3/post.
const recipe: ConformanceRecipe = {
  fields: (base, username) => ({ instance: base, username, password: `${username}-password` }),
  settings: { community: "postmill", title: "Conformance post" },
  routes: { create: "post", analytics: { route: "post-read", fault: "server-error" } },
};

export default recipe;
