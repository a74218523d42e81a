import { z } from "zod";
import type { SettingsChoice } from "../social.integrations.interface";
import type { ForemApi } from "./devto.api";
import { myArticles } from "./devto.articles-me";

// The organizations a user can publish under. Forem's API has no "my organizations" call: the
// user's own articles name the organizations they were posted in (by username, without id), and
// GET /api/organizations/{username} gives each one's id. Organizations the user never posted in
// are not found this way; their id can still be typed (it is on the organization's page).

const organization = z.object({ id: z.number().int(), name: z.string().optional(), username: z.string().optional() });

export async function organizationChoices(api: ForemApi): Promise<SettingsChoice[]> {
  const articles = await myArticles(api, 1000, "list the organizations the account posted in");
  const usernames = [...new Set(articles.flatMap((a) => (a.organization?.username ? [a.organization.username] : [])))];
  const choices: SettingsChoice[] = [];
  for (const username of usernames) {
    const org = organization.safeParse(
      await api.get(`/organizations/${encodeURIComponent(username)}`, `read the organization ${username}`),
    );
    if (org.success) choices.push({ value: String(org.data.id), label: org.data.name?.trim() || username });
  }
  return choices.sort((a, b) => a.label.localeCompare(b.label));
}
