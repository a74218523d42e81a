import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Tumblr: connected by OAuth 2 as "conf_tumblr", then the first
// blog offered is picked (the primary one). Every post carries a title (sent as a heading block)
// and tags, so both reach the emulator's checks. Posts are created by the route "post"; analytics
// collection reads the followers route, refused once to check a missing figure is tolerated.
const recipe: ConformanceRecipe = {
  settings: { tags: ["conformance", "emulator"], link: "https://example.com/conformance" },
  routes: { create: "post", analytics: { route: "followers", fault: "server-error" } },
};

export default recipe;
