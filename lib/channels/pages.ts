import "server-only";
import { requestCollection } from "@/lib/queue/collection-request";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import type { OrgContext } from "@/lib/orgs/context";
import { requireRole } from "@/lib/orgs/roles";
import { getProvider } from "@/providers/registry";
import type { Page } from "@/providers/social.integrations.interface";
import { toAccess } from "./tokens";
import { connectError } from "./provider-errors";

// "Between steps": after OAuth on a platform where one login manages several pages (LinkedIn
// companies, Facebook pages…), the channel stays pending until the user picks one.

/**
 * The token columns for a picked page when the platform gives the page a token of its own
 * (Page.access, e.g. Facebook's Page token, which does not expire): stored encrypted in place of
 * the member's token, with its own expiry (null: never) so the refresh rounds leave it alone.
 * Undefined when the page has none and the member's token stays.
 */
export function pageTokenColumns(page: Page) {
  if (!page.access) return undefined;
  const { accessToken, refreshToken, expiresAt } = page.access;
  return {
    accessToken: encryptSecret(accessToken),
    refreshToken: refreshToken ? encryptSecret(refreshToken) : null,
    tokenExpiresAt: expiresAt ?? null,
  };
}

async function pendingChannel(ctx: OrgContext, id: string) {
  const row = await ctx.db.integration.findFirst({ where: { id } });
  if (!row) throw notFound("Channel");
  const provider = getProvider(row.provider);
  if (!provider?.pages || !provider.fetchPageInformation) throw new AppError(`${provider?.name ?? row.provider} has no pages to pick`, 400);
  if (row.status !== "pending") throw new AppError(`${row.name} is already connected to a page`, 409);
  if (!row.accessToken) throw new AppError("This channel has no stored access; reconnect it", 400);
  return { row, provider, access: toAccess(row, decryptSecret(row.accessToken)) };
}

export async function listPages(ctx: OrgContext, channelId: string) {
  const { provider, access } = await pendingChannel(ctx, channelId);
  const pages = await provider.pages!(access).catch((e) => connectError(provider.name, e));
  // The list goes to the browser: never a page's own token, should a provider's pages() carry one.
  return pages.map(({ id, name, username, picture }) => ({ id, name, username, picture }));
}

export async function pickPage(ctx: OrgContext, channelId: string, pageId: string): Promise<{ id: string }> {
  requireRole(ctx, "admin", "connect channels");
  if (!pageId) throw new AppError("Pick a page", 422, "pageId");
  const { row, provider, access } = await pendingChannel(ctx, channelId);
  const page = await provider.fetchPageInformation!(access, pageId).catch((e) => connectError(provider.name, e));
  const fields = { name: page.name, username: page.username ?? null, picture: page.picture ?? null, status: "active" as const };
  const pageTokens = pageTokenColumns(page);
  const picked = await db.$transaction(async (tx) => {
    const existing = await tx.integration.findFirst({
      where: { organizationId: ctx.organizationId, provider: row.provider, server: row.server, internalId: page.id },
    });
    if (existing && existing.id !== row.id) {
      // The page is already a channel: give it the fresh tokens and drop the pending one.
      await tx.integration.update({
        where: { id: existing.id },
        data: {
          ...fields,
          ...(pageTokens ?? {
            accessToken: row.accessToken,
            refreshToken: row.refreshToken ?? existing.refreshToken,
            tokenExpiresAt: row.tokenExpiresAt,
          }),
          scopes: row.scopes,
        },
      });
      if (row.status === "pending") await tx.integration.delete({ where: { id: row.id } });
      return { id: existing.id };
    }
    await tx.integration.update({ where: { id: row.id }, data: { ...fields, ...pageTokens, internalId: page.id } });
    return { id: row.id };
  });
  // The page is a channel now: collect its analytics (90 days back the first time) soon.
  await requestCollection(ctx.organizationId, [picked.id]);
  return picked;
}
