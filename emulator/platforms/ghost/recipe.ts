import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import { adminKeyFor } from "./keys";

// How the conformance suite drives Ghost: each emulated account is its own site
// (<emulator>/ghost/<username>) connected with that site's Admin API key; a post is
// POST /ghost/api/admin/posts/ (route "post"), and every post needs a title.
const recipe: ConformanceRecipe = {
  fields: (base, username) => ({ url: `${base}/${username}`, apiKey: adminKeyFor(username) }),
  settings: { title: "Conformance post" },
  routes: { create: "post" },
};

export default recipe;
