import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Kick: connected by OAuth 2.1 with PKCE (auth kind oauth2), posts
// sent as chat messages (POST /public/v1/chat, route "post").
const recipe: ConformanceRecipe = {
  routes: { create: "post" },
};

export default recipe;
