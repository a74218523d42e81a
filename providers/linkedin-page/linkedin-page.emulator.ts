import type { PlatformEmulator } from "@/emulator/types";
import { linkedInFaults } from "../linkedin/linkedin.emu-common";
import { linkedInRoutes } from "../linkedin/linkedin.emu-routes";
import { administeredOrgs, organizationRoutes } from "./linkedin-page.emu-orgs";
import { statisticsRoutes } from "./linkedin-page.emu-stats";

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
