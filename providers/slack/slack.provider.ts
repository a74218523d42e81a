import { z } from "zod";
import { ProviderError, type HandledError } from "../core/errors";
import { appCredentials, hostOf } from "../core/hosts";
import { parseJsonAnswer } from "../core/json";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import type {
  AuthResult,
  ChannelAccess,
  Page,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
} from "../social.integrations.interface";
import { classifySlackError, classifySlackTokenError } from "./slack.errors";
import { shareInThread, uploadImages, uploadVideos, type UploadedFile } from "./slack.files";
import { slackManifest } from "./slack.manifest";
import { toMrkdwn } from "./slack.mrkdwn";
import { SlackSession, slackErrorOf, slackMethodUrl } from "./slack.session";
import type { SlackSettings } from "./slack.settings";

// Slack through an app's bot (../shared/platforms/slack.md). Connecting installs the app into a
// workspace (OAuth v2, a bot token) and picks one of its channels; a public channel the bot is not
// in is joined (conversations.join). A post is one chat.postMessage in mrkdwn (slack.mrkdwn.ts),
// its images uploaded first (slack.files.ts) and shown as image blocks, or its videos uploaded
// first and shared in its thread once its ts is known; follow-ups are replies in its thread
// (thread_ts); the link is chat.getPermalink's.

const SECTION_MAX = 3000;
const BLOCKS_MAX = 50;

const tokenAnswer = z.object({
  ok: z.literal(true),
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  scope: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().optional(),
});
const identity = z.object({ team_id: z.string().min(1), team: z.string().optional(), url: z.string().optional() });
const conversation = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  is_private: z.boolean().optional(),
  is_member: z.boolean().optional(),
  is_archived: z.boolean().optional(),
});
const listPage = z.object({
  channels: z.array(conversation).default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});
const posted = z.object({ ts: z.string().min(1), channel: z.string().optional() });

/** Enough pages for a large workspace (1,000 channels each is too many for one answer, Slack recommends ≤200). */
const MAX_PAGES = 25;

/** mrkdwn split into section texts of at most 3,000 characters, at line ends where it can. */
export function sections(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while ([...rest].length > SECTION_MAX) {
    const head = [...rest].slice(0, SECTION_MAX).join("");
    const cut = head.lastIndexOf("\n") > SECTION_MAX / 2 ? head.lastIndexOf("\n") : head.length;
    out.push(head.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  if (rest.trim()) out.push(rest);
  return out;
}

export class SlackProvider extends OAuth2Provider<SlackSettings> implements SocialProvider<SlackSettings> {
  readonly manifest = slackManifest;

  protected oauth: OAuth2Config = {
    authorizeUrl: () => `${hostOf(slackManifest, "web")}/oauth/v2/authorize`,
    tokenUrl: () => slackMethodUrl("oauth.v2.access"),
    credentialsPrefix: "slack",
    pkce: false,
    clientAuth: "body",
    // §1: Slack's scope list is comma-separated.
    scopeSeparator: ",",
  };

  /** oauth.v2.access answers its refusals with HTTP 200 {"ok": false, "error"}, which the shared token call would take for a token. */
  protected async tokenRequest(form: Record<string, string>): Promise<TokenResponse> {
    const { clientId, clientSecret } = appCredentials("slack");
    const action = form.grant_type === "refresh_token" ? "renew the Slack token" : "finish installing the Slack app";
    const res = await this.fetch(
      this.oauth.tokenUrl(),
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...form, client_id: clientId, client_secret: clientSecret }),
      },
      { action, idempotent: false, maxRetries: 0, classify: classifySlackTokenError },
    ).catch((e: unknown) => {
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
    const text = await res.text();
    const body = parseJsonAnswer<Record<string, unknown>>(text, "Slack token endpoint", action, { status: res.status, secret: true });
    if (body?.ok === false) {
      const h = classifySlackTokenError(JSON.stringify({ ok: false, error: body.error }), res.status);
      throw new ProviderError(h.kind, h.message, { status: res.status, retryAfterMs: h.retryAfterMs });
    }
    const parsed = tokenAnswer.safeParse(body);
    if (!parsed.success) throw new ProviderError("retry", "Slack sent a token answer without an access token", { status: res.status });
    const t = parsed.data;
    return {
      access_token: t.access_token,
      token_type: t.token_type,
      scope: t.scope,
      expires_in: t.expires_in,
      refresh_token: t.refresh_token,
    };
  }

  /** The workspace the bot was installed in (auth.test), left pending for the channel pick. */
  protected async profile(accessToken: string): Promise<Omit<AuthResult, "accessToken">> {
    const me = identity.safeParse(
      await new SlackSession(this, accessToken).call("auth.test", { form: {} }, { action: "read the workspace", idempotent: true }),
    );
    if (!me.success) throw new ProviderError("retry", "Slack did not say which workspace the app was installed in");
    const name = me.data.team?.trim() || me.data.team_id;
    return {
      id: me.data.team_id,
      name,
      profile: { teamId: me.data.team_id, teamName: name, url: me.data.url ?? null },
      needsPagePick: true,
    };
  }

  private teamName(channel: ChannelAccess): string {
    const n = channel.profile?.teamName;
    return typeof n === "string" ? n : "Slack";
  }

  private asPage(c: z.infer<typeof conversation>, team: string): Page {
    return { id: c.id, name: `${c.is_private ? "🔒" : "#"}${c.name ?? c.id} (${team})`, username: c.name };
  }

  /** Public and private channels, not archived, page by page (cursor) until next_cursor is empty. */
  async pages(channel: ChannelAccess): Promise<Page[]> {
    const session = new SlackSession(this, channel.accessToken);
    const pages: Page[] = [];
    let cursor = "";
    for (let n = 0; n < MAX_PAGES; n++) {
      const answer = listPage.safeParse(
        await session.call(
          "conversations.list",
          { query: { types: "public_channel,private_channel", exclude_archived: "true", limit: "200", ...(cursor ? { cursor } : {}) } },
          { action: "list the workspace's channels" },
        ),
      );
      if (!answer.success) throw new ProviderError("retry", "Slack sent a list of channels this server cannot read");
      pages.push(...answer.data.channels.filter((c) => !c.is_archived).map((c) => this.asPage(c, this.teamName(channel))));
      cursor = answer.data.response_metadata?.next_cursor ?? "";
      if (!cursor) break;
    }
    return pages;
  }

  /** The picked channel; a public one the bot is not in is joined now, a private one needs an invitation. */
  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    const session = new SlackSession(this, channel.accessToken);
    const info = conversation.safeParse(
      (await session.call("conversations.info", { query: { channel: pageId } }, { action: "read the channel" })).channel,
    );
    if (!info.success) throw new ProviderError("retry", "Slack sent a channel this server cannot read");
    if (info.data.is_archived) throw new ProviderError("bad-body", "That Slack channel is archived");
    if (!info.data.is_member) {
      if (info.data.is_private)
        throw new ProviderError("bad-body", "The bot is not in that private channel: invite it there with /invite, then pick it again");
      await this.join(session, pageId);
    }
    return this.asPage(info.data, this.teamName(channel));
  }

  private async join(session: SlackSession, channelId: string): Promise<void> {
    await session.call("conversations.join", { json: { channel: channelId } }, { action: "join the channel", idempotent: true });
  }

  private async send(channel: ChannelAccess, item: PostItem, settings: SlackSettings, threadTs: string | undefined, ctx?: PublishContext) {
    const session = new SlackSession(this, channel.accessToken, ctx);
    const text = toMrkdwn(item.text);
    if ([...text].length > slackManifest.maxLength)
      throw new ProviderError("bad-body", `In Slack's mrkdwn this message is ${[...text].length} characters; Slack takes at most 40,000`);
    const media = item.media ?? [];
    const videoMedia = media.filter((m) => m.mimeType.startsWith("video/"));
    if (videoMedia.length && videoMedia.length !== media.length)
      throw new ProviderError("bad-body", "A Slack post here takes images or videos, not both");
    if (!text && !media.length) throw new ProviderError("bad-body", "A Slack message needs text, an image or a video");
    // Uploaded before anything is posted: a refused file leaves no message behind.
    const videos: UploadedFile[] = videoMedia.length ? await uploadVideos(this, session, videoMedia) : [];
    const images: UploadedFile[] = media.length && !videos.length ? await uploadImages(this, session, media) : [];
    let blocks: unknown[] | undefined;
    if (images.length) {
      blocks = [
        ...sections(text).map((t) => ({ type: "section", text: { type: "mrkdwn", text: t } })),
        ...images.map((img, i) => ({ type: "image", slack_file: { id: img.id }, alt_text: img.alt || `Image ${i + 1}` })),
      ];
      if (blocks.length > BLOCKS_MAX)
        throw new ProviderError("bad-body", "This text and these images make more than the 50 blocks a Slack message holds");
    }
    const message = {
      channel: channel.internalId,
      // Always a text: the notification and screen-reader version when there are blocks (chat.postMessage);
      // a video-only post says where its video is.
      text: text || (videos.length ? `${videos.length === 1 ? "Video" : "Videos"} in the thread` : "Image"),
      mrkdwn: true,
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs, ...(settings?.broadcastReplies ? { reply_broadcast: true } : {}) } : {}),
      ...(settings?.unfurlLinks !== undefined ? { unfurl_links: settings.unfurlLinks } : {}),
    };
    const postMessage = () => session.call("chat.postMessage", { json: message }, { action: "post the message", idempotent: false });
    const answer = await postMessage().catch(async (e: unknown) => {
      // A public channel the bot left (or never joined): join it, then post (the refusal made nothing).
      if (slackErrorOf(e) !== "not_in_channel") throw e;
      await this.join(session, channel.internalId).catch(() => {
        throw e;
      });
      return postMessage();
    });
    const ts = posted.safeParse(answer);
    if (!ts.success) throw new ProviderError("retry", "Slack did not return the new message's ts", { mayHavePublished: true });
    const link = await session
      .call("chat.getPermalink", { query: { channel: channel.internalId, message_ts: ts.data.ts } }, { action: "read the message's link" })
      .then((a) => (typeof a.permalink === "string" ? a.permalink : undefined))
      .catch(() => undefined);
    const warnings = link ? [] : ["Slack did not give the message's link; the channel's is stored instead."];
    if (videos.length) {
      // The message stands whatever happens next; a refused share is said, never retried by posting again.
      const problem = await shareInThread(session, videos, channel.internalId, threadTs ?? ts.data.ts).then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      if (problem) warnings.push(`The message was posted but Slack did not share its video in the thread: ${problem}`);
    }
    return { id: ts.data.ts, url: link ?? this.channelUrl(channel), ...(warnings.length ? { warnings } : {}) };
  }

  private channelUrl(channel: ChannelAccess): string {
    const base = typeof channel.profile?.url === "string" ? channel.profile.url.replace(/\/+$/, "") : hostOf(slackManifest, "web");
    return `${base}/archives/${encodeURIComponent(channel.internalId)}`;
  }

  async post(channel: ChannelAccess, item: PostItem, settings: SlackSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const sent = await this.send(channel, item, settings, undefined, ctx);
    return { ...sent, ref: { channel: channel.internalId } };
  }

  /** Follow-ups are replies in the first message's thread: thread_ts is always the parent's, never a reply's. */
  async comment(
    channel: ChannelAccess,
    item: PostItem,
    _parent: PublishedItem,
    root: PublishedItem,
    settings: SlackSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    const sent = await this.send(channel, item, settings, root.id, ctx);
    return { ...sent, ref: { channel: channel.internalId, thread: root.id } };
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifySlackError(body, status);
  }
}
