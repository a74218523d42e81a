import { z } from "zod";
import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import type { SocialAbstract } from "../social.abstract";
import type { Page, PublishContext } from "../social.integrations.interface";
import { gmbManifest } from "./gmb.manifest";

// The Business Profile APIs a channel needs (../shared/platforms/gmb.md §1): accounts from Account
// Management v1, their locations from Business Information v1 (readMask is required), each on its own
// host. A channel id is the v4 path accounts/{a}/locations/{l}: posts need both, metrics only the location.

export const gmbUrl = (host: "accounts" | "locations" | "posts" | "performance", path: string) => `${hostOf(gmbManifest, host)}${path}`;

const accountsPage = z.object({
  accounts: z
    .array(z.object({ name: z.string().regex(/^accounts\/[^/]+$/), accountName: z.string().optional(), type: z.string().optional() }))
    .default([]),
  nextPageToken: z.string().optional(),
});
const locationsPage = z.object({
  locations: z
    .array(
      z.object({
        name: z.string().regex(/^locations\/[^/]+$/),
        title: z.string().optional(),
        storefrontAddress: z
          .object({ locality: z.string().optional(), addressLines: z.array(z.string()).optional() })
          .partial()
          .optional(),
        metadata: z.object({ mapsUri: z.string().optional() }).partial().optional(),
      }),
    )
    .default([]),
  nextPageToken: z.string().optional(),
});

export type GmbAccount = z.infer<typeof accountsPage>["accounts"][number];

/** Enough pages for any real business; a nextPageToken that never ends stops here. */
const MAX_PAGES = 20;

async function paged<T extends { nextPageToken?: string }>(
  api: SocialAbstract,
  url: (pageToken?: string) => string,
  schema: z.ZodType<T>,
  action: string,
  token: string,
  ctx?: PublishContext,
): Promise<T[]> {
  const pages: T[] = [];
  let next: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const parsed = schema.safeParse(await api.fetchJson(url(next), { headers: { accept: "application/json" } }, { action, token, ctx }));
    if (!parsed.success) throw new ProviderError("retry", `Google answered "${action}" in a shape this server cannot read`);
    pages.push(parsed.data);
    next = parsed.data.nextPageToken;
    if (!next) break;
  }
  return pages;
}

export async function gmbAccounts(api: SocialAbstract, token: string, ctx?: PublishContext): Promise<GmbAccount[]> {
  const pages = await paged(
    api,
    (t) => gmbUrl("accounts", `/v1/accounts${t ? `?pageToken=${encodeURIComponent(t)}` : ""}`),
    accountsPage,
    "list your Business Profile accounts",
    token,
    ctx,
  );
  return pages.flatMap((p) => p.accounts);
}

/** Every location of every account the token reaches, as pick-step pages with the v4 path as id. */
export async function gmbLocations(api: SocialAbstract, token: string, ctx?: PublishContext): Promise<Page[]> {
  const out: Page[] = [];
  for (const account of await gmbAccounts(api, token, ctx)) {
    const pages = await paged(
      api,
      (t) =>
        gmbUrl(
          "locations",
          `/v1/${account.name}/locations?${new URLSearchParams({ readMask: "name,title,storefrontAddress,metadata", pageSize: "100", ...(t ? { pageToken: t } : {}) })}`,
        ),
      locationsPage,
      "list the account's business locations",
      token,
      ctx,
    );
    for (const l of pages.flatMap((p) => p.locations)) {
      const place = l.storefrontAddress?.locality ?? l.storefrontAddress?.addressLines?.[0];
      const title = l.title || l.name;
      out.push({ id: `${account.name}/${l.name}`, name: place ? `${title} · ${place}` : title, username: account.accountName });
    }
  }
  return out;
}

/** The channel id split back into what each API names: accounts/{a}/locations/{l} and locations/{l}. */
export function channelParts(internalId: string): { postsParent: string; location: string } {
  const m = /^(accounts\/[^/]+)\/(locations\/[^/]+)$/.exec(internalId);
  if (!m)
    throw new ProviderError(
      "bad-body",
      `"${internalId}" is not a Business Profile location (accounts/…/locations/…); reconnect the channel`,
    );
  return { postsParent: `${m[1]}/${m[2]}`, location: m[2]! };
}
