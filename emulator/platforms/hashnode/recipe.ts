import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import { PAT_PREFIX } from "./accounts";

// How the conformance suite drives Hashnode: the connect form's personal access token (the
// emulator's emu-pat-<username>), then the first blog (the Pro one) is picked; posts are created by
// the publishPost mutation, and post analytics read by the post(id) query.
const recipe: ConformanceRecipe = {
  fields: (_base, username) => ({ token: `${PAT_PREFIX}${username}` }),
  // publishPost's title is required (at least 6 characters).
  settings: { title: "Conformance post" },
  routes: { create: "publishPost", analytics: { route: "post", fault: "server-error" } },
};

export default recipe;
