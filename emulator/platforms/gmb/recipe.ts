import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite and the catalogue browser test drive Google Business Profile: Google
// sign-in, then the first location is picked (oauth2-pick); every post is an event (the settings
// below: title, start and end), with a photo of Google's recommended 720×720; posts by the v4
// localPosts create; location figures from the Performance API. The browser test also publishes
// an offer (morePosts).
const recipe: ConformanceRecipe = {
  settings: { postType: "EVENT", title: "Conformance tasting", start: "2030-06-01T18:00", end: "2030-06-01T21:00" },
  morePosts: [
    {
      postType: "OFFER",
      title: "Two for one",
      start: "2030-06-01T18:00",
      end: "2030-06-30T21:00",
      couponCode: "TWOFORONE",
      redeemOnlineUrl: "https://shop.example/offer",
      termsConditions: "One per table",
    },
  ],
  image: { width: 720, height: 720 },
  routes: { create: "post", analytics: { route: "performance", fault: "server-error" } },
};

export default recipe;
