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
  TokenSet,
} from "../social.integrations.interface";
import { instanceOf, login, readSite, session, windowMs } from "./lemmy.api";
import { classifyLemmyError } from "./lemmy.errors";
import { LEMMY_BODY_MAX, LEMMY_COMMENT_MAX, lemmyManifest } from "./lemmy.manifest";
import { toLemmyMarkdown } from "./lemmy.markdown";
import type { LemmySettings } from "./lemmy.settings";

// Lemmy on any instance, API v3 (../shared/platforms/lemmy.md). The user types the instance,
// username and password (and a 2FA code if enabled); the login's JWT is the access token and the
// password, kept encrypted with the channel's credentials, logs in again when Lemmy stops taking
// the JWT (not_logged_in): refreshToken() below. The channel's identity is (lemmy, instance,
// person id): ids are per instance, so the instance is its server (profile.service).
// A post goes to one community, resolved on the user's instance; follow-ups are comments.

const fieldsSchema = z.object({
  instance: z.string({ error: "Enter your Lemmy instance" }).trim().url("Enter your instance's address, such as https://lemmy.world"),
  username: z.string({ error: "Enter your username or e-mail" }).trim().min(1, "Enter your username or e-mail").max(255),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1000),
  totp: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, "A 2FA code is 6 digits")
    .optional(),
});

/** A marker stored as the refresh token: "log in again with the stored password" (no secret in it). */
const RELOGIN = "lemmy-password-login";

const communityView = z.object({
  community: z.object({ id: z.number(), name: z.string(), title: z.string().nullish(), actor_id: z.string() }),
});
const postView = z.object({
  post: z.object({
    id: z.number(),
    ap_id: z.string().optional(),
    name: z.string().optional(),
    body: z.string().nullish(),
    published: z.string().optional(),
  }),
  counts: z
    .object({ score: z.number().nullish(), upvotes: z.number().nullish(), downvotes: z.number().nullish(), comments: z.number().nullish() })
    .partial()
    .optional(),
});
const commentView = z.object({
  comment: z.object({
    id: z.number(),
    post_id: z.number(),
    content: z.string().optional(),
    ap_id: z.string().optional(),
    published: z.string().optional(),
  }),
});

const hostOfUrl = (u: string) => {
  try {
    return new URL(u).host;
  } catch {
    return "";
  }
};
/** Lemmy's `published` times are UTC, sometimes written without a zone. */
const publishedAt = (s: string | undefined) => (s ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`) : NaN);
const utf16 = (s: string) => s.length;

export class LemmyProvider extends ManifestProvider<LemmySettings> implements SocialProvider<LemmySettings> {
  readonly manifest = lemmyManifest;

  async connectWithFields(values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }> {
    const parsed = fieldsSchema.safeParse(values);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
      throw new ValidationError(fields);
    }
    const { instance, username, password, totp } = parsed.data;
    const service = instance.replace(/\/+$/, "");
    const jwt = await login(this, service, { username, password, totp }).catch((e: unknown) => {
      // At connection, a refused login is the form's to fix, not a channel to flag.
      if (e instanceof ProviderError && e.kind !== "retry") throw new ProviderError("bad-body", e.message, e.details);
      throw e;
    });
    const { person, windows } = await readSite(this, service, jwt);
    return {
      id: String(person.id),
      name: person.display_name?.trim() || person.name,
      username: person.name,
      ...(person.avatar ? { picture: person.avatar } : {}),
      accessToken: jwt,
      refreshToken: RELOGIN,
      profile: { service, personId: person.id, actorId: person.actor_id ?? `${service}/u/${person.name}`, rateWindows: windows },
      // The 2FA code is single use: not kept.
      credentials: { username, password },
    };
  }

  /** Lemmy JWTs have no refresh: a new login with the stored password. */
  async refreshToken(_marker: string, channel: Parameters<NonNullable<SocialProvider["refreshToken"]>>[1]): Promise<TokenSet> {
    const { username, password } = channel.credentials ?? {};
    if (!username || !password) throw new ProviderError("disconnect", "No Lemmy password is stored for this channel: reconnect it");
    const jwt = await login(this, instanceOf(channel), { username, password }).catch((e: unknown) => {
      if (e instanceof ProviderError && e.kind !== "retry") throw new ProviderError("disconnect", e.message, e.details);
      throw e;
    });
    return { accessToken: jwt, refreshToken: RELOGIN };
  }

  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    if (field !== "community") return [];
    const api = session(this, channel, ctx);
    const seen = new Map<string, SettingsChoice>();
    // The communities the account follows, then the instance's local ones.
    for (const type of ["Subscribed", "Local"]) {
      const answer = z
        .object({ communities: z.array(communityView).default([]) })
        .safeParse(await api.get(`/community/list?type_=${type}&sort=TopAll&limit=50`, "list Lemmy communities"));
      if (!answer.success) throw new ProviderError("retry", "Lemmy sent a list of communities this server cannot read");
      for (const { community: c } of answer.data.communities) {
        const value = `${c.name}@${hostOfUrl(c.actor_id)}`;
        if (!seen.has(value)) seen.set(value, { value, label: `${c.title?.trim() || c.name} (!${value})` });
      }
    }
    return [...seen.values()];
  }

  /** The community's id on the user's instance: a number as is, name@host looked up (fetched from its home when new there). */
  private async communityId(api: ReturnType<typeof session>, channel: ChannelAccess, community: string): Promise<number> {
    if (/^\d+$/.test(community)) return Number(community);
    const local = hostOfUrl(instanceOf(channel));
    const name = community.endsWith(`@${local}`) ? community.slice(0, -local.length - 1) : community;
    const found = await api
      .get<unknown>(`/community?name=${encodeURIComponent(name)}`, `find the community ${community}`)
      .catch(async (e: unknown) => {
        if (!(e instanceof ProviderError) || e.kind !== "bad-body" || !community.includes("@")) throw e;
        // Not known on this instance yet: resolve it from its home instance.
        const r = await api.get<{ community?: unknown }>(
          `/resolve_object?q=${encodeURIComponent(`!${community}`)}`,
          `find the community ${community}`,
        );
        return { community_view: r.community };
      });
    const view = z.object({ community_view: communityView }).safeParse(found);
    if (!view.success) throw new ProviderError("bad-body", `Lemmy does not know the community ${community}`, { mayHavePublished: false });
    return view.data.community_view.community.id;
  }

  /** Before scheduling: the community must exist on (or be reachable from) the account's instance. */
  async checkSettings(
    channel: ChannelAccess,
    settings: LemmySettings,
    _items: unknown,
    ctx?: PublishContext,
  ): Promise<Record<string, string>> {
    try {
      await this.communityId(session(this, channel, ctx), channel, settings.community);
      return {};
    } catch (e) {
      if (e instanceof ProviderError && e.kind === "bad-body") return { community: `${settings.community}: ${e.message}` };
      throw e;
    }
  }

  async post(channel: ChannelAccess, item: PostItem, settings: LemmySettings, ctx?: PublishContext): Promise<PublishedItem> {
    const api = session(this, channel, ctx);
    const body = toLemmyMarkdown(item.text);
    if (utf16(body) > LEMMY_BODY_MAX)
      throw new ProviderError("bad-body", `Lemmy post bodies are at most ${LEMMY_BODY_MAX} UTF-16 units`, { mayHavePublished: false });
    const media = item.media ?? [];
    if (media.length && settings.url)
      throw new ProviderError("bad-body", "A Lemmy post has one URL: attach an image or give a link, not both", {
        mayHavePublished: false,
      });
    const communityId = await this.communityId(api, channel, settings.community);
    const image = media[0] ? await this.uploadImage(channel, media[0], ctx) : undefined;
    const answer = z.object({ post_view: postView }).safeParse(
      await api.post(
        "/post",
        {
          name: settings.title,
          community_id: communityId,
          ...(body ? { body } : {}),
          ...(image || settings.url ? { url: image ?? settings.url } : {}),
          ...(image && media[0]!.alt ? { alt_text: media[0]!.alt } : {}),
          ...(settings.nsfw !== undefined ? { nsfw: settings.nsfw } : {}),
        },
        "create the post",
        { idempotent: false, classify: (b, s) => classifyLemmyError(b, s, windowMs(channel, "post")) },
      ),
    );
    if (!answer.success)
      throw new ProviderError("retry", "Lemmy answered the post in a shape this server cannot read", { mayHavePublished: true });
    const p = answer.data.post_view.post;
    return { id: String(p.id), url: `${instanceOf(channel)}/post/${p.id}`, ref: { postId: String(p.id) } };
  }

  /** pict-rs upload (POST /pictrs/image, multipart images[]), answering the image's address on the instance. */
  private async uploadImage(channel: ChannelAccess, m: NonNullable<PostItem["media"]>[number], ctx?: PublishContext): Promise<string> {
    if (!m.bytes) throw new ProviderError("bad-body", "The image has no file content to upload to Lemmy", { mayHavePublished: false });
    const instance = instanceOf(channel);
    const form = new FormData();
    form.append("images[]", new Blob([m.bytes.slice()], { type: m.mimeType }), `image.${m.mimeType.split("/")[1] ?? "bin"}`);
    const answer = z
      .object({ msg: z.string(), files: z.array(z.object({ file: z.string(), delete_token: z.string().optional() })).default([]) })
      .safeParse(
        await this.fetchJson(
          `${instance}/pictrs/image`,
          { method: "POST", body: form },
          {
            action: "upload the image",
            token: channel.accessToken,
            ctx,
            // pict-rs reads the session from the jwt cookie (the Bearer header is sent too, for instances that take it).
            applyToken: (h, t) => {
              h.set("authorization", `Bearer ${t}`);
              h.set("cookie", `jwt=${t}`);
            },
            // A repeated upload leaves an unused image at worst, never a second post.
            idempotent: true,
            maxRetries: 1,
          },
        ),
      );
    if (!answer.success || answer.data.msg !== "ok" || !answer.data.files[0])
      throw new ProviderError("bad-body", `Lemmy's image server refused the image${answer.success ? ` (${answer.data.msg})` : ""}`, {
        mayHavePublished: false,
      });
    return `${instance}/pictrs/image/${answer.data.files[0].file}`;
  }

  async comment(
    channel: ChannelAccess,
    item: PostItem,
    _parent: PublishedItem,
    root: PublishedItem,
    _settings: LemmySettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    const content = toLemmyMarkdown(item.text);
    if (!content) throw new ProviderError("bad-body", "A Lemmy comment needs text", { mayHavePublished: false });
    if (utf16(content) > LEMMY_COMMENT_MAX)
      throw new ProviderError("bad-body", `Lemmy comments are at most ${LEMMY_COMMENT_MAX} UTF-16 units`, { mayHavePublished: false });
    if (item.media?.length) throw new ProviderError("bad-body", "Lemmy comments here are text only", { mayHavePublished: false });
    const api = session(this, channel, ctx);
    const answer = z.object({ comment_view: commentView }).safeParse(
      await api.post("/comment", { content, post_id: Number(root.id) }, "post the comment", {
        idempotent: false,
        classify: (b, s) => classifyLemmyError(b, s, windowMs(channel, "comment")),
      }),
    );
    if (!answer.success)
      throw new ProviderError("retry", "Lemmy answered the comment in a shape this server cannot read", { mayHavePublished: true });
    const c = answer.data.comment_view.comment;
    return { id: String(c.id), url: `${instanceOf(channel)}/comment/${c.id}`, ref: { postId: root.id } };
  }

  /** After a lost answer: this account's post or comment with the same text since `since` (GET /api/v3/user, newest first). */
  async findPublished(
    channel: ChannelAccess,
    item: PostItem,
    opts: { since: Date; parent?: PublishedItem },
    ctx?: PublishContext,
  ): Promise<PublishedItem | null> {
    const api = session(this, channel, ctx);
    const personId = channel.profile?.personId ?? channel.internalId;
    const answer = z
      .object({ posts: z.array(postView).default([]), comments: z.array(commentView).default([]) })
      .safeParse(await api.get(`/user?person_id=${encodeURIComponent(String(personId))}&sort=New&limit=20`, "read back your posts"));
    if (!answer.success) throw new ProviderError("retry", "Lemmy sent your posts in a shape this server cannot read");
    const text = toLemmyMarkdown(item.text).trim();
    const recent = (s: string | undefined) => publishedAt(s) >= opts.since.getTime();
    if (opts.parent) {
      const postId = Number(opts.parent.ref?.postId ?? opts.parent.id);
      const c = answer.data.comments.find(
        (v) => v.comment.post_id === postId && (v.comment.content ?? "").trim() === text && recent(v.comment.published),
      );
      return c
        ? { id: String(c.comment.id), url: `${instanceOf(channel)}/comment/${c.comment.id}`, ref: { postId: String(postId) } }
        : null;
    }
    const p = answer.data.posts.find((v) => (v.post.body ?? "").trim() === text && recent(v.post.published));
    return p ? { id: String(p.post.id), url: `${instanceOf(channel)}/post/${p.post.id}`, ref: { postId: String(p.post.id) } } : null;
  }

  /** §5: the post's score, votes and comments. */
  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    const answer = z
      .object({ post_view: postView })
      .safeParse(await session(this, channel, ctx).get(`/post?id=${encodeURIComponent(platformPostId)}`, "read the post's score"));
    if (!answer.success) throw new ProviderError("retry", "Lemmy sent the post's figures in a shape this server cannot read");
    const counts = answer.data.post_view.counts ?? {};
    return Object.fromEntries(Object.entries(counts).filter((e): e is [string, number] => typeof e[1] === "number"));
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyLemmyError(body, status);
  }
}
