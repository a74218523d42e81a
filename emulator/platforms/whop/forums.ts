import { isAnswer } from "@/emulator/kit/access";
import { createHash } from "node:crypto";
import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { authorized, PLATFORM, whopError } from "./common";

// Companies and their forums (docs.whop.com: List companies, List forums). Every emulated user
// owns one company with two forum experiences: "Announcements", where only admins post (the user
// is the admin), and "Community". One more forum exists that belongs to nobody here, so a post
// to it is refused as Whop refuses a forum the token cannot reach.

export type EmuForum = { id: string; experienceId: string; name: string; companyId: string; whoCanPost: "everyone" | "admins" };
export type EmuCompany = { id: string; title: string };

const hash = (s: string) => createHash("sha1").update(s).digest("hex").slice(0, 12);

export function companiesOf(state: EmulatorState, accountId: string): EmuCompany[] {
  const acc = state.getAccount(PLATFORM, accountId);
  return acc ? [{ id: `biz_${hash(acc.id)}`, title: `${acc.name} Club` }] : [];
}

export function forumsOf(company: EmuCompany): EmuForum[] {
  return [
    {
      id: `forum_${hash(`${company.id}/a`)}`,
      experienceId: `exp_${hash(`${company.id}/a`)}`,
      name: "Announcements",
      companyId: company.id,
      whoCanPost: "admins",
    },
    {
      id: `forum_${hash(`${company.id}/c`)}`,
      experienceId: `exp_${hash(`${company.id}/c`)}`,
      name: "Community",
      companyId: company.id,
      whoCanPost: "everyone",
    },
  ];
}

/** Whether the account may post in the experience (it owns the company, so it is the admin). */
export function forumFor(state: EmulatorState, accountId: string, experienceId: string): EmuForum | undefined {
  return companiesOf(state, accountId)
    .flatMap(forumsOf)
    .find((f) => f.experienceId === experienceId);
}

/** One cursor page of a list, as every Whop list answers: data and page_info. */
export function paged<T>(items: T[], first: string | null, after: string | null) {
  const size = Math.min(Math.max(Number(first ?? 10) || 10, 1), 100);
  const start = after ? Number(after) || 0 : 0;
  const data = items.slice(start, start + size);
  const end = start + data.length;
  return json(200, { data, page_info: { end_cursor: data.length ? String(end) : null, has_next_page: end < items.length } });
}

export function forumRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: "GET",
      path: "/companies",
      name: "pages",
      handle(req) {
        const grant = authorized(state, req, "company:basic:read");
        if (isAnswer(grant)) return grant;
        const data = companiesOf(state, grant.accountId).map((c) => ({
          id: c.id,
          title: c.title,
          route: c.title.toLowerCase().replace(/\W+/g, "-"),
        }));
        return paged(data, req.query.get("first"), req.query.get("after"));
      },
    },
    {
      method: "GET",
      path: "/forums",
      name: "pages",
      handle(req) {
        const grant = authorized(state, req, "forum:read");
        if (isAnswer(grant)) return grant;
        const companyId = req.query.get("company_id");
        if (!companyId) return whopError(400, "invalid_request", "company_id is required");
        const company = companiesOf(state, grant.accountId).find((c) => c.id === companyId);
        if (!company) return whopError(404, "not_found", `Company ${companyId} not found`);
        const data = forumsOf(company).map((f) => ({
          id: f.id,
          experience: { id: f.experienceId, name: f.name },
          who_can_post: f.whoCanPost,
          who_can_comment: "everyone",
          email_notification_preference: "none",
        }));
        return paged(data, req.query.get("first"), req.query.get("after"));
      },
    },
  ];
}
