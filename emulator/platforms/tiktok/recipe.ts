import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives TikTok: connected through Login Kit (oauth2), a public direct
// post (the privacy level is required and has no default), created by video init (route "post");
// a video's counts read by /v2/video/query/ (route "video-query").
const recipe: ConformanceRecipe = {
  settings: { privacy_level: "PUBLIC_TO_EVERYONE" },
  // A TikTok post is a video: the browser test attaches a tiny MP4.
  media: "video",
  routes: { create: "post", analytics: { route: "video-query", fault: "server-error" } },
};

export default recipe;
