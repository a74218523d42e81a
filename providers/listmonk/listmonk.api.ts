import { hostOf } from "../core/hosts";
import { ProviderError } from "../core/errors";
import type { FetchOptions, SocialAbstract } from "../social.abstract";
import type { ChannelAccess } from "../social.integrations.interface";
import { listmonkManifest } from "./listmonk.manifest";

// How Postmill talks to one Listmonk server: its root URL, the API user and token, and the
// {"data": …} envelope every successful answer comes in (docs: apis.md, "Response structure").
//
// Credentials go as HTTP BasicAuth (api_user:token). Listmonk v4+ documents both BasicAuth and
// "Authorization: token api_user:token"; servers before v4 take only BasicAuth (with the admin
// login), so BasicAuth is the one form every version understands.

/** A connection to one server as one API user. The token is never logged or put in a message. */
export type Conn = { server: string; user: string; token: string };

/** The operator's (or the sandbox's) pinned server; "" when every user names their own. */
export const pinnedServer = () => hostOf(listmonkManifest, "server");

/** A server URL as typed ("https://news.example.com/admin/") reduced to its root. */
export const serverRoot = (typed: string) =>
  typed
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/admin$/, "");

export const basicAuth =
  (user: string) =>
  (h: Headers, token: string): void =>
    h.set("authorization", `Basic ${Buffer.from(`${user}:${token}`, "utf8").toString("base64")}`);

/** The connection a channel publishes through: its server, the API user kept on its profile, and its token. */
export function connOf(channel: ChannelAccess): Conn {
  const profile = channel.profile ?? {};
  const stored = channel.instanceUrl || (typeof profile.service === "string" ? profile.service : "");
  const server = pinnedServer() || serverRoot(stored);
  const user = typeof profile.apiUser === "string" && profile.apiUser ? profile.apiUser : (channel.username ?? "");
  if (!server || !user) throw new ProviderError("disconnect", "This Listmonk channel has no server address or API user; reconnect it.");
  return { server, user, token: channel.accessToken };
}

/** Calls /api/… on the server and returns the answer's `data`. */
export async function call<T>(api: SocialAbstract, conn: Conn, path: string, init: RequestInit = {}, opts: FetchOptions = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("accept", "application/json");
  // JSON bodies are sent as strings; a FormData upload sets its own multipart type and boundary.
  if (typeof init.body === "string") headers.set("content-type", "application/json");
  const answer = await api.fetchJson<{ data?: T }>(
    `${conn.server}${path}`,
    { ...init, headers },
    { ...opts, token: conn.token, applyToken: basicAuth(conn.user) },
  );
  if (!answer || typeof answer !== "object" || !("data" in answer)) {
    throw new ProviderError("retry", `Listmonk sent an answer without data while trying to ${opts.action ?? "call its API"}`);
  }
  return answer.data as T;
}
