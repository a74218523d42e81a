import { ProviderError } from "../core/errors";
import type { ApiSession } from "../core/api-session";
import type { Page } from "../social.integrations.interface";
import { allPages } from "./whop.api";

// The forums a user may pick as a channel: every forum of every company the token can read
// (GET /companies, then GET /forums?company_id=…). A post targets the forum's experience id
// (exp_…), not the forum's own id, so that is the page id.

type Company = { id: string; title?: string | null };
type Forum = { id: string; experience?: { id?: string | null; name?: string | null } | null; who_can_post?: string | null };

export async function forumPages(api: ApiSession): Promise<Page[]> {
  const companies = await allPages<Company>(api, "/companies", "list your Whop companies");
  const pages: Page[] = [];
  for (const company of companies) {
    const forums = await allPages<Forum>(api, `/forums?company_id=${encodeURIComponent(company.id)}`, "list the company's Whop forums");
    for (const forum of forums) {
      const exp = forum.experience?.id;
      if (!exp) continue;
      const name = forum.experience?.name || "Forum";
      pages.push({ id: exp, name: company.title ? `${name} · ${company.title}` : name, username: company.title ?? undefined });
    }
  }
  return pages;
}

/** The picked forum, if the token still reaches it. */
export async function forumPage(api: ApiSession, experienceId: string): Promise<Page> {
  if (!/^exp_[A-Za-z0-9]+$/.test(experienceId))
    throw new ProviderError("bad-body", `"${experienceId}" is not a Whop forum experience id (exp_…)`);
  const page = (await forumPages(api)).find((p) => p.id === experienceId);
  if (!page) throw new ProviderError("bad-body", `Whop forum ${experienceId} is not among the forums this account can reach`);
  return page;
}
