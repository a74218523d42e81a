import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import { parseXrpcError, SESSION_ERRORS } from "./bluesky.errors";
import { Xrpc } from "./bluesky.xrpc";

// Sessions are app-password logins (createSession) renewed with refreshSession. Logins are
// limited to 30 per 5 minutes and a few hundred a day per account, so a login happens only at
// connect time and, once, when the refresh token itself is gone.

const sessionAnswer = z.object({
  accessJwt: z.string().min(1),
  refreshJwt: z.string().min(1),
  handle: z.string(),
  did: z.string().startsWith("did:"),
});
export type Session = z.infer<typeof sessionAnswer>;

function parseSession(api: SocialAbstract, answer: unknown, action: string): Session {
  const parsed = sessionAnswer.safeParse(answer);
  if (!parsed.success) throw new ProviderError("retry", `${api.name} sent an incomplete session while trying to ${action}`);
  return parsed.data;
}

export async function createSession(api: SocialAbstract, service: string, identifier: string, password: string): Promise<Session> {
  const action = "sign in with the app password";
  // Not repeated after a 5xx or a lost answer: every attempt counts against the login limit.
  const answer = await new Xrpc(api, service).procedure(
    "com.atproto.server.createSession",
    { identifier, password },
    { action, idempotent: false },
  );
  return parseSession(api, answer, action);
}

/** Rotates the session: the answer carries a new access AND a new refresh token. */
export async function refreshSession(api: SocialAbstract, service: string, refreshJwt: string): Promise<Session> {
  const action = "renew the session";
  const answer = await new Xrpc(api, service, { token: refreshJwt }).procedure("com.atproto.server.refreshSession", undefined, {
    action,
    idempotent: false,
  });
  return parseSession(api, answer, action);
}

/** True when the refresh token is expired, revoked or unreadable: a new login may cure it. */
export function sessionLost(e: unknown): boolean {
  if (!(e instanceof ProviderError)) return false;
  const { error } = parseXrpcError(e.details.body ?? "");
  return error ? SESSION_ERRORS.has(error) : e.kind === "refresh-token";
}

type ProfileView = { displayName?: string; avatar?: string };
type ProfileRecord = { value?: { displayName?: string; avatar?: { ref?: { $link?: string } } } };

/**
 * Name and avatar. getProfile is served by the App View (the PDS proxies it), which a lone
 * self-hosted PDS does not have; the profile record in the repo itself is the fallback, and the
 * handle is the last resort.
 */
export async function readProfile(api: SocialAbstract, service: string, session: Session): Promise<{ name: string; picture?: string }> {
  const xrpc = new Xrpc(api, service, { token: session.accessJwt });
  const view = await xrpc
    .query<ProfileView>("app.bsky.actor.getProfile", { actor: session.did }, { action: "read the profile", maxRetries: 0 })
    .catch(() => undefined);
  if (view) return { name: view.displayName?.trim() || session.handle, picture: view.avatar };

  const record = await xrpc
    .query<ProfileRecord>(
      "com.atproto.repo.getRecord",
      { repo: session.did, collection: "app.bsky.actor.profile", rkey: "self" },
      { action: "read the profile record", maxRetries: 0, auth: false },
    )
    .catch(() => undefined);
  const cid = record?.value?.avatar?.ref?.$link;
  const picture = cid ? `${service}/xrpc/com.atproto.sync.getBlob?${new URLSearchParams({ did: session.did, cid })}` : undefined;
  return { name: record?.value?.displayName?.trim() || session.handle, picture };
}
