import type { EmulatorState } from "@/emulator/state";
import type { PlatformEmulator, Route } from "@/emulator/types";
import { fbError } from "./graph";
import { insightsRoutes } from "./insights";
import { loginRoutes } from "./login";
import { postRoutes } from "./posts";
import { storyRoutes } from "./stories";
import { uploadRoutes } from "./uploads";

// Facebook Pages through the Graph API, written from Meta's documentation (Facebook Login, Access
// Tokens, Pages API Posts, Page Photos, Video API, Page Insights, Handling Errors, Rate Limiting),
// never from providers/ (a lint rule refuses the import). Versioned paths (/v24.0/…) on one base,
// standing for www.facebook.com, graph.facebook.com and graph-video.facebook.com alike. Each user
// manages two Pages: one where they may create content, one where they may only analyze.

function routes(state: EmulatorState): Route[] {
  // The specific paths first: /:version/:id would otherwise take /me.
  const login = loginRoutes(state);
  const nodeRoute = login.filter((r) => r.name === "page");
  return [
    ...login.filter((r) => r.name !== "page"),
    ...postRoutes(state),
    ...storyRoutes(state),
    ...insightsRoutes(state),
    ...nodeRoute,
    ...uploadRoutes(state),
  ];
}

const emulator: PlatformEmulator = {
  id: "facebook",
  name: "Facebook Page",
  notes:
    "Sign in as any name: each user manages two Pages (the second without the Create content task). Photos and videos given by URL are downloaded, as Facebook does.",
  routes,
  faults: {
    "expired-token": () =>
      fbError(400, 190, "Error validating access token: Session has expired on Wednesday, 02-Dec-26 10:00:00 PST.", { subcode: 463 }),
    "missing-scope": () => fbError(403, 200, "(#200) This endpoint requires the 'pages_manage_posts' permission."),
    // Page-token calls fall under Business Use Case limits: the header says when access comes back (minutes).
    "rate-limit": ({ retryAfterSeconds }) => {
      const answer = fbError(400, 32, "(#32) Page request limit reached");
      const usage = {
        type: "pages",
        call_count: 100,
        total_cputime: 40,
        total_time: 60,
        estimated_time_to_regain_access: Math.ceil(retryAfterSeconds / 60),
      };
      return { ...answer, headers: { ...answer.headers, "x-business-use-case-usage": JSON.stringify({ emulated: [usage] }) } };
    },
    "server-error": () => ({
      ...fbError(500, 2, "An unexpected error has occurred. Please retry your request later.", { transient: true }),
    }),
    duplicate: () => fbError(400, 506, "(#506) Duplicate status message"),
  },
};

export default emulator;
