import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives VK: connected through VK ID (oauth2-pick; the first wall offered
// is the user's own), posts made by wall.post (route "post"), counters read by wall.getById.
const recipe: ConformanceRecipe = {
  settings: { signed: true },
  routes: { create: "post", analytics: { route: "analytics", fault: "server-error" } },
};

export default recipe;
