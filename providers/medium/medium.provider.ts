import { ValidationError } from "@/lib/errors";
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
} from "../social.integrations.interface";
import { mediumGet, mediumPost } from "./medium.api";
import { storyMarkdown } from "./medium.content";
import { classifyMediumError } from "./medium.errors";
import { mediumManifest } from "./medium.manifest";
import { uploadImages } from "./medium.media";
import { roleIn, writablePublications } from "./medium.publications";
import type { MediumSettings } from "./medium.settings";

// Medium through its legacy v1 API, with the integration token a user made in Medium's settings
// (../shared/platforms/medium.md). Medium's README says the first call should be GET /v1/me: it
// checks the token and gives the user id every post is created under. Tokens never expire and
// cannot be refreshed, so this provider has no refreshToken().

type MediumUser = { id?: unknown; username?: unknown; name?: unknown; url?: unknown; imageUrl?: unknown };
type MediumPost = { id?: unknown; url?: unknown; publishStatus?: unknown };

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

export class MediumProvider extends ManifestProvider<MediumSettings> implements SocialProvider<MediumSettings> {
  readonly manifest = mediumManifest;

  async connectWithFields(values: Record<string, string>): Promise<AuthResult> {
    const token = (values.token ?? "").trim();
    if (!token) throw new ValidationError({ token: "Enter your Medium integration token (Medium settings → Security and apps)" });
    if (/\s/.test(token)) throw new ValidationError({ token: "An integration token has no spaces; copy it again from Medium's settings" });
    const me = await mediumGet<MediumUser>(this, token, "/me", { action: "check the integration token", maxRetries: 1 }).catch((e) => {
      // A refused token is the user's input to fix, in Medium's words; Medium being down is not.
      if (e instanceof ProviderError && e.kind !== "retry") throw new ValidationError({ token: e.message });
      throw e;
    });
    const id = str(me.id);
    if (!id) throw new ProviderError("retry", "Medium did not say which account this token belongs to");
    const username = str(me.username);
    const picture = str(me.imageUrl);
    const url = str(me.url);
    return {
      id,
      name: str(me.name) ?? username ?? id,
      ...(username ? { username } : {}),
      ...(picture ? { picture } : {}),
      accessToken: token,
      ...(url ? { profile: { url } } : {}),
    };
  }

  async post(channel: ChannelAccess, item: PostItem, settings: MediumSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const title = settings?.title?.trim();
    if (!title) throw new ProviderError("bad-body", "Medium needs a title for the story: set one in the Medium settings of the post");
    const token = channel.accessToken;
    const warnings: string[] = [];
    let publishStatus = settings.publishStatus ?? "public";

    // Checked before anything is uploaded, whatever the status: a publication the user neither
    // writes nor edits for refuses the story (403) only after the images went up, and a writer's
    // story can only be a draft.
    const publication = settings.publication;
    if (publication) {
      const role = await roleIn(this, token, publication, channel.internalId, ctx);
      if (!role) throw new ProviderError("bad-body", "This Medium account is not a writer or editor of the chosen publication");
      if (role === "writer" && publishStatus !== "draft") {
        publishStatus = "draft";
        warnings.push(
          "Medium lets a publication's writers submit drafts only: the story waits for an editor of the publication to publish it.",
        );
      }
    }

    const images = await uploadImages(this, token, item.media ?? [], ctx);
    const body = {
      title,
      contentFormat: "markdown",
      content: storyMarkdown(item.text, title, images),
      publishStatus,
      ...(settings.tags?.length ? { tags: settings.tags } : {}),
      ...(settings.canonicalUrl ? { canonicalUrl: settings.canonicalUrl } : {}),
      ...(settings.license ? { license: settings.license } : {}),
      ...(settings.notifyFollowers !== undefined ? { notifyFollowers: settings.notifyFollowers } : {}),
    };
    const path = publication
      ? `/publications/${encodeURIComponent(publication)}/posts`
      : `/users/${encodeURIComponent(channel.internalId)}/posts`;
    const created = await mediumPost<MediumPost>(this, token, path, JSON.stringify(body), {
      action: "create the story",
      contentType: "application/json",
      ctx,
      // No idempotency key and no way to read one's stories back: a lost answer is never repeated.
      idempotent: false,
    });
    const id = str(created.id);
    const url = str(created.url);
    if (!id || !url)
      throw new ProviderError("retry", "Medium created the story but did not return its id and address", { mayHavePublished: true });
    return { id, url, ...(warnings.length ? { warnings } : {}) };
  }

  /** The composer's choices for a "channel" settings field: the publications this account writes for. */
  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "publication") return [];
    const pubs = await writablePublications(this, channel.accessToken, channel.internalId, ctx);
    return pubs.map((p) => ({ value: p.id, label: p.role === "writer" ? `${p.name} (drafts only)` : p.name }));
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyMediumError(body, status);
  }
}
