import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import { boardIdFor } from "./support";

// How the conformance suite drives Pinterest: connected by OAuth as the user "conf_pinterest"
// (the suite signs in as conf_<id>), pinning to that account's first board ("Recipes"), whose id
// the emulator derives from the username. Pins are created by the route "post"; analytics are
// refused on the account analytics route to check a missing part is tolerated.
const recipe: ConformanceRecipe = {
  settings: { board: boardIdFor("conf_pinterest", 0), title: "Conformance pin" },
  routes: { create: "post", analytics: { route: "analytics", fault: "server-error" } },
};

export default recipe;
