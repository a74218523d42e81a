import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives TikTok for Business: connected by its sign-in (oauth2), posts
// made by /business/photo/publish/ (route "photo": the required media the suite adds is a JPEG; photo
// posts need a privacy level) or /business/video/publish/,
// metrics read by /business/video/list/.
const recipe: ConformanceRecipe = {
  settings: { privacy_level: "PUBLIC_TO_EVERYONE" },
  // The browser test's generated image is a PNG, which TikTok's photo posts refuse: a tiny MP4,
  // which the emulator downloads from its signed URL as TikTok does.
  media: "video",
  routes: { create: "photo", analytics: { route: "video-list", fault: "server-error" } },
};

export default recipe;
