import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import { integrationToken } from "./tokens";

// How the conformance suite drives Medium: the connect form with an integration token the
// emulator made for the account; stories by POST /v1/users/{authorId}/posts.
const recipe: ConformanceRecipe = {
  fields: (_base, username) => ({ token: integrationToken(username) }),
  // Medium requires a title on every story.
  settings: { title: "Conformance post" },
  routes: { create: "post" },
};

export default recipe;
