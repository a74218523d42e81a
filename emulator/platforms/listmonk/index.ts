import { withHeaders } from "@/emulator/kit/envelope";
import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import type { EmulatorState } from "@/emulator/state";
import { json, type PlatformEmulator, type Route } from "@/emulator/types";
import { createCampaign, deleteCampaign, findCampaign, getCampaign, LISTS, queryCampaigns, TEMPLATES, updateStatus } from "./campaigns";
import { uploadMedia } from "./media";
import { apiUser, isAnswer, lacks, lmError, NO_SEND_PREFIX, P, READ_ONLY_PREFIX, tokenFor } from "./users";

// A Listmonk server as the provider sees it, mounted at <emulator>/listmonk (which is the server
// URL to type), written from Listmonk's API documentation (../shared/platforms/listmonk.md):
// API users with BasicAuth or token headers, {"data"} answers and {"message"} errors, lists and
// templates, campaigns with their draft → running/scheduled state machine, and the public
// archive page of archived campaigns.

function helpPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Listmonk emulator</title></head><body><main>
<h1>Listmonk (emulator)</h1><p>This address is the <strong>Listmonk URL</strong> to type when connecting a Listmonk channel.</p>
<ul><li>API user: any name, e.g. <code>postmill</code>; its API token is the name followed by <code>-token</code> (<code>${esc(tokenFor("postmill"))}</code>).</li>
<li>API users whose name starts with <code>${READ_ONLY_PREFIX}</code> may not manage campaigns; with <code>${NO_SEND_PREFIX}</code>, may not send them.</li>
<li>Lists: ${LISTS.map((l) => `${l.id} “${esc(l.name)}” (${l.subscriber_count} subscribers)`).join(", ")}. A campaign to lists without subscribers is refused.</li></ul></main></body></html>`;
}

function archivePage(state: EmulatorState, uuid: string) {
  const c = [...state.posts].map((p) => (p.platform === P ? findCampaign(state, p.id) : undefined)).find((x) => x?.uuid === uuid);
  if (!c || !c.archive || !["running", "finished"].includes(c.status))
    return htmlAnswer(404, "<!doctype html><title>Not found</title><p>The campaign was not found.</p>");
  return htmlAnswer(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(c.subject)}</title></head><body>${c.body}</body></html>`,
  );
}

function routes(state: EmulatorState): Route[] {
  return [
    { method: "GET", path: "/", name: "help", handle: () => htmlAnswer(200, helpPage()) },
    {
      method: "GET",
      path: "/api/profile",
      name: "profile",
      handle(req) {
        const u = apiUser(state, req);
        if (isAnswer(u)) return u;
        const a = u.account;
        return json(200, {
          data: {
            id: Number(a.id),
            username: a.username,
            name: a.name,
            email: `${a.username}@api`,
            type: "api",
            status: "enabled",
            avatar: null,
          },
        });
      },
    },
    {
      method: "GET",
      path: "/api/lists",
      name: "lists",
      handle(req) {
        const u = apiUser(state, req);
        if (isAnswer(u)) return u;
        const refused = lacks(u, "lists:get_all");
        if (refused) return refused;
        const perPage = req.query.get("per_page") === "all" ? LISTS.length : Math.max(Number(req.query.get("per_page")) || 20, 1);
        return json(200, { data: { results: LISTS.slice(0, perPage), total: LISTS.length, per_page: perPage, page: 1 } });
      },
    },
    {
      method: "GET",
      path: "/api/templates",
      name: "templates",
      handle(req) {
        const u = apiUser(state, req);
        if (isAnswer(u)) return u;
        return lacks(u, "templates:get") ?? json(200, { data: TEMPLATES });
      },
    },
    { method: "GET", path: "/api/campaigns", name: "campaigns", handle: (req) => queryCampaigns(state, req) },
    { method: "POST", path: "/api/campaigns", name: "post", handle: (req) => createCampaign(state, req) },
    { method: "GET", path: "/api/campaigns/:id", name: "campaign", handle: (req, p) => getCampaign(state, req, p.id!) },
    { method: "PUT", path: "/api/campaigns/:id/status", name: "status", handle: (req, p) => updateStatus(state, req, p.id!) },
    { method: "DELETE", path: "/api/campaigns/:id", name: "delete", handle: (req, p) => deleteCampaign(state, req, p.id!) },
    { method: "POST", path: "/api/media", name: "media", handle: (req) => uploadMedia(state, req) },
    { method: "GET", path: "/archive/:uuid", name: "archive", handle: (_req, p) => archivePage(state, p.uuid!) },
    {
      method: "GET",
      path: "/admin/campaigns/:id",
      name: "admin",
      handle: (_req, p) => {
        const c = findCampaign(state, p.id!);
        if (!c) return htmlAnswer(404, "<!doctype html><title>Not found</title><p>No such campaign.</p>");
        return htmlAnswer(
          200,
          `<!doctype html><title>${esc(c.name)}</title><h1>${esc(c.subject)}</h1><p>Status: ${esc(c.status)}</p>${c.body}`,
        );
      },
    },
  ];
}

const emulator: PlatformEmulator = {
  id: P,
  name: "Listmonk",
  notes: `<p>Connect with Listmonk URL <code>&lt;this emulator&gt;/listmonk</code>, any API user such as <code>postmill</code> and the token <code>${esc(tokenFor("postmill"))}</code>.</p>`,
  routes,
  faults: {
    // Listmonk sends no rate-limit headers of its own; a proxy in front of it answers 429 with Retry-After.
    "rate-limit": ({ retryAfterSeconds }) => withHeaders(lmError(429, "Too many requests"), { "retry-after": String(retryAfterSeconds) }),
    "server-error": () => lmError(500, "Internal Server Error"),
    "missing-scope": () => lmError(403, "permission denied: campaigns:manage"),
    "expired-token": () => lmError(403, "invalid API credentials"),
  },
};

export default emulator;
