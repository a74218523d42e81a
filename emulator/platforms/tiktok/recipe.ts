import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives TikTok: connected through Login Kit (oauth2), a public direct
// post (the privacy level is required and has no default). The suite's required media is a JPEG,
// so its posts are photo posts by PULL_FROM_URL (route "photo"), from the suite's file server,
// named as the verified prefix (the emulator takes the same setting as its portal's verified
// property); a video's counts read by /v2/video/query/ (route "video-query").
const recipe: ConformanceRecipe = {
  settings: { privacy_level: "PUBLIC_TO_EVERYONE" },
  // The browser test attaches a tiny MP4 (a video post by FILE_UPLOAD; photos need a verified prefix).
  media: "video",
  env: (files) => ({ TIKTOK_VERIFIED_MEDIA_PREFIX: `${files.url}/` }),
  routes: { create: "photo", analytics: { route: "video-query", fault: "server-error" } },
};

export default recipe;
