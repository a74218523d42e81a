import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives YouTube: connected through Google's sign-in and the channel
// pick; every post is a video (manifest media.minItems) with a title and the made-for-kids answer
// (required settings). Faults go to the chunk PUT that completes the upload ("upload"), the call
// after which the video exists; analytics refuses the Analytics API report.
const recipe: ConformanceRecipe = {
  settings: { title: "Conformance video", madeForKids: "no", privacy: "unlisted", tags: ["postmill", "conformance test"] },
  routes: { create: "upload", analytics: { route: "reports", fault: "server-error" } },
};

export default recipe;
