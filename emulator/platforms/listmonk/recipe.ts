import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import { tokenFor } from "./users";

// How the conformance suite drives Listmonk: the connect form with the emulated server, an API
// user and its token; campaigns created by POST /api/campaigns; analytics read per campaign.
const recipe: ConformanceRecipe = {
  fields: (base, username) => ({ url: base, username, token: tokenFor(username) }),
  // Subject and lists are required; list 1 is the emulated server's "Default list", with subscribers.
  settings: { subject: "Conformance post", lists: ["1"] },
  routes: { create: "post", analytics: { route: "campaign", fault: "server-error" } },
};

export default recipe;
