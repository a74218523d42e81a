import { afterAll, beforeAll, expect } from "vitest";
import { connectWithFields, startConnect } from "@/lib/channels/connect";
import type { OrgContext } from "@/lib/orgs/context";
import type { PlatformManifest } from "@/providers/core/manifest";
import { recipeOf } from "./channels";
import { fileFor } from "./conformance-files";

// Pieces of the conformance suite (tests/conformance/platforms.test.ts) that are not cases: how a
// refusal is read, the operator settings a recipe names, and the media a platform requires.

/** The field errors of a save that must be refused; a save refused without them fails with its message. */
export async function refusal(p: Promise<unknown>): Promise<Record<string, string>> {
  const e = await p.then(
    () => expect.unreachable("the save was accepted; expected it to be refused with the rule named"),
    (err: unknown) => err as { fields?: Record<string, string>; message?: string },
  );
  expect(e.fields, `refused without field errors: ${e.message}`).toBeTruthy();
  return e.fields!;
}

/** The operator settings the platform's recipe names (recipe.env), set for its cases only and restored after. */
export function useRecipeEnv(id: string, filesUrl: () => string) {
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    const r = await recipeOf(id).catch(() => undefined);
    for (const [k, v] of Object.entries(r?.env?.({ url: filesUrl() }) ?? {})) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

/**
 * A platform that refuses a post without media (manifest media.minItems) gets files that fit its
 * rules on its first item: images where it takes them, else its first other kind (a video
 * platform gets a video). Items that carry media, and later items, are left as they are.
 */
export function requiredMediaFor(m: PlatformManifest, filesUrl: () => string) {
  const required = m.media.minItems ?? 0;
  const requiredKind = (["image", "video", "gif"] as const).find((k) => m.media[k]);
  const requiredFile = required && requiredKind ? fileFor(requiredKind, m.media[requiredKind]!) : undefined;
  return (items: unknown[]) =>
    items.map((item, i) => {
      const it = item as { media?: unknown[] };
      if (i > 0 || !requiredFile || it.media?.length) return item;
      return {
        ...it,
        media: Array.from({ length: required }, (_x, k) => ({ url: `${filesUrl()}/${requiredFile}`, alt: `required ${k + 1}` })),
      };
    });
}

/** A platform declared unavailable: connecting it, by form or by sign-in, is refused with a 4xx giving the reason. */
export async function connectRefused(owner: OrgContext, id: string, m: PlatformManifest) {
  const form = m.auth.kind === "fields" || m.auth.kind === "bot";
  const e = (await (form ? connectWithFields(owner, id, {}) : startConnect(owner, id, "http://127.0.0.1:5555", {})).then(
    () => expect.unreachable(`${id}: declared unavailable, yet connecting was accepted`),
    (err: unknown) => err,
  )) as { status?: number; message?: string };
  expect(e.status).toBeGreaterThanOrEqual(400);
  expect(e.status).toBeLessThan(500);
  expect(e.message).toContain(m.availability?.reason);
}
