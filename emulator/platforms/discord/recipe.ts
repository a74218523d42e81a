import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Discord: the bot is added to the account's server (oauth2-pick),
// the first channel offered (#general) is picked, and messages are created by the route "post".
// A post carries a Discord setting: its thread of follow-ups is named.
const recipe: ConformanceRecipe = {
  settings: { threadName: "Conformance follow-ups" },
  routes: { create: "post" },
};

export default recipe;
