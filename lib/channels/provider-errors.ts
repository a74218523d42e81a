import "server-only";
import { AppError, ValidationError } from "@/lib/errors";
import { privateNetworkAllowed } from "@/lib/net/public-url";
import { MissingScopesError, ProviderError } from "@/providers/core/errors";

/** The server field the user typed, when the connection goes to a server of their choosing. */
export type ServerField = { field: string; url: string };

/** Turns a platform failure during connecting into a message for the person connecting. */
export function connectError(platform: string, e: unknown, server?: ServerField): never {
  if (e instanceof MissingScopesError) throw new AppError(e.message, 400, "scopes");
  if (e instanceof ProviderError) {
    // The credential typed, not the platform, is at fault: the platform never saw it.
    if (e.details.transport === "header") throw new AppError(`${platform}: ${e.message}; nothing was saved`, 400);
    if (server && e.details.transport) throw new ValidationError({ [server.field]: serverProblem(e, server.url) });
    if (e.kind === "retry") throw new AppError(`${platform} is not answering right now (${e.message}); please try again in a moment`, 502);
    throw new AppError(`${platform} refused the connection: ${e.message}`, 400);
  }
  throw e;
}

// Failures on our side of the wire are about the address typed, not the platform being busy: an
// https attempt on a plain-http server ends in a TLS error that retrying will not fix.
function serverProblem(e: ProviderError, url: string): string {
  if (e.details.transport === "refused") return e.message;
  if (e.details.transport === "dns") return `Cannot find the server ${new URL(url).host}`;
  if (e.details.transport === "unreachable") return `Nothing answers at ${new URL(url).host}: check the address and port`;
  const u = new URL(url);
  const reason = e.message.replace(/^.*?could not open a secure \(https\) connection to [^:]+(:\d+)?: /, "");
  const hint =
    u.protocol === "https:" && privateNetworkAllowed()
      ? ` If this server only speaks plain http, type http://${u.host}${u.pathname.replace(/\/+$/, "")}`
      : "";
  return `${u.host} did not accept a secure (https) connection (${reason}).${hint}`;
}
