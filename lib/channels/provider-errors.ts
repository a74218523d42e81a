import { AppError } from "@/lib/errors";
import { MissingScopesError, ProviderError } from "@/providers/core/errors";

/** Turns a platform failure during connecting into a message for the person connecting. */
export function connectError(platform: string, e: unknown): never {
  if (e instanceof MissingScopesError) throw new AppError(e.message, 400, "scopes");
  if (e instanceof ProviderError) {
    if (e.kind === "retry") throw new AppError(`${platform} is not answering right now (${e.message}); please try again in a moment`, 502);
    throw new AppError(`${platform} refused the connection: ${e.message}`, 400);
  }
  throw e;
}
