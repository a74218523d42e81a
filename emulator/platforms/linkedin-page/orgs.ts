import { isAnswer } from "@/emulator/kit/access";
import { createHash } from "node:crypto";
import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { accessDenied, collection, liError, restCall } from "../linkedin/common";

// The organizations of the page emulator: every member administers two companies of their own,
// and one more company exists that nobody here administers (to exercise the 403 on posting).

export type EmuOrg = { id: string; name: string; vanityName: string };

export const OUTSIDER_ORG: EmuOrg = { id: "1337000", name: "Someone Else Inc", vanityName: "someone-else-inc" };

export function administeredOrgs(state: EmulatorState, platform: string, accountId: string): EmuOrg[] {
  const acc = state.getAccount(platform, accountId);
  if (!acc) return [];
  const base = 10_000_000 + (parseInt(createHash("sha1").update(acc.id).digest("hex").slice(0, 7), 16) % 80_000_000);
  const slug = acc.username.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return [
    { id: String(base), name: `${acc.name} Studio`, vanityName: `${slug}-studio` },
    { id: String(base + 1), name: `${acc.name} Labs`, vanityName: `${slug}-labs` },
  ];
}

function findOrg(state: EmulatorState, platform: string, id: string): EmuOrg | undefined {
  if (id === OUTSIDER_ORG.id) return OUTSIDER_ORG;
  for (const acc of state.accounts.values()) {
    const org = administeredOrgs(state, platform, acc.id).find((o) => o.id === id);
    if (org) return org;
  }
  return undefined;
}

const hasAdminScope = (scopes: string[]) => scopes.includes("rw_organization_admin") || scopes.includes("r_organization_admin");

export function organizationRoutes(state: EmulatorState, platform: string): Route[] {
  return [
    {
      // GET /rest/organizationAcls?q=roleAssignee: the member's roles on organizations.
      method: "GET",
      path: "/rest/organizationAcls",
      name: "pages",
      handle(req) {
        const grant = restCall(state, platform, req);
        if (isAnswer(grant)) return grant;
        if (!hasAdminScope(grant.scopes)) return accessDenied("organizationAcls.FINDER-roleAssignee (rw_organization_admin is required)");
        if (req.query.get("q") !== "roleAssignee") return liError(400, "BAD_REQUEST", "Unsupported finder; expected q=roleAssignee");
        const role = req.query.get("role");
        const roleState = req.query.get("state");
        const elements = administeredOrgs(state, platform, grant.accountId)
          .map((o) => ({
            roleAssignee: `urn:li:person:${grant.accountId}`,
            role: "ADMINISTRATOR",
            state: "APPROVED",
            organization: `urn:li:organization:${o.id}`,
          }))
          .filter((e) => (!role || e.role === role) && (!roleState || e.state === roleState));
        return collection(elements);
      },
    },
    {
      // GET /rest/organizations/{id}, with the logo decorated when the projection asks for it.
      method: "GET",
      path: "/rest/organizations/:id",
      name: "pages",
      handle(req, params) {
        const grant = restCall(state, platform, req);
        if (isAnswer(grant)) return grant;
        if (!hasAdminScope(grant.scopes)) return accessDenied("organizations.GET (rw_organization_admin is required)");
        const org = findOrg(state, platform, params.id ?? "");
        if (!org) return liError(404, "NOT_FOUND", `Organization ${params.id} not found`);
        const asset = `urn:li:digitalmediaAsset:D4E${org.id}`;
        const decorated = (req.query.get("projection") ?? "").includes("original~");
        const logoV2 = decorated
          ? {
              original: asset,
              "original~": {
                elements: [{ identifiers: [{ identifier: `${req.base}/media/logo-${org.id}.png`, identifierType: "EXTERNAL_URL" }] }],
              },
            }
          : { original: asset };
        return json(200, { id: Number(org.id), localizedName: org.name, vanityName: org.vanityName, logoV2 });
      },
    },
  ];
}
