import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import { EMULATOR_APP_PASSWORD } from "./session";

// How the conformance suite drives Bluesky: the connect form with the emulated PDS, a handle and
// the emulator's app password; records by com.atproto.repo.createRecord.
const recipe: ConformanceRecipe = {
  fields: (base, username) => ({ service: base, identifier: `${username}.emulator.test`, password: EMULATOR_APP_PASSWORD }),
  routes: { create: "post", analytics: { route: "posts", fault: "server-error" } },
};

export default recipe;
