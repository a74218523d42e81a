import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Slack: the app is installed into the account's workspace
// (oauth2-pick), the first channel offered (#general, which the bot joins) is picked, and messages
// are created by chat.postMessage (route "post"), link previews turned off.
const recipe: ConformanceRecipe = {
  settings: { unfurlLinks: false },
  routes: { create: "post" },
};

export default recipe;
