import { existsSync } from "node:fs";
import path from "node:path";
import type { ConformanceRecipe } from "@/emulator/kit/recipe";
import type { Emulator } from "@/emulator/server";
import { completeConnect, connectWithFields, startConnect } from "@/lib/channels/connect";
import { issueLinkCode, linkStatus } from "@/lib/channels/link-codes";
import { listPages, pickPage } from "@/lib/channels/pages";
import type { OrgContext } from "@/lib/orgs/context";
import { manifestOf } from "@/providers/manifests";
import { authorizeInEmulator } from "./emulator";

// Connects emulated accounts through the app's own connect flows, chosen by the platform's
// declared auth kind (providers/<id>/<id>.manifest.ts); what a user would type or name comes from
// the platform's recipe beside its emulator (emulator/platforms/<id>/recipe.ts). No platform is
// named here: a new platform with a manifest, an emulator and a recipe connects unchanged.

const platformsDir = () => path.join(process.cwd(), "emulator", "platforms");

/** Why a platform cannot be exercised against the emulator, in words that say what to write; undefined when it can. */
export function missingEmulatorParts(id: string): string | undefined {
  const missing: string[] = [];
  if (!existsSync(path.join(platformsDir(), id, "index.ts")))
    missing.push(`no emulator platform at emulator/platforms/${id}/index.ts — write one from ../shared/platforms/${id}.md`);
  if (!existsSync(path.join(platformsDir(), id, "recipe.ts")))
    missing.push(
      `no test recipe at emulator/platforms/${id}/recipe.ts — export a ConformanceRecipe (emulator/kit/recipe.ts) saying how a user connects and which route creates a post`,
    );
  return missing.length ? `${id}: ${missing.join("; ")}` : undefined;
}

/** The platform's recipe; throws the readable reason when it or the emulator platform is missing. */
export async function recipeOf(id: string): Promise<ConformanceRecipe> {
  const missing = missingEmulatorParts(id);
  if (missing) throw new Error(missing);
  const mod = (await import(/* @vite-ignore */ path.join(platformsDir(), id, "recipe.ts"))) as { default?: ConformanceRecipe };
  if (!mod.default) throw new Error(`${id}: emulator/platforms/${id}/recipe.ts has no default export (a ConformanceRecipe)`);
  return mod.default;
}

/** The channel id of `username`'s account on `provider`, connected as a user would (sign-in page, form, server, page pick). */
export async function connectEmulated(ctx: OrgContext, emu: Emulator, provider: string, username: string): Promise<string> {
  const manifest = manifestOf(provider);
  if (!manifest) throw new Error(`${provider}: no manifest in providers/manifests.ts`);
  const recipe = await recipeOf(provider);
  const base = `${emu.url}/${provider}`;
  const auth = manifest.auth;
  if (auth.kind === "bot" && auth.link) {
    // The link-code flow: ask for a code, send it in a chat as a person would, ask whether it linked.
    if (!recipe.link) throw new Error(`${provider}: its recipe has no link() — how a person sends the link command in a chat`);
    const issued = await issueLinkCode(ctx, provider);
    await recipe.link(base, issued.command, username);
    const s = await linkStatus(ctx, provider, issued.code);
    if (s.status !== "linked") throw new Error(`${provider}: the chat was not linked after "${issued.command}": ${JSON.stringify(s)}`);
    return s.channelId;
  }
  if (auth.kind === "fields" || auth.kind === "bot") {
    if (!recipe.fields) throw new Error(`${provider}: its recipe has no fields() — what a user types into the ${auth.kind} form`);
    const saved = await connectWithFields(ctx, provider, recipe.fields(base, username));
    // A form-connected account may manage several pages or blogs (AuthResult.needsPagePick): it is picked as after OAuth.
    return saved.pending ? pickFirstPage(ctx, provider, saved.id) : saved.id;
  }
  if (auth.kind === "instance-oauth" && !recipe.instance)
    throw new Error(`${provider}: its recipe has no instance() — the server a user names before signing in`);
  const url = await startConnect(
    ctx,
    provider,
    "http://127.0.0.1:5555",
    auth.kind === "instance-oauth" ? { instance: recipe.instance!(base) } : {},
  );
  const back = await authorizeInEmulator(emu, url, { username });
  const done = await completeConnect(ctx.userId, provider, Object.fromEntries(back.searchParams));
  if (auth.kind !== "oauth2-pick") return done.channelId;
  if (!done.pending) throw new Error(`${provider}: declares oauth2-pick but the channel was not left pending for a pick`);
  return pickFirstPage(ctx, provider, done.channelId);
}

/** The pick step of a pending channel, as the Channels page's page picker does it: the first page offered. */
async function pickFirstPage(ctx: OrgContext, provider: string, channelId: string): Promise<string> {
  const [page] = await listPages(ctx, channelId);
  if (!page) throw new Error(`${provider}: the account manages no page to pick`);
  return (await pickPage(ctx, channelId, page.id)).id;
}
