import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Twitch: connected by OAuth (auth kind oauth2), posts sent as chat
// messages (Send Chat Message, route "post"), the default "Send as".
const recipe: ConformanceRecipe = {
  settings: { sendAs: "message" },
  routes: { create: "post" },
};

export default recipe;
