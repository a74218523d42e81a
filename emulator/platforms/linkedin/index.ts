import type { PlatformEmulator } from "@/emulator/types";
import { linkedInFaults } from "./common";
import { linkedInRoutes } from "./routes";

// LinkedIn for a member's own profile: the member administers no organization here.
const linkedinEmulator: PlatformEmulator = {
  id: "linkedin",
  name: "LinkedIn",
  routes: (state) => linkedInRoutes(state, { platform: "linkedin", platformName: "LinkedIn", orgsOf: () => [] }),
  faults: linkedInFaults,
};

export default linkedinEmulator;
