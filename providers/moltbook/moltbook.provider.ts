import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { ProviderError, type HandledError } from "../core/errors";
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
import { createdFrom } from "./moltbook.answer";
import { MoltbookApi, webBase } from "./moltbook.api";
import { classifyMoltbookError, moltbookText, type MoltbookErrorBody } from "./moltbook.errors";
import { moltbookManifest } from "./moltbook.manifest";
import { submoltChoices } from "./moltbook.submolts";
import type { MoltbookSettings } from "./moltbook.settings";

// Moltbook (../shared/platforms/moltbook.md), connected with the API key of the user's agent. The
// key is the channel's access token: it does not expire and cannot be refreshed, so a refused key
// means "reconnect with the key". Posts go to a submolt with a title and either the text or a link;
// thread items become comments under the post.

const KEY_HELP = "paste the API key Moltbook gave your agent when it registered (it starts with moltbook_)";

const fieldsSchema = z.object({
  apiKey: z
    .string({ error: `The API key is required: ${KEY_HELP}` })
    .trim()
    .min(1, `The API key is required: ${KEY_HELP}`),
});

const me = z.object({
  agent: z.object({
    id: z
      .union([z.string().min(1), z.number()])
      .transform(String)
      .optional(),
    name: z.string().min(1),
    display_name: z.string().nullish(),
    avatar_url: z.string().nullish(),
  }),
});
const status = z.object({ status: z.string().optional() }).passthrough();

const postLink = (id: string) => `${webBase()}/post/${encodeURIComponent(id)}`;

export class MoltbookProvider extends ManifestProvider<MoltbookSettings> implements SocialProvider<MoltbookSettings> {
  readonly manifest = moltbookManifest;

  /** Checks the key live (GET /agents/me), and that the agent is claimed: an unclaimed one cannot post. */
  async connectWithFields(values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }> {
    const parsed = fieldsSchema.safeParse(values);
    if (!parsed.success) throw new ValidationError({ apiKey: parsed.error.issues[0]!.message });
    const { apiKey } = parsed.data;
    const api = new MoltbookApi(this, apiKey);
    const refused = (e: unknown) => {
      throw this.connectFailure(e);
    };
    const profile = me.safeParse(await api.get("/agents/me", "check the agent's API key", { maxRetries: 1 }).catch(refused));
    if (!profile.success) throw new ProviderError("bad-body", "Moltbook's answer named no agent for this key");
    // A server without the status call (404) leaves the claim to be found out at the first post (a 403 there).
    const claimed = await api
      .get("/agents/status", "check the agent is claimed", { maxRetries: 1 })
      .catch((e: unknown) => (e instanceof ProviderError && e.details.status === 404 ? {} : refused(e)));
    const claim = status.safeParse(claimed);
    if (claim.success && claim.data.status === "pending_claim")
      throw new ValidationError({
        apiKey:
          "This agent is not claimed yet: its human must open the claim link Moltbook gave at registration and verify it before the agent can post",
      });
    const a = profile.data.agent;
    return {
      id: a.id ?? a.name,
      name: a.display_name?.trim() || a.name,
      username: a.name,
      ...(a.avatar_url ? { picture: a.avatar_url } : {}),
      accessToken: apiKey,
      profile: { username: a.name },
    };
  }

  /** A refused key is a 422 on the key field in Moltbook's words; nothing is saved. */
  private connectFailure(e: unknown): unknown {
    if (!(e instanceof ProviderError) || (e.details.status !== 401 && e.details.status !== 403)) return e;
    let body: MoltbookErrorBody = {};
    try {
      body = JSON.parse(e.details.body ?? "") as MoltbookErrorBody;
    } catch {
      /* not JSON */
    }
    return new ValidationError({ apiKey: `Moltbook refused this key: ${moltbookText(body, e.details.body ?? "", e.details.status)}` });
  }

  async post(channel: ChannelAccess, item: PostItem, settings: MoltbookSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const text = item.text.trim();
    // Moltbook takes exactly one of content and url ("Post cannot have both content and url").
    if (settings.link && text)
      throw new ProviderError("bad-body", "A Moltbook link post has no text: clear the text, or remove the link to post the text");
    if (!settings.link && !text) throw new ProviderError("bad-body", "Write some text, or set a link to make a link post");
    const body = { submolt: settings.submolt, title: settings.title, ...(settings.link ? { url: settings.link } : { content: item.text }) };
    const answer = await new MoltbookApi(this, channel.accessToken, ctx).post("/posts", body, "create the post");
    return createdFrom(answer, "post", "post", postLink);
  }

  /** Thread items are top-level comments under the post (each answers the post, not the comment before). */
  async comment(
    channel: ChannelAccess,
    item: PostItem,
    _parent: PublishedItem,
    root: PublishedItem,
    _settings: MoltbookSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    const answer = await new MoltbookApi(this, channel.accessToken, ctx).post(
      `/posts/${encodeURIComponent(root.id)}/comments`,
      { content: item.text },
      "add the comment",
    );
    // A comment has no page of its own: it is shown on its post's.
    return createdFrom(answer, "comment", "comment", () => root.url);
  }

  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "submolt") return [];
    return submoltChoices(new MoltbookApi(this, channel.accessToken, ctx));
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyMoltbookError(body, status);
  }
}
