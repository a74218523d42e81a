import "server-only";
import { db } from "@/lib/db/client";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import type { AppClient, AppClientStore } from "@/providers/social.integrations.interface";
import { serverIdentity } from "./server-identity";

// The OAuth clients the app registers itself on servers (Mastodon's POST /api/v1/apps), one per
// provider and server and shared by every organization: it is the app's own client, not a user's
// grant. The secret is a credential, so it is stored encrypted and only ever read on the server.

export function appClientStore(provider: string): AppClientStore {
  const key = (server: string) => ({ provider, server: serverIdentity(server) });
  return {
    async get(server) {
      const row = await db.appClient.findUnique({ where: { provider_server: key(server) } });
      if (!row) return null;
      try {
        return {
          clientId: row.clientId,
          clientSecret: decryptSecret(row.clientSecret),
          redirectUri: row.redirectUri,
          scopes: row.scopes.split(" ").filter(Boolean),
        };
      } catch {
        return null; // sealed with another key (TOKEN_ENCRYPTION_KEY changed): register anew
      }
    },
    async save(server, client: AppClient) {
      const data = {
        clientId: client.clientId,
        clientSecret: encryptSecret(client.clientSecret),
        redirectUri: client.redirectUri,
        scopes: client.scopes.join(" "),
        createdAt: new Date(),
      };
      await db.appClient.upsert({ where: { provider_server: key(server) }, create: { ...key(server), ...data }, update: data });
    },
    async forget(server, clientId) {
      await db.appClient.deleteMany({ where: { ...key(server), clientId } });
    },
  };
}
