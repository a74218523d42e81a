import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type Route } from "@/emulator/types";
import { graphemes } from "@/emulator/kit/text";
import { statusLength } from "./counting";
import { isAnswer as isResponse } from "@/emulator/kit/access";
import { recorded } from "@/emulator/kit/recording";
import { error, PLATFORM, requireGrant, statusJson, type Processing } from "./support";
import { INSTANCE_CONFIG } from "./instance";

// POST /api/v1/statuses and GET /api/v1/statuses/:id, with the server's validations in the order
// it applies them and its error texts.

type StatusParams = {
  status: string;
  mediaIds: string[];
  inReplyTo?: string;
  poll?: { options: string[]; expires_in: number; multiple?: boolean };
  visibility: string;
  spoilerText: string;
  sensitive?: boolean;
};

// Form bodies use Rails' bracket names (media_ids[], poll[options][]); JSON bodies nest.
function readParams(req: EmuRequest): StatusParams {
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    const j = req.json<Record<string, unknown>>();
    const poll = j.poll as { options?: unknown; expires_in?: unknown; multiple?: unknown } | undefined;
    return {
      status: typeof j.status === "string" ? j.status : "",
      mediaIds: Array.isArray(j.media_ids) ? j.media_ids.map(String) : [],
      inReplyTo: j.in_reply_to_id ? String(j.in_reply_to_id) : undefined,
      poll: poll
        ? {
            options: Array.isArray(poll.options) ? poll.options.map(String) : [],
            expires_in: Number(poll.expires_in),
            multiple: poll.multiple === true,
          }
        : undefined,
      visibility: typeof j.visibility === "string" ? j.visibility : "public",
      spoilerText: typeof j.spoiler_text === "string" ? j.spoiler_text : "",
      sensitive: typeof j.sensitive === "boolean" ? j.sensitive : undefined,
    };
  }
  const f = req.form();
  const options = f.getAll("poll[options][]");
  return {
    status: f.get("status") ?? "",
    mediaIds: f.getAll("media_ids[]"),
    inReplyTo: f.get("in_reply_to_id") || undefined,
    poll:
      options.length || f.has("poll[expires_in]")
        ? { options, expires_in: Number(f.get("poll[expires_in]")), multiple: f.get("poll[multiple]") === "true" }
        : undefined,
    visibility: f.get("visibility") ?? "public",
    spoilerText: f.get("spoiler_text") ?? "",
    sensitive: f.has("sensitive") ? f.get("sensitive") === "true" : undefined,
  };
}

function pollProblem(poll: NonNullable<StatusParams["poll"]>): string | undefined {
  const p = INSTANCE_CONFIG.polls;
  if (!Number.isFinite(poll.expires_in) || poll.options.length === 0)
    return "Validation failed: Poll options and expires_in are both required";
  if (poll.options.length < 2) return "Validation failed: Poll must have at least 2 options";
  if (poll.options.length > p.max_options) return `Validation failed: Poll options cannot have more than ${p.max_options} items`;
  if (poll.options.some((o) => graphemes(o) > p.max_characters_per_option))
    return `Validation failed: Poll options cannot be longer than ${p.max_characters_per_option} characters each`;
  if (poll.expires_in < p.min_expiration) return "Validation failed: Poll duration is too short";
  if (poll.expires_in > p.max_expiration) return "Validation failed: Poll duration is too long";
  return undefined;
}

export function statusRoutes(state: EmulatorState, processing: Processing): Route[] {
  const limits = INSTANCE_CONFIG.statuses;
  return [
    {
      method: "POST",
      path: "/api/v1/statuses",
      name: "post",
      handle(req) {
        const grant = requireGrant(state, req, ["write:statuses"]);
        if (isResponse(grant)) return grant;
        const key = req.headers["idempotency-key"];
        if (key) {
          const seen = state.findByIdempotencyKey(PLATFORM, grant.accountId, key);
          if (seen) return json(200, statusJson(state, req.base, seen));
        }
        const p = readParams(req);
        if (p.inReplyTo && !recorded(state, PLATFORM).find(p.inReplyTo)) return error(404, "Record not found");
        if (p.mediaIds.length > limits.max_media_attachments)
          return error(422, `Validation failed: Cannot attach more than ${limits.max_media_attachments} files`);
        for (const id of p.mediaIds) {
          const m = state.media.get(id);
          const attached = state.posts.some((x) => x.platform === PLATFORM && x.media.includes(id));
          if (!m || m.platform !== PLATFORM || m.accountId !== grant.accountId || attached) return error(404, "Record not found");
          if (processing.has(id)) return error(422, "Cannot attach files that have not finished processing. Try again in a moment!");
        }
        const kinds = p.mediaIds.map((id) => state.media.get(id)!.mimeType);
        if (kinds.length > 1 && kinds.some((k) => k.startsWith("video/")))
          return error(422, "Validation failed: Cannot attach a video to a post that already contains images");
        if (p.poll && p.mediaIds.length) return error(422, "Validation failed: Cannot attach both media and a poll");
        const pollError = p.poll && pollProblem(p.poll);
        if (pollError) return error(422, pollError);
        if (!["public", "unlisted", "private", "direct"].includes(p.visibility))
          return error(422, "Validation failed: Visibility is not included in the list");
        if (!p.status.trim() && p.mediaIds.length === 0) return error(422, "Validation failed: Text can't be blank");
        if (statusLength(p.status, p.spoilerText) > limits.max_characters) {
          return error(422, `Validation failed: Text character limit of ${limits.max_characters} exceeded`);
        }

        const post = recorded(state, PLATFORM).record({
          accountId: grant.accountId,
          text: p.status,
          media: p.mediaIds,
          replyTo: p.inReplyTo,
          poll: p.poll,
          extra: {
            visibility: p.visibility,
            spoiler_text: p.spoilerText,
            ...(p.sensitive !== undefined ? { sensitive: p.sensitive } : {}),
          },
          idempotencyKey: key || undefined,
        });
        return json(200, statusJson(state, req.base, post));
      },
    },
    {
      method: "GET",
      path: "/api/v1/statuses/:id",
      name: "status",
      handle(req, { id }) {
        const post = recorded(state, PLATFORM).find(id!);
        const extra = (post?.extra ?? {}) as { visibility?: string };
        // Public and unlisted statuses are readable without a token; others need their author's.
        if (post && extra.visibility !== "public" && extra.visibility !== "unlisted") {
          const grant = state.checkAccess(PLATFORM, req.bearer());
          if (typeof grant === "string" || grant.accountId !== post.accountId) return error(404, "Record not found");
        }
        return post ? json(200, statusJson(state, req.base, post)) : error(404, "Record not found");
      },
    },
  ];
}
