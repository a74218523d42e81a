import { ValidationError } from "@/lib/errors";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import { neynar } from "./farcaster.api";
import { neynarMessage } from "./farcaster.errors";

// Connecting: the user pastes the signer_uuid of a Neynar-managed signer they approved in the
// Farcaster app. It is checked live (GET /v2/farcaster/signer: status "approved" and an fid), then
// the account is read (GET /v2/farcaster/user/bulk) for its name, username and picture.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Signer = { signer_uuid?: string; status?: string; fid?: number };
type User = { fid?: number; username?: string; display_name?: string; pfp_url?: string };

export type FarcasterAccount = { fid: number; username: string; name: string; picture?: string };

const refuse = (message: string) => new ValidationError({ signerUuid: message });

/** The checked signer's account; a signer that cannot cast is refused naming the field. */
export async function checkSigner(provider: SocialAbstract, raw: string | undefined): Promise<FarcasterAccount> {
  const signerUuid = (raw ?? "").trim();
  if (!signerUuid) throw refuse("Enter the signer UUID of a Neynar signer you approved");
  if (!UUID.test(signerUuid)) throw refuse("A signer UUID looks like 19d0c5fd-9b33-4a48-a0e2-bc7b0555baec (8-4-4-4-12 hexadecimal digits)");

  const signer = await neynar<Signer>(
    provider,
    "/v2/farcaster/signer",
    { query: { signer_uuid: signerUuid } },
    { action: "check the signer" },
  ).catch((e: unknown) => {
    // Neynar's own words for an unknown signer or one made with another API key.
    if (e instanceof ProviderError && e.kind !== "retry")
      throw refuse(e.details.body !== undefined ? neynarMessage(e.details.body, e.details.status ?? 400) : e.message);
    throw e;
  });
  if (signer.status !== "approved" || typeof signer.fid !== "number")
    throw refuse(
      `This signer is ${signer.status ?? "in an unknown state"}, not approved: approve it in the Farcaster app (its approval link), then connect again`,
    );

  const { users } = await neynar<{ users?: User[] }>(
    provider,
    "/v2/farcaster/user/bulk",
    { query: { fids: String(signer.fid) } },
    { action: "read the account" },
  );
  const user = users?.find((u) => u.fid === signer.fid);
  const username = user?.username?.trim() || `!${signer.fid}`;
  return {
    fid: signer.fid,
    username,
    name: user?.display_name?.trim() || username,
    ...(user?.pfp_url ? { picture: user.pfp_url } : {}),
  };
}
