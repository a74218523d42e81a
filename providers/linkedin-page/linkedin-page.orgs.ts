import { ProviderError } from "../core/errors";
import type { Page } from "../social.integrations.interface";
import type { LinkedInApi, LinkedInCall } from "../linkedin/linkedin.api";

// The company pages a member may post as: organizations where they hold an approved
// ADMINISTRATOR role, and each organization's name, vanity name and logo.

type Acls = { elements?: { organization?: string; role?: string; state?: string }[] };
type Organization = {
  id?: number | string;
  localizedName?: string;
  vanityName?: string;
  logoV2?: { "original~"?: { elements?: { identifiers?: { identifier?: string }[] }[] } };
};

const ACLS = "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=0&count=100";
// Rest.li projection syntax: the parentheses must reach LinkedIn unencoded.
const PROJECTION = "(id,localizedName,vanityName,logoV2(original~:playableStreams))";

export async function administeredOrgIds(api: LinkedInApi, call: LinkedInCall): Promise<string[]> {
  const acls = await api.get<Acls>(call, ACLS, "list the LinkedIn pages you administer");
  const ids = (acls.elements ?? [])
    .filter((e) => e.role === "ADMINISTRATOR" && e.state === "APPROVED")
    .map((e) => /^urn:li:organization:(\d+)$/.exec(e.organization ?? "")?.[1])
    .filter((id): id is string => !!id);
  return [...new Set(ids)];
}

export async function organizationPage(api: LinkedInApi, call: LinkedInCall, id: string): Promise<Page> {
  if (!/^\d+$/.test(id)) throw new ProviderError("bad-body", `"${id}" is not a LinkedIn organization id`);
  const org = await api.get<Organization>(call, `/rest/organizations/${id}?projection=${PROJECTION}`, "read the LinkedIn page");
  const picture = org.logoV2?.["original~"]?.elements?.[0]?.identifiers?.[0]?.identifier;
  return { id: String(org.id ?? id), name: org.localizedName ?? `LinkedIn page ${id}`, username: org.vanityName, picture };
}
