import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import { keyFor } from "./keys";

// How the conformance suite drives DEV: the connect form with the emulated community and the
// emulator's API key for the user; articles by POST /api/articles. DEV refuses the same title
// from one user twice within five minutes, so every read of `settings` gives a new title.
let n = 0;

const recipe: ConformanceRecipe & { readonly settings: Record<string, unknown> } = {
  fields: (base, username) => ({ site: base, apiKey: keyFor(username) }),
  get settings() {
    return { title: `Conformance post ${++n}` };
  },
  routes: { create: "post", analytics: { route: "articles-me", fault: "server-error" } },
};

export default recipe;
