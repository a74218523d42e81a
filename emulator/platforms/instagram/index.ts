import { authorizeRoute, clientSecretFor } from "@/emulator/kit/oauth";
import { isAnswer } from "@/emulator/kit/access";
import type { EmulatorState } from "@/emulator/state";
import { json, type PlatformEmulator, type Route } from "@/emulator/types";
import { graphRoutes } from "./graph";
import { graphError, graphFaults, graphGrant, params } from "./graph-support";

// Instagram through Facebook Login, from Meta's documentation (../shared/platforms/instagram.md
// and the Graph API / Facebook Login references), never from providers/: the Login dialog, the
// code exchange and fb_exchange_token on GET /oauth/access_token, /me and /me/accounts with each
// Page's linked Instagram professional account, then the Instagram Graph API (graph.ts).
// Each signed-in user has a Page linked to the IG user "ig-<account id>" and a Page without one.

const PLATFORM = "instagram";
/** Long-lived user tokens last about 60 days. */
const LONG_LIVED_SECONDS = 60 * 86_400;

const igOwner = (state: EmulatorState, igUserId: string) => {
  const id = igUserId.startsWith("ig-") ? igUserId.slice(3) : undefined;
  return id && state.getAccount(PLATFORM, id) ? id : undefined;
};

function routes(state: EmulatorState): Route[] {
  return [
    authorizeRoute(state, {
      platform: PLATFORM,
      platformName: "Facebook (Instagram)",
      path: "/dialog/oauth",
      pkceRequired: false,
      scopeSeparator: ",",
    }),
    {
      method: "GET",
      path: "/oauth/access_token",
      name: "token",
      handle(req) {
        const q = params(req);
        const clientId = q.get("client_id") ?? "";
        if (!clientId || clientSecretFor(state, PLATFORM, clientId) !== q.get("client_secret"))
          return graphError(400, 1, "Error validating client secret.", { subcode: 0 });
        if (q.get("grant_type") === "fb_exchange_token") {
          // A short-lived user token for a long-lived one of the same grant.
          const short = q.get("fb_exchange_token") ?? "";
          const grant = state.checkAccess(PLATFORM, short);
          if (typeof grant === "string") return graphError(400, 190, "Error validating access token: the token to exchange is not valid.");
          const ttl = state.accessTtlSeconds;
          state.accessTtlSeconds = Math.min(ttl * 720, LONG_LIVED_SECONDS);
          const t = state.issueTokens(PLATFORM, grant.accountId, grant.clientId, grant.scopes, false, grant.id);
          state.accessTtlSeconds = ttl;
          return json(200, { access_token: t.accessToken, token_type: "bearer", expires_in: t.expiresIn });
        }
        const code = state.redeemCode(q.get("code") ?? "", { clientId, redirectUri: q.get("redirect_uri") ?? "" });
        if (typeof code === "string") return graphError(400, 100, `Invalid verification code format. ${code}`, { subcode: 36007 });
        const t = state.issueTokens(PLATFORM, code.accountId, clientId, code.scopes, false);
        return json(200, { access_token: t.accessToken, token_type: "bearer", expires_in: t.expiresIn });
      },
    },
    {
      method: "GET",
      path: "/me",
      name: "profile",
      handle(req) {
        const g = graphGrant(state, PLATFORM, req);
        if (isAnswer(g)) return g;
        const acc = state.getAccount(PLATFORM, g.accountId)!;
        return json(200, { id: acc.id, name: acc.name });
      },
    },
    {
      method: "GET",
      path: "/me/accounts",
      name: "pages",
      handle(req) {
        const g = graphGrant(state, PLATFORM, req);
        if (isAnswer(g)) return g;
        if (!g.scopes.includes("pages_show_list"))
          return graphError(403, 200, "(#200) Requires pages_show_list permission to manage the object");
        const acc = state.getAccount(PLATFORM, g.accountId)!;
        const fields = params(req).get("fields") ?? "";
        if (fields && !/instagram_business_account/.test(fields))
          return json(200, { data: [{ id: `page-${acc.id}`, name: `${acc.name}'s Page` }] });
        return json(200, {
          data: [
            {
              id: `page-${acc.id}`,
              name: `${acc.name}'s Page`,
              instagram_business_account: {
                id: `ig-${acc.id}`,
                username: acc.username,
                name: acc.name,
                profile_picture_url: `${req.base}/static/${acc.id}.jpg`,
              },
            },
            { id: `page2-${acc.id}`, name: `${acc.name}'s other Page (no Instagram account)` },
          ],
          paging: { cursors: { before: "MAZDZD", after: "MQZDZD" } },
        });
      },
    },
    ...graphRoutes(state, {
      platform: PLATFORM,
      ownerOf: igOwner,
      igUserIdOf: (accountId) => `ig-${accountId}`,
      scopes: { publish: "instagram_content_publish", comments: "instagram_manage_comments", insights: "instagram_manage_insights" },
    }),
  ];
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Instagram (Facebook Login)",
  notes: "Sign in on the Facebook dialog; each account has a Page linked to the Instagram professional account ig-&lt;id&gt;.",
  routes,
  faults: graphFaults,
};

export default emulator;
