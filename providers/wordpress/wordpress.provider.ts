import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import type { HandledError } from "../core/errors";
import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { ManifestProvider } from "../core/manifest-provider";
import type {
  AuthResult,
  ChannelAccess,
  PostItem,
  PublishContext,
  PublishedItem,
  SettingsChoice,
  SocialProvider,
} from "../social.integrations.interface";
import { wordpressPostAnalytics } from "./wordpress.analytics";
import { discoverApiRoot, wpJson, type WpSite } from "./wordpress.api";
import { classifyWordpressError } from "./wordpress.errors";
import { wordpressManifest } from "./wordpress.manifest";
import { createPost } from "./wordpress.post";
import type { WordpressSettings } from "./wordpress.settings";

// A self-hosted WordPress site, signed in with an application password over HTTP Basic
// (../shared/platforms/wordpress.md §1). The password is the channel's access token (stored
// encrypted); the login name and the discovered API root are kept in the channel's profile.

// Generated application passwords are 24 letters and digits, shown in groups of four;
// WordPress ignores everything else in them.
const APP_PASSWORD = /^[A-Za-z0-9]{24}$/;

const fieldsSchema = z.object({
  site: z
    .string()
    .optional()
    .transform((s) => (s?.trim() || hostOf(wordpressManifest, "site")).replace(/\/+$/, ""))
    .pipe(
      z
        .string()
        .min(1, "Enter your site's address, such as https://example.com or https://example.com/blog")
        .pipe(z.url({ protocol: /^https?$/, error: "The site address must be an http(s) address, such as https://example.com/blog" })),
    ),
  username: z.string({ error: "Enter your WordPress login name" }).trim().min(1, "Enter the name you log in to WordPress with"),
  password: z
    .string({ error: "Enter an application password" })
    .trim()
    .min(1, "Enter an application password (Users → Profile → Application Passwords in your site's admin)"),
});

type WpMe = { id: number; name?: string; slug?: string; avatar_urls?: Record<string, string>; capabilities?: Record<string, boolean> };
type WpTerm = { id: number; name: string; parent?: number };

export class WordpressProvider extends ManifestProvider<WordpressSettings> implements SocialProvider<WordpressSettings> {
  readonly manifest = wordpressManifest;

  /** Finds the site's API, then checks the credentials live with GET /wp/v2/users/me (context=edit shows the account's capabilities). */
  async connectWithFields(values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }> {
    const parsed = fieldsSchema.safeParse(values);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
      throw new ValidationError(fields);
    }
    const { site, username, password } = parsed.data;
    const apiRoot = await discoverApiRoot(this, site).catch((e) => {
      if (e instanceof ProviderError && e.kind === "bad-body" && !e.details.transport) throw new ValidationError({ site: e.message });
      throw e;
    });
    const wp: WpSite = { apiRoot, login: username, password };
    const me = await wpJson<WpMe>(
      this,
      wp,
      "/wp/v2/users/me",
      { query: { context: "edit" } },
      { action: "check the application password" },
    ).catch((e) => {
      throw this.connectFailure(e, password);
    });
    const caps = me.capabilities ?? {};
    if (me.capabilities && !caps.edit_posts)
      throw new ProviderError(
        "bad-body",
        `The WordPress account ${username} cannot write posts on this site; ask its administrator for the Author role or higher`,
      );
    const avatars = Object.entries(me.avatar_urls ?? {}).sort(([a], [b]) => Number(b) - Number(a));
    return {
      id: String(me.id),
      name: me.name || username,
      username,
      ...(avatars[0] ? { picture: avatars[0][1] } : {}),
      accessToken: password,
      profile: { service: site, apiRoot, login: username, userId: me.id, canPublish: caps.publish_posts !== false },
    };
  }

  /** A refused sign-in is the user's to fix, in WordPress's words, with a hint when the password is not an application password. */
  private connectFailure(e: unknown, password: string): unknown {
    if (!(e instanceof ProviderError) || e.kind === "retry") return e;
    const hint = APP_PASSWORD.test(password.replace(/[^A-Za-z0-9]/g, ""))
      ? ""
      : " (an application password is 24 letters and digits, shown as six groups of four; your login password does not work here)";
    return new ProviderError("bad-body", `${e.message}${hint}`, e.details);
  }

  async post(channel: ChannelAccess, item: PostItem, settings: WordpressSettings, _ctx?: PublishContext): Promise<PublishedItem> {
    return createPost(this, this.site(channel), item, settings);
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return wordpressPostAnalytics(this, this.site(channel), platformPostId, ctx);
  }

  /** The site's categories or tags, for the composer's pickers: ids as values, names (with their parents) as labels. */
  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    const route = field === "categories" ? "/wp/v2/categories" : field === "tags" ? "/wp/v2/tags" : undefined;
    if (!route) throw new ValidationError({ field: `WordPress has no choices for "${field}"; only categories and tags` });
    const site = this.site(channel);
    const terms: WpTerm[] = [];
    // per_page is at most 100; a site with more terms than 10 pages is cut there.
    for (let page = 1; page <= 10; page++) {
      const batch = await wpJson<WpTerm[]>(
        this,
        site,
        route,
        { query: { per_page: 100, page, orderby: "name", order: "asc", _fields: "id,name,parent" } },
        { action: `read the site's ${field}`, ctx },
      );
      terms.push(...batch);
      if (batch.length < 100) break;
    }
    const byId = new Map(terms.map((t) => [t.id, t]));
    const labelOf = (t: WpTerm, depth = 0): string => {
      const parent = t.parent ? byId.get(t.parent) : undefined;
      return parent && depth < 5 ? `${labelOf(parent, depth + 1)} › ${decode(t.name)}` : decode(t.name);
    };
    return terms.map((t) => ({ value: String(t.id), label: labelOf(t) }));
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyWordpressError(body, status);
  }

  private site(channel: ChannelAccess): WpSite {
    const p = channel.profile ?? {};
    const apiRoot =
      typeof p.apiRoot === "string" ? p.apiRoot : `${String(p.service ?? channel.instanceUrl ?? "").replace(/\/+$/, "")}/wp-json/`;
    const login = typeof p.login === "string" ? p.login : (channel.username ?? "");
    return { apiRoot, login, password: channel.accessToken };
  }
}

// Term names come HTML-escaped from the REST API ("News &amp; Views").
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#039": "'", "#8217": "’", "#8211": "–" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#039|#8217|#8211);/g, (_m, e: string) => ENTITIES[e]!);
