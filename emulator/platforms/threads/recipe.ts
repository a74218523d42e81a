import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Threads: connected by OAuth (code, then the long-lived
// exchange), posts made by the route "publish" (threads_publish: containers alone publish
// nothing, so faults there test publish safety). Analytics are refused on the account insights
// route to check a missing part is tolerated.
const recipe: ConformanceRecipe = {
  settings: { replyControl: "everyone", topicTag: "Conformance" },
  routes: { create: "publish", analytics: { route: "insights", fault: "server-error" } },
};

export default recipe;
