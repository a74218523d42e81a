import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives MeWe: connected through its sign-in link (auth kind oauth2, the
// grant coming back as loginRequestToken), posts made on the timeline through the route named "post".
const recipe: ConformanceRecipe = {
  routes: { create: "post" },
};

export default recipe;
