import { ProviderError, type HandledError } from "../core/errors";
import { ManifestProvider } from "../core/manifest-provider";
import type {
  AuthenticateParams,
  AuthResult,
  AuthUrlContext,
  ChannelAccess,
  OAuthStart,
  PostItem,
  PublishContext,
  PublishedItem,
  SettingsChoice,
  SocialProvider,
} from "../social.integrations.interface";
import { apiUrl, shotPage } from "./dribbble.api";
import { dribbbleSignIn, dribbbleSignInLink, readUser } from "./dribbble.auth";
import { classifyDribbbleError } from "./dribbble.errors";
import { dribbbleManifest } from "./dribbble.manifest";
import type { DribbbleSettings } from "./dribbble.settings";
import { checkShotImage, shotForm } from "./dribbble.shot";

// Dribbble's publishing API v2 (../shared/platforms/dribbble.md). OAuth without refresh (tokens
// do not expire), so this sits on ManifestProvider with its own sign-in rather than on
// OAuth2Provider, and has no refreshToken(). A post is one shot: POST /v2/shots (multipart)
// answers 202 Accepted with no body and the new shot's API address in Location; its id is that
// address's last segment and its page https://dribbble.com/shots/<id>. Processing is
// asynchronous: the page may show nothing for a few minutes, which the result's warning says.

/** The shot id at the end of Location (https://api.dribbble.com/v2/shots/<id>), or undefined. */
export function shotIdOf(location: string | null): string | undefined {
  if (!location) return undefined;
  let path: string;
  try {
    path = new URL(location, "https://api.dribbble.com").pathname;
  } catch {
    return undefined;
  }
  const m = /\/shots\/(\d+)[^/]*\/?$/.exec(path);
  return m?.[1];
}

export class DribbbleProvider extends ManifestProvider<DribbbleSettings> implements SocialProvider<DribbbleSettings> {
  readonly manifest = dribbbleManifest;

  async generateAuthUrl(ctx: AuthUrlContext): Promise<OAuthStart> {
    return dribbbleSignInLink(ctx, this.scopes);
  }

  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    return dribbbleSignIn(this, params.code, params.redirectUri, (granted) => this.checkScopes(this.scopes, granted));
  }

  /** The teams the user belongs to (GET /v2/user → teams), for the "team" setting. */
  async settingsChoices(channel: ChannelAccess, field: string, _ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "team") return [];
    const me = await readUser(this, channel.accessToken);
    return (me.teams ?? []).map((t) => ({ value: t.id, label: t.name?.trim() || `Team ${t.id}` }));
  }

  async post(channel: ChannelAccess, item: PostItem, settings: DribbbleSettings, ctx?: PublishContext): Promise<PublishedItem> {
    if (!settings?.title?.trim()) throw new ProviderError("bad-body", "A Dribbble shot needs a title");
    const image = checkShotImage(item.media ?? []);
    const res = await this.fetch(
      apiUrl("/shots"),
      { method: "POST", headers: { accept: "application/json" }, body: shotForm(item.text.trim(), image, settings) },
      // No idempotency key and nothing to read back while the shot is processed: one attempt; a lost answer is "unconfirmed".
      { action: "upload the shot", token: channel.accessToken, ctx, idempotent: false, maxRetries: 0, timeoutMs: 120_000 },
    );
    const id = shotIdOf(res.headers.get("location"));
    if (!id)
      throw new ProviderError(
        "bad-body",
        `Dribbble accepted the shot (HTTP ${res.status}) but did not say where it is (no Location header)`,
        {
          status: res.status,
          mayHavePublished: true,
        },
      );
    const warnings = ["Dribbble processes new shots for a few minutes: the link may show nothing until then."];
    if (image.alt?.trim()) warnings.push("Dribbble's API takes no alt text: the image description was not sent.");
    return { id, url: shotPage(id), warnings };
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyDribbbleError(body, status);
  }
}
