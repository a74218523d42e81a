"use server";
import { revalidatePath } from "next/cache";
import { currentContext } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import type { CheckResult } from "@/lib/feeds/check";
import { addFeed, checkFeedNow, deleteFeed, previewFeed, setFeedPaused, updateFeed, type FeedPreview } from "@/lib/feeds/operations";
import { idArgument, toFormState, type FormState } from "@/lib/forms";

// The Feeds page's mutations. Inputs arrive as plain objects from the form (any client may send
// anything: lib/feeds validates it with zod and answers with the field and the rule).

async function ctxOrThrow() {
  const ctx = await currentContext();
  if (!ctx) throw new AppError("Sign in required", 401);
  return ctx;
}

async function run<T extends object>(fn: () => Promise<T | void>): Promise<FormState & { result?: T }> {
  try {
    const result = await fn();
    revalidatePath("/feeds");
    return { ok: true, ...(result ? { result } : {}) };
  } catch (e) {
    return toFormState(e);
  }
}

export async function previewFeedAction(input: unknown): Promise<FormState & { result?: FeedPreview }> {
  return run(async () => {
    await ctxOrThrow();
    return previewFeed(input);
  });
}

export async function addFeedAction(input: unknown): Promise<FormState & { result?: { id: string; posted: number } }> {
  return run(async () => {
    const added = await addFeed(await ctxOrThrow(), input);
    return { id: added.id, posted: added.posted };
  });
}

export async function updateFeedAction(id: unknown, input: unknown): Promise<FormState> {
  return run(async () => updateFeed(await ctxOrThrow(), idArgument(id, "id"), input));
}

export async function setFeedPausedAction(id: unknown, paused: unknown): Promise<FormState> {
  return run(async () => {
    if (typeof paused !== "boolean") throw new AppError("paused must be true or false", 422, "paused");
    return setFeedPaused(await ctxOrThrow(), idArgument(id, "id"), paused);
  });
}

export async function deleteFeedAction(id: unknown): Promise<FormState> {
  return run(async () => deleteFeed(await ctxOrThrow(), idArgument(id, "id")));
}

export async function checkFeedNowAction(id: unknown): Promise<FormState & { result?: CheckResult }> {
  return run(async () => checkFeedNow(await ctxOrThrow(), idArgument(id, "id")));
}
