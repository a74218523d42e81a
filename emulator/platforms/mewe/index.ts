import { withHeaders } from "@/emulator/kit/envelope";
import { authorizeRoute, clientSecretFor } from "@/emulator/kit/oauth";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type PlatformEmulator, type Route } from "@/emulator/types";
import { appOf, plain, PLATFORM, requireUser } from "./support";

// MeWe's Open API (Developer Preview) as the fact sheet describes it (../shared/platforms/mewe.md),
// never from providers/ (a lint rule refuses the import). Sign-in: /login with the App ID sends the
// user back with a loginRequestToken, swapped at GET /api/dev/token (X-App-Id + X-Api-Key) for an
// apiToken with an expiresAt and no refresh token. Posting: photos up one by one, then the
// timeline or a group post, answered 204 with no body. Every account belongs to two groups, listed
// one per page so that nextPage is followed.

const GROUPS_PER_PAGE = 1;

/** The groups an emulated account belongs to: deterministic, so tests can name them. */
export const groupsOf = (acc: Account) => [
  { groupId: `${acc.id}-garden`, name: "Garden club" },
  { groupId: `${acc.id}-chess`, name: "Chess friends" },
];

/** Photos uploaded through /api/dev/photo/upload, by id: who uploaded them, and whether a post used them. */
type Photos = Map<string, { accountId: string; used: boolean }>;

function tokenRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/api/dev/token",
    name: "token",
    handle(req) {
      const app = appOf(state, req);
      if (typeof app !== "string") return app;
      if (req.headers["x-api-key"] !== clientSecretFor(state, PLATFORM, app)) return plain(401, "Unauthorized: wrong X-Api-Key");
      const code = state.redeemCode(req.query.get("loginRequestToken") ?? "", { clientId: app });
      if (typeof code === "string") return plain(401, `Unauthorized: ${code}`);
      const t = state.issueTokens(PLATFORM, code.accountId, app, code.scopes, false);
      return json(200, { apiToken: t.accessToken, expiresAt: new Date(Date.now() + t.expiresIn * 1000).toISOString() });
    },
  };
}

function profileRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/api/dev/me",
    name: "profile",
    handle(req) {
      const acc = requireUser(state, req);
      if ("status" in acc) return acc;
      const [firstName, ...rest] = acc.name.split(" ");
      return json(200, { userId: acc.id, name: acc.name, firstName, lastName: rest.join(" "), handle: acc.username });
    },
  };
}

function groupsRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/api/dev/groups",
    name: "groups",
    handle(req) {
      const acc = requireUser(state, req);
      if ("status" in acc) return acc;
      const all = groupsOf(acc);
      const pageNo = Math.max(0, Number(req.query.get("page") ?? 0) || 0);
      const groups = all.slice(pageNo * GROUPS_PER_PAGE, (pageNo + 1) * GROUPS_PER_PAGE);
      const more = (pageNo + 1) * GROUPS_PER_PAGE < all.length;
      return json(200, { groups, ...(more ? { nextPage: `/api/dev/groups?page=${pageNo + 1}` } : {}) });
    },
  };
}

function uploadRoute(state: EmulatorState, photos: Photos): Route {
  return {
    method: "POST",
    path: "/api/dev/photo/upload",
    name: "media",
    async handle(req) {
      const acc = requireUser(state, req);
      if ("status" in acc) return acc;
      const type = req.headers["content-type"] ?? "";
      if (!type.startsWith("multipart/form-data")) return plain(400, "Bad Request: send the photo as multipart/form-data");
      const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
      const file = form?.get("file");
      if (!(file instanceof Blob) || file.size === 0) return plain(400, 'Bad Request: the photo must be in the form field "file"');
      if (!file.type.startsWith("image/")) return plain(400, "Bad Request: the file is not an image");
      const id = state.nextId();
      photos.set(id, { accountId: acc.id, used: false });
      state.media.set(id, { platform: PLATFORM, accountId: acc.id, mimeType: file.type, size: file.size });
      return json(200, { id });
    },
  };
}

/** POST /api/dev/me/post and /api/dev/group/{groupId}/post: {"text", "uploadedPhotoIds"?} → 204. */
function postRoute(state: EmulatorState, photos: Photos, path: string): Route {
  return {
    method: "POST",
    path,
    name: "post",
    handle(req, params) {
      const acc = requireUser(state, req);
      if ("status" in acc) return acc;
      const group = params.groupId;
      if (group !== undefined) {
        if (!groupsOf(acc).some((g) => g.groupId === group))
          return group.startsWith(`${PLATFORM}-`) ? plain(403, "Forbidden") : plain(404, "Not Found: no such group");
      }
      if (!(req.headers["content-type"] ?? "").includes("application/json")) return plain(400, "Bad Request: send a JSON body");
      let body: { text?: unknown; uploadedPhotoIds?: unknown };
      try {
        body = req.json();
      } catch {
        return plain(400, "Bad Request: the body is not JSON");
      }
      const text = typeof body.text === "string" ? body.text : undefined;
      if (body.text !== undefined && text === undefined) return plain(400, "Bad Request: text must be a string");
      const ids = body.uploadedPhotoIds ?? [];
      if (!Array.isArray(ids) || ids.some((i) => typeof i !== "string"))
        return plain(400, "Bad Request: uploadedPhotoIds must be a list of photo ids");
      for (const id of ids as string[]) {
        const p = photos.get(id);
        if (!p || p.accountId !== acc.id || p.used) return plain(400, `Bad Request: unknown photo id ${id}`);
      }
      if (!text?.trim() && !ids.length) return plain(400, "Bad Request: a post needs text or a photo");
      for (const id of ids as string[]) photos.get(id)!.used = true;
      recorded(state, PLATFORM).record({
        accountId: acc.id,
        text: text ?? "",
        media: ids as string[],
        extra: { target: group === undefined ? "timeline" : { group } },
      });
      return { status: 204 };
    },
  };
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "MeWe",
  notes:
    "<p>Sign in through <code>/mewe/login?client_id=…&amp;redirect_uri=…&amp;state=…</code>; the app swaps the loginRequestToken at <code>/mewe/api/dev/token</code>. Each account belongs to the groups “Garden club” and “Chess friends”.</p>",
  routes(state) {
    const photos: Photos = new Map();
    return [
      // MeWe's sign-in link has no response_type, scope or PKCE; the grant comes back as loginRequestToken.
      authorizeRoute(state, {
        platform: PLATFORM,
        platformName: "MeWe",
        path: "/login",
        pkceRequired: false,
        scopeSeparator: " ",
        responseType: null,
        grantParam: "loginRequestToken",
      }),
      tokenRoute(state),
      profileRoute(state),
      groupsRoute(state),
      uploadRoute(state, photos),
      postRoute(state, photos, "/api/dev/me/post"),
      postRoute(state, photos, "/api/dev/group/:groupId/post"),
    ];
  },
  faults: {
    // An apiToken past its expiresAt: MeWe answers 401 and there is no refresh.
    "expired-token": () => plain(401, "Unauthorized"),
    "missing-scope": () => plain(403, "Forbidden"),
    // MeWe's throttling answer is 420 "Enhance Your Calm"; it documents no reset header, so the
    // emulator says when to come back with the standard Retry-After (RFC 9110), its only way to.
    "rate-limit": ({ retryAfterSeconds }) => withHeaders(plain(420, "Enhance Your Calm"), { "retry-after": String(retryAfterSeconds) }),
    "server-error": () => plain(500, "Internal Server Error"),
  },
};

export default emulator;
