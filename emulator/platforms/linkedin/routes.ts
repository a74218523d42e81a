import type { EmulatorState } from "@/emulator/state";
import type { Route } from "@/emulator/types";
import type { OrgsOf } from "./authors";
import { socialActionRoutes } from "./analytics";
import { memberRoutes, oauthRoutes } from "./common";
import { assetStore, mediaRoutes } from "./media";
import { postRoutes } from "./posts";

/** Everything a LinkedIn emulator serves for a member: OAuth, userinfo, media, posts, comments, post counts. */
export function linkedInRoutes(state: EmulatorState, o: { platform: string; platformName: string; orgsOf: OrgsOf }): Route[] {
  const assets = assetStore(state);
  return [
    ...oauthRoutes(state, o.platform, o.platformName),
    ...memberRoutes(state, o.platform),
    ...mediaRoutes(state, o.platform, o.orgsOf, assets),
    ...postRoutes(state, o.platform, o.orgsOf, assets),
    ...socialActionRoutes(state, o.platform),
  ];
}
