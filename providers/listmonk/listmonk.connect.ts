import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { AuthResult } from "../social.integrations.interface";
import { call, pinnedServer, serverRoot, type Conn } from "./listmonk.api";

// Connecting checks what the user typed against the server itself: GET /api/profile (v4+, the
// API user's own record, no permission needed), else GET /api/lists on older servers without
// it. A wrong user or token is refused with Listmonk's own words and nothing is saved.

const fieldsSchema = z.object({
  url: z
    .string({ error: "Enter the address of your Listmonk server" })
    .trim()
    .min(1, "Enter the address of your Listmonk server, such as https://news.example.com")
    .pipe(z.url({ protocol: /^https?$/, error: "The Listmonk URL must be an http(s) address, such as https://news.example.com" })),
  username: z
    .string({ error: "Enter the API user's name" })
    .trim()
    .min(1, "Enter the API user's name (Admin → Users on your Listmonk server)")
    .max(200, "The API user's name is at most 200 characters")
    .refine((u) => !u.includes(":"), "An API user's name cannot contain a colon"),
  token: z.string({ error: "Enter the API token" }).trim().min(1, "Enter the API user's token"),
});

type Profile = { id?: number | string; username?: string; name?: string; email?: string; type?: string };

export function parseFields(values: Record<string, string>): { conn: Conn } {
  // A pinned server (LISTMONK_SERVER_URL, or the emulator in sandbox mode) stands in for whatever was typed.
  const pinned = pinnedServer();
  const parsed = fieldsSchema.safeParse(pinned ? { ...values, url: pinned } : values);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    throw new ValidationError(fields);
  }
  const { url, username, token } = parsed.data;
  return { conn: { server: serverRoot(url), user: username, token } };
}

/** The API user's profile, or null on a server before v4 (no /api/profile) once the login is proven. */
async function readProfile(api: SocialAbstract, conn: Conn): Promise<Profile | null> {
  try {
    return await call<Profile>(api, conn, "/api/profile", {}, { action: "read the API user's profile", maxRetries: 1 });
  } catch (e) {
    if (!(e instanceof ProviderError) || e.details.status !== 404) throw e;
  }
  await call(api, conn, "/api/lists?per_page=1&minimal=true", {}, { action: "read the lists", maxRetries: 1 });
  return null;
}

export async function connectListmonk(api: SocialAbstract, values: Record<string, string>): Promise<AuthResult> {
  const { conn } = parseFields(values);
  const profile = await readProfile(api, conn).catch((e: unknown) => {
    // An answer that is not Listmonk's JSON (a web page, a different app) is about the address typed.
    if (e instanceof ProviderError && e.kind === "retry" && e.details.status && e.details.status < 300)
      throw new ValidationError({ url: `${conn.server} did not answer like a Listmonk server; check the address` });
    if (e instanceof ProviderError && e.details.status === 404)
      throw new ValidationError({ url: `${conn.server} has no Listmonk API (404); check the address` });
    throw e;
  });
  const username = profile?.username || conn.user;
  return {
    // Listmonk has no global account id: the user's id is unique on its server, and the server is
    // part of the channel's identity.
    id: profile?.id !== undefined ? String(profile.id) : username,
    name: profile?.name?.trim() || username,
    username,
    accessToken: conn.token,
    profile: { service: conn.server, apiUser: conn.user, ...(profile?.type ? { userType: profile.type } : {}) },
  };
}
