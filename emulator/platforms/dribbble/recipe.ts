import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Dribbble: connected by OAuth (auth kind oauth2), shots created by
// the route "post", each with the required title and a few tags. The browser test attaches an
// 800×600 image, one of the sizes Dribbble takes (its 1×1 default would be refused).
const recipe: ConformanceRecipe = {
  settings: { title: "Conformance shot", tags: ["conformance", "emulator"] },
  image: { width: 800, height: 600 },
  routes: { create: "post" },
};

export default recipe;
