import type { EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every emulated Slack Web API call shares (docs.slack.dev Web API basics, common errors;
// ../shared/platforms/slack.md §1/§4): "Authorization: Bearer xoxb-…", arguments as a query, a
// form or JSON, and failures as HTTP 200 {"ok": false, "error"} (429 only for rate limits). The
// emulator's bot tokens are "xoxb-emu.<grant token>" and its refresh tokens "xoxe-1-emu.<…>": the
// part after the dot is the kit's token, so grants, expiry and revocation are the kit's.

export const PLATFORM = "slack";
export const BOT_PREFIX = "xoxb-emu.";
export const REFRESH_PREFIX = "xoxe-1-emu.";

export const slackError = (error: string, extra: Record<string, unknown> = {}) => json(200, { ok: false, error, ...extra });
export const ok = (body: Record<string, unknown> = {}, headers: Record<string, string> = {}) => json(200, { ok: true, ...body }, headers);

/** The method's arguments, however they were sent (query, form or JSON body). */
export function argsOf(req: EmuRequest): Record<string, unknown> | EmuResponse {
  const type = req.headers["content-type"] ?? "";
  const args: Record<string, unknown> = Object.fromEntries(req.query);
  if (req.method === "POST" && req.body.length) {
    if (type.startsWith("application/json")) {
      try {
        Object.assign(args, req.json());
      } catch {
        return slackError("invalid_json");
      }
    } else if (type.startsWith("application/x-www-form-urlencoded")) Object.assign(args, Object.fromEntries(req.form()));
    else return slackError("invalid_form_data");
  }
  return args;
}

/** The grant behind the bot token, with the scope the method needs, or Slack's refusal. */
export function requireBot(state: EmulatorState, req: EmuRequest, scope?: string | string[]): Grant | EmuResponse {
  const bearer = req.bearer();
  if (!bearer) return slackError("not_authed");
  if (!bearer.startsWith(BOT_PREFIX)) return slackError("invalid_auth");
  const inner = bearer.slice(BOT_PREFIX.length);
  const at = state.accessTokens.get(inner);
  const grant = at && state.grants.get(at.grantId);
  if (!at || !grant || grant.platform !== PLATFORM) return slackError("invalid_auth");
  if (grant.revoked) return slackError("token_revoked");
  if (at.expiresAt < Date.now()) return slackError("token_expired");
  const needed = scope === undefined ? [] : Array.isArray(scope) ? scope : [scope];
  if (needed.length && !needed.some((s) => grant.scopes.includes(s)))
    return slackError("missing_scope", { needed: needed.join(","), provided: grant.scopes.join(",") });
  return grant;
}

export const isAnswer = (v: unknown): v is EmuResponse =>
  !!v && typeof v === "object" && "status" in v && typeof (v as EmuResponse).status === "number";

export type Conv = { id: string; name: string; isPrivate: boolean; isArchived: boolean; members: Set<string> };
/** A message: its ts, channel and the thread it is in. */
export type Msg = { ts: string; channel: string; threadTs?: string };
export type Upload = {
  id: string;
  accountId: string;
  filename: string;
  length: number;
  alt?: string;
  received?: { size: number; type: string };
  completed: boolean;
};

/** The emulated workspaces: per account, its channels; messages by ts; uploads by file id. */
export type Workspace = { conversations: Map<string, Conv[]>; messages: Map<string, Msg>; uploads: Map<string, Upload>; tsSeq: number };

export const newWorkspace = (): Workspace => ({ conversations: new Map(), messages: new Map(), uploads: new Map(), tsSeq: 0 });

/**
 * The account's channels (created on first use): #general (the bot not yet a member, so it must
 * join), #random (a member), 🔒team-private (a member), 🔒secret (not a member) and an archived one.
 * Listed two per page so that next_cursor is followed.
 */
export function channelsOf(w: Workspace, accountId: string): Conv[] {
  let list = w.conversations.get(accountId);
  if (!list) {
    const suffix = accountId
      .replace(/[^a-z0-9]/gi, "")
      .slice(-6)
      .toUpperCase();
    const c = (id: string, name: string, isPrivate: boolean, member: boolean, isArchived = false): Conv => ({
      id: `C${id}${suffix}`,
      name,
      isPrivate,
      isArchived,
      members: new Set(member ? ["bot"] : []),
    });
    list = [
      c("GEN", "general", false, false),
      c("RND", "random", false, true),
      c("PRV", "team-private", true, true),
      c("SEC", "secret", true, false),
      c("OLD", "old-news", false, true, true),
    ];
    w.conversations.set(accountId, list);
  }
  return list;
}

export const convObject = (c: Conv) => ({
  id: c.id,
  name: c.name,
  is_channel: !c.isPrivate,
  is_group: c.isPrivate,
  is_private: c.isPrivate,
  is_archived: c.isArchived,
  is_member: c.members.has("bot"),
});

/** A new message ts: epoch seconds with six digits after the dot, unique in the emulator. */
export function nextTs(w: Workspace): string {
  w.tsSeq = (w.tsSeq + 1) % 1_000_000;
  return `${Math.floor(Date.now() / 1000)}.${String(w.tsSeq).padStart(6, "0")}`;
}
