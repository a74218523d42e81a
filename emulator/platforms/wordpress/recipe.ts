import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import { appPasswordFor } from "./site";

// How the conformance suite drives WordPress: the connect form with the emulated site (a site in a
// folder, <emulator>/wordpress), a login name and that login's application password.
const recipe: ConformanceRecipe = {
  fields: (base, username) => ({ site: base, username, password: appPasswordFor(username) }),
  // A WordPress post needs a title.
  settings: { title: "Conformance post" },
  routes: { create: "post", analytics: { route: "comments", fault: "server-error" } },
};

export default recipe;
