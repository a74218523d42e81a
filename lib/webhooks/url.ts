import "server-only";
import { ValidationError } from "@/lib/errors";
import { assertPublicUrl, privateNetworkAllowed } from "@/lib/net/public-url";

// A receiver's address, parsed with the WHATWG URL parser: https only (http is for servers on the
// operator's own network, allowed with ALLOW_PRIVATE_NETWORK=1), no credentials in it, and a
// host that resolves to a public address. The last is a courtesy when typed; the guarded agent
// checks it again on every delivery.
export async function checkEndpointUrl(raw: string, field = "url"): Promise<string> {
  const url = new URL(raw);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && privateNetworkAllowed()))
    throw new ValidationError({ [field]: "The address must start with https://" });
  if (url.username || url.password) throw new ValidationError({ [field]: "The address must not contain a user name or password" });
  if (url.hash) throw new ValidationError({ [field]: "The address must not contain a # part" });
  await assertPublicUrl(url.toString(), field);
  return url.toString();
}
