import { isAnswer } from "@/emulator/kit/access";
import { withHeaders } from "@/emulator/kit/envelope";
import { escapeHtml, htmlAnswer } from "@/emulator/kit/html";
import { json, type PlatformEmulator, type Route } from "@/emulator/types";
import { imageRoute } from "./images";
import { postRoutes } from "./posts";
import { publicationRoutes, type Publications } from "./publications";
import { error, PLATFORM, requireUser, userJson } from "./support";
import { integrationToken } from "./tokens";

// Medium's legacy v1 API as its README (Medium/medium-api-docs) describes it, written from the
// fact sheet (../shared/platforms/medium.md) and never from providers/ (a lint rule refuses the
// import). A user brings an integration token made on Medium's settings page: the emulator's
// stand-in for that page is GET /medium/me/settings?username=…, and any token it makes works from
// its first use (tokens.ts). Medium documents no rate limits and no answer for being over one.

function settingsPage(): Route {
  return {
    method: "GET",
    path: "/me/settings",
    name: "settings-page",
    handle(req) {
      const username = (req.query.get("username") ?? "").trim();
      const form = `<form method="get"><label>Username <input name="username" value="${escapeHtml(username)}" pattern="[\\w.\\-]{1,64}" required></label> <button>Get integration token</button></form>`;
      if (!/^[\w.-]{1,64}$/.test(username)) return htmlAnswer(200, `<h1>Integration tokens</h1>${form}`);
      return htmlAnswer(
        200,
        `<h1>Integration tokens</h1>${form}<p>Integration token for <b>${escapeHtml(username)}</b>:</p><p><code data-testid="token">${integrationToken(username)}</code></p>`,
      );
    },
  };
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Medium",
  notes:
    "<p>Connect with an integration token: open <code>&lt;this emulator&gt;/medium/me/settings?username=you</code> and copy the one it shows. Each account edits one publication, writes for another (drafts only) and follows a third.</p>",
  routes(state) {
    // Per emulator start: the publications made for the accounts so far.
    const pubs: Publications = new Map();
    return [
      settingsPage(),
      {
        method: "GET",
        path: "/v1/me",
        name: "profile",
        handle(req) {
          const acc = requireUser(state, req, "basicProfile");
          return isAnswer(acc) ? acc : json(200, { data: userJson(req.base, acc) });
        },
      },
      ...publicationRoutes(state, pubs),
      imageRoute(state),
      ...postRoutes(state, pubs),
    ];
  },
  faults: {
    // Integration tokens do not expire; a token Medium stops accepting is answered as invalid.
    "expired-token": () => error(401, "Token was invalid.", 6003),
    "missing-scope": () => error(401, "Token does not have the required scope.", 6002),
    // Medium documents no 429; the emulator answers one in Medium's envelope with the standard
    // Retry-After header (RFC 9110), the only way it can say when to come back.
    "rate-limit": ({ retryAfterSeconds }) => withHeaders(error(429, "Too many requests."), { "retry-after": String(retryAfterSeconds) }),
    "server-error": () => error(500, "Internal server error."),
  },
};

export default emulator;
