import { createHash } from "node:crypto";
import { bearerGrant, isAnswer, allScopes } from "@/emulator/kit/access";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every Pinterest v5 call shares (../shared/platforms/pinterest.md §1, §4): the bearer check
// and the Pinterest.Lib.Error envelope {"code", "message"}; and the boards every emulated account
// owns (numeric ids, as Pinterest's are, derived from the username so a test can name them).

export const PLATFORM = "pinterest";

/** Pinterest's error body. */
export const pinError = (status: number, code: number, message: string, extra: Record<string, unknown> = {}): EmuResponse =>
  json(status, { code, message, ...extra });

export const authFailed = () => pinError(401, 2, "Authentication failed.", { status: "failure" });

/** The signed-in account behind a call needing `scopes`, or Pinterest's refusal. */
export function requireUser(state: EmulatorState, req: EmuRequest, scopes: string[]): Account | EmuResponse {
  const grant = bearerGrant(
    state,
    PLATFORM,
    req.bearer(),
    {
      missing: authFailed,
      invalid: authFailed,
      expired: authFailed,
      scope: () => pinError(403, 3, `Your application consumer type is not supported. Missing scopes: ${scopes.join(", ")}`),
    },
    allScopes(scopes),
  );
  if (isAnswer(grant)) return grant;
  return state.getAccount(PLATFORM, grant.accountId) ?? authFailed();
}

const numericId = (...parts: string[]) => BigInt(`0x${createHash("sha1").update(parts.join("/")).digest("hex").slice(0, 13)}`).toString();

/** A board id of the account signed in as `username`: the same every run, digits only. */
export const boardIdFor = (username: string, n: number) => numericId("board", username, String(n));
export const sectionIdFor = (boardId: string, n: number) => numericId("section", boardId, String(n));

export type Board = { id: string; name: string; privacy: string; sections: { id: string; name: string }[] };

/** Every emulated account owns three boards; the first two have sections. */
export function boardsOf(acc: Account): Board[] {
  const names = ["Recipes", "Travel ideas", "Studio moodboard"];
  return names.map((name, n) => {
    const id = boardIdFor(acc.username, n);
    const sections = n < 2 ? ["Favourites", "To try"].map((s, k) => ({ id: sectionIdFor(id, k), name: s })) : [];
    return { id, name, privacy: n === 2 ? "SECRET" : "PUBLIC", sections };
  });
}

/** A page of `items` after `bookmark` (an offset, opaque to the client), and the next bookmark. */
export function paged<T>(items: T[], req: EmuRequest, defaultSize = 25): { items: T[]; bookmark: string | null } | EmuResponse {
  const size = Number(req.query.get("page_size") ?? defaultSize);
  if (!Number.isInteger(size) || size < 1 || size > 250) return pinError(400, 1, "Invalid parameters: page_size must be 1 to 250");
  const raw = req.query.get("bookmark");
  const from = raw ? Number(Buffer.from(raw, "base64url").toString()) : 0;
  if (!Number.isInteger(from) || from < 0) return pinError(400, 1, "Invalid parameters: bookmark is not valid");
  const next = from + size < items.length ? Buffer.from(String(from + size)).toString("base64url") : null;
  return { items: items.slice(from, from + size), bookmark: next };
}
