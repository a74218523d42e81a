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
import { devtoPostAnalytics } from "./devto.analytics";
import { ForemApi } from "./devto.api";
import { withPublicMedia } from "../core/public-media";
import { createArticle, NO_COVER_ADDRESS } from "./devto.article";
import { classifyDevtoError, parseForemError } from "./devto.errors";
import { devtoManifest } from "./devto.manifest";
import { organizationChoices } from "./devto.organizations";
import { findArticle } from "./devto.reconcile";
import type { DevtoSettings } from "./devto.settings";

// DEV (dev.to) or another Forem community, connected with an API key the user generates in its
// settings. The key is the channel's access token: it does not expire and cannot be refreshed, so
// a refused key means "reconnect with a new one".

const defaultSite = () => hostOf(devtoManifest, "api");

const fieldsSchema = z.object({
  site: z
    .string()
    .trim()
    .transform((s) => (s || defaultSite()).replace(/\/+$/, ""))
    .pipe(z.url({ protocol: /^https?$/, error: "The community must be an http(s) address, such as https://dev.to" })),
  apiKey: z
    .string({ error: "The API key is required" })
    .trim()
    .min(1, "Enter an API key (DEV: Settings → Extensions → DEV Community API Keys → Generate API Key)"),
});

const me = z.object({
  id: z.number().int(),
  username: z.string().min(1),
  name: z.string().nullish(),
  profile_image: z.string().nullish(),
});

const notForem = (site: string) => `${site} did not answer like a DEV (Forem) community: check the address, or leave it as https://dev.to`;

export class DevtoProvider extends ManifestProvider<DevtoSettings> implements SocialProvider<DevtoSettings> {
  readonly manifest = devtoManifest;

  async connectWithFields(values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }> {
    const parsed = fieldsSchema.safeParse(values);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
      throw new ValidationError(fields);
    }
    const { site, apiKey } = parsed.data;
    const answer = await new ForemApi(this, site, apiKey).get("/users/me", "check the API key", { maxRetries: 1 }).catch((e) => {
      throw this.connectFailure(e, site);
    });
    const user = me.safeParse(answer);
    if (!user.success) throw new ValidationError({ site: notForem(site) });
    const u = user.data;
    return {
      id: String(u.id),
      name: u.name?.trim() || u.username,
      username: u.username,
      ...(u.profile_image ? { picture: u.profile_image } : {}),
      accessToken: apiKey,
      profile: { service: site, username: u.username },
    };
  }

  /** A refused key or an address that is no Forem community: the field to fix, nothing saved. */
  private connectFailure(e: unknown, site: string): unknown {
    if (!(e instanceof ProviderError)) return e;
    const status = e.details.status;
    if (status === 401) {
      const said = parseForemError(e.details.body ?? "").error ?? "unauthorized";
      return new ValidationError({ apiKey: `DEV refused this API key (${said}); generate a new one in DEV's settings` });
    }
    // A 404, or a success that is not JSON (a web page): the address is not a Forem API.
    if (status === 404 || (status !== undefined && status < 300)) return new ValidationError({ site: notForem(site) });
    return e;
  }

  async post(channel: ChannelAccess, item: PostItem, settings: DevtoSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return createArticle(this.api(channel, ctx), await withPublicMedia(item, ctx, NO_COVER_ADDRESS), settings);
  }

  findPublished(channel: ChannelAccess, item: PostItem, opts: { since: Date }, ctx?: PublishContext): Promise<PublishedItem | null> {
    return findArticle(this.api(channel, ctx), item, opts.since);
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return devtoPostAnalytics(this.api(channel, ctx), platformPostId, ctx);
  }

  /** Choices of the settings fields marked `choices: "channel"` (the organization to post under). */
  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "organization") return [];
    return organizationChoices(this.api(channel, ctx));
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyDevtoError(body, status);
  }

  private api(channel: ChannelAccess, ctx?: PublishContext): ForemApi {
    const fromProfile = channel.profile?.service;
    const site = channel.instanceUrl || (typeof fromProfile === "string" && fromProfile) || defaultSite();
    return new ForemApi(this, site.replace(/\/+$/, ""), channel.accessToken, ctx);
  }
}
