import type { OrgContext } from "@/lib/orgs/context";
import { getProvider } from "@/providers/registry";
import { withAutoSignatures, type AutoSignature } from "./apply";

// Saving a post appends the organization's automatic signatures to the channels they apply to,
// before the post is validated, so each platform's limits count them. The composer shows the same
// text beforehand (lib/composer/state.ts); a post that already carries a signature (sent by the
// composer, or saved before and now edited) does not get it twice.

type PostLike = { targets: { channelId: string; items: { text: string; media: unknown[] }[] }[] };

export async function autoSignatures(ctx: OrgContext): Promise<AutoSignature[]> {
  const rows = await ctx.db.signature.findMany({ where: { auto: true }, orderBy: { name: "asc" } });
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  return rows.map((r) => ({ id: r.id, body: r.body, channelIds: list(r.channelIds), providers: list(r.providers) }));
}

/**
 * The organization's automatic signatures and channels, loaded once, as a function that signs a
 * post: for many posts at once (a CSV import), or one (`addAutoSignatures`). Only the channels
 * named are loaded when given.
 */
export async function autoSigner(ctx: OrgContext, channelIds?: string[]): Promise<<T extends PostLike>(input: T) => T> {
  const signatures = await autoSignatures(ctx);
  if (!signatures.length) return (input) => input;
  const channels = await ctx.db.integration.findMany({
    where: channelIds ? { id: { in: channelIds } } : {},
    select: { id: true, provider: true },
  });
  const byId = new Map(channels.map((c) => [c.id, c]));
  return (input) => ({
    ...input,
    targets: input.targets.map((t) => {
      const channel = byId.get(t.channelId);
      const provider = channel && getProvider(channel.provider);
      // An unknown channel is left as it is for the post's own check to name.
      return channel && provider ? { ...t, items: withAutoSignatures(t.items, signatures, channel, provider.manifest.editor) } : t;
    }),
  });
}

export async function addAutoSignatures<T extends PostLike>(ctx: OrgContext, input: T): Promise<T> {
  return (
    await autoSigner(
      ctx,
      input.targets.map((t) => t.channelId),
    )
  )(input);
}
