import type { PlatformEmulator } from "@/emulator/types";
import { linkedInFaults } from "../linkedin/common";
import { linkedInRoutes } from "../linkedin/routes";
import { administeredOrgs, organizationRoutes } from "./orgs";
import { statisticsRoutes } from "./stats";

// LinkedIn for company pages: the same API as a member, plus organization lookups, and posts,
// media and comments may be authored by an organization the member administers, and the
// organization's statistics.
const linkedinPageEmulator: PlatformEmulator = {
  id: "linkedin-page",
  name: "LinkedIn Page",
  routes: (state) => [
    ...linkedInRoutes(state, {
      platform: "linkedin-page",
      platformName: "LinkedIn",
      orgsOf: (s, accountId) => administeredOrgs(s, "linkedin-page", accountId).map((o) => o.id),
    }),
    ...organizationRoutes(state, "linkedin-page"),
    ...statisticsRoutes(state, "linkedin-page"),
  ],
  faults: linkedInFaults,
};

export default linkedinPageEmulator;
