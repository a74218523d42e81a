import { ValidationError } from "@/lib/errors";
import { normalizeServerUrl } from "@/lib/net/public-url";
import type { HandledError } from "../core/errors";
import { ProviderError } from "../core/errors";
import { ManifestProvider } from "../core/manifest-provider";
import type {
  AuthResult,
  ChannelAccess,
  PostItem,
  PublishContext,
  PublishedItem,
  SettingsChoice,
  SocialProvider,
  TokenSet,
} from "../social.integrations.interface";
import { adminCall, adminUrl, channelSite, siteBase } from "./ghost.api";
import { classifyGhostError } from "./ghost.errors";
import { adminToken, parseAdminKey, TOKEN_LIFETIME_SECONDS, type AdminKey } from "./ghost.key";
import { ghostManifest } from "./ghost.manifest";
import { createPost } from "./ghost.post";
import type { GhostSettings } from "./ghost.settings";

// Ghost, any site, connected with a custom integration's Admin API key. The key is kept encrypted
// as the channel's credentials; the access token is a 5-minute JWT made from it, so "refreshing"
// is signing a new one locally (no call to Ghost), which the kit does before every publish.

type Site = { site?: { title?: string; url?: string; icon?: string | null; logo?: string | null; version?: string } };
type Newsletters = { newsletters?: { slug?: string; name?: string; status?: string }[] };

/** "blog.example.com" or "example.com/blog": the site as people name it. */
const hostPath = (url: string) => {
  const u = new URL(url);
  return `${u.host}${u.pathname.replace(/\/+$/, "")}`;
};
const absolute = (site: string, path?: string | null) => (path ? new URL(path, `${site}/`).toString() : undefined);

export class GhostProvider extends ManifestProvider<GhostSettings> implements SocialProvider<GhostSettings> {
  readonly manifest = ghostManifest;

  /** Reads the site (public), then proves the key with an authenticated read; nothing is saved on refusal. */
  async connectWithFields(values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }> {
    const problems: Record<string, string> = {};
    let site = "";
    try {
      site = siteBase(normalizeServerUrl(values.url ?? "", "url"));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.url = e.fields.url ?? e.message;
    }
    const key = parseAdminKey(values.apiKey ?? "");
    if ("problem" in key) problems.apiKey = key.problem;
    if (Object.keys(problems).length) throw new ValidationError(problems);
    const adminKey = key as AdminKey;

    const info = await adminCall<Site>(this, adminUrl(site, "site/"), {}, { action: "read the site", maxRetries: 1 }).catch((e) => {
      throw refusal(e, "url", `${site} does not answer as a Ghost site (GET /ghost/api/admin/site/)`);
    });
    if (!URL.canParse(info.site?.url ?? ""))
      throw new ValidationError({ url: `${site} does not answer as a Ghost site (no site in /ghost/api/admin/site/)` });

    // /site/ is public and /users/me/ needs a staff user (an integration has none): reading one
    // post is the cheapest call that only a valid Admin API key may make.
    const token = adminToken(adminKey);
    await adminCall(this, adminUrl(site, "posts/", { limit: "1", fields: "id" }), {}, { action: "check the Admin API key", token }).catch(
      (e) => {
        throw refusal(e, "apiKey", "Ghost refused the Admin API key");
      },
    );
    const s = info.site!;
    const picture = absolute(site, s.icon || s.logo);
    return {
      id: s.url!,
      name: s.title?.trim() || hostPath(s.url!),
      username: hostPath(s.url!),
      ...(picture ? { picture } : {}),
      accessToken: token,
      // Not a secret: the key's id (every token's `kid`), naming the key that signs new tokens.
      refreshToken: adminKey.id,
      expiresIn: TOKEN_LIFETIME_SECONDS,
      profile: { service: site, siteUrl: s.url, ...(s.version ? { version: s.version } : {}) },
      credentials: { apiKey: `${adminKey.id}:${adminKey.secret}` },
    };
  }

  /** A new token signed with the stored key; Ghost is not called (a revoked key shows on the next call). */
  async refreshToken(keyId: string, channel: { credentials?: Record<string, string> }): Promise<TokenSet> {
    const key = parseAdminKey(channel.credentials?.apiKey ?? "");
    if ("problem" in key || key.id !== keyId)
      throw new ProviderError(
        "disconnect",
        "The stored Ghost Admin API key is missing or unreadable; reconnect the site with its Admin API key",
      );
    return { accessToken: adminToken(key), refreshToken: key.id, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  async post(channel: ChannelAccess, item: PostItem, settings: GhostSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return createPost(this, channelSite(channel), channel.accessToken, item, settings, ctx);
  }

  /** The site's active newsletters, for the "Send as newsletter" setting (its value is the slug Ghost's `newsletter` takes). */
  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "newsletter") throw new ProviderError("bad-body", `Ghost has no choices for the setting "${field}"`);
    const url = adminUrl(channelSite(channel), "newsletters/", { limit: "all", filter: "status:active" });
    const answer = await adminCall<Newsletters>(this, url, {}, { action: "read the newsletters", token: channel.accessToken, ctx });
    return (answer.newsletters ?? [])
      .filter((n) => n.slug && (n.status ?? "active") === "active")
      .map((n) => ({ value: n.slug!, label: n.name?.trim() || n.slug! }));
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyGhostError(body, status);
  }
}

/** A connect-time refusal as a field error with Ghost's own words; a Ghost that is down stays a 5xx. */
function refusal(e: unknown, field: string, lead: string): unknown {
  if (!(e instanceof ProviderError) || e.kind === "retry" || e.details.transport) return e;
  return new ValidationError({ [field]: `${lead}: ${e.message}` });
}
