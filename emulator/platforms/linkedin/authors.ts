import type { EmulatorState, Grant } from "@/emulator/state";
import type { EmuResponse } from "@/emulator/types";
import { accessDenied, liError } from "./common";

// Who a token may act as: the member it belongs to (with w_member_social), or an organization the
// member administers (with w_organization_social). Used for post authors, media owners and
// comment actors alike.

/** The organization ids the member administers (none on the personal emulator). */
export type OrgsOf = (state: EmulatorState, accountId: string) => string[];

export function actAsProblem(state: EmulatorState, grant: Grant, urn: unknown, orgsOf: OrgsOf, field: string): EmuResponse | undefined {
  if (typeof urn !== "string" || !urn) return liError(422, "FIELD_MISSING", `${field} is required`);
  const person = /^urn:li:person:(.+)$/.exec(urn);
  if (person) {
    if (!grant.scopes.includes("w_member_social"))
      return accessDenied(`partnerApiPostsExternal.CREATE (w_member_social is required to act as ${urn})`);
    if (person[1] !== grant.accountId) return accessDenied(`${field} ${urn}: the token belongs to urn:li:person:${grant.accountId}`);
    return undefined;
  }
  const org = /^urn:li:organization:(\d+)$/.exec(urn);
  if (org) {
    if (!grant.scopes.includes("w_organization_social"))
      return liError(400, "BAD_REQUEST", "Organization permissions must be used when using organization as author");
    if (!orgsOf(state, grant.accountId).includes(org[1]!)) {
      return accessDenied(`organization ${urn}; the member does not hold a role on this organization that allows posting`);
    }
    return undefined;
  }
  return liError(422, "INVALID_URN", `${field} must be a urn:li:person or urn:li:organization URN, not "${urn}"`);
}
