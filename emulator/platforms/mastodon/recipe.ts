import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Mastodon: the user names the emulated server, the app registers
// there and signs in (instance-oauth); statuses by POST /api/v1/statuses.
const recipe: ConformanceRecipe = {
  instance: (base) => base,
  routes: { create: "post", analytics: { route: "status", fault: "server-error" } },
};

export default recipe;
