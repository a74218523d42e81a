import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import { signerFor } from "./signers";

// How the conformance suite drives Farcaster: the connect form with an emulated approved signer
// for the user (the API key is the sandbox's), casts by POST /v2/farcaster/cast, and the counts
// read back by GET /v2/farcaster/cast, refused with a 5xx to check a missing metric is tolerated.
const recipe: ConformanceRecipe = {
  fields: (_base, username) => ({ signerUuid: signerFor(username) }),
  routes: { create: "post", analytics: { route: "cast", fault: "server-error" } },
};

export default recipe;
