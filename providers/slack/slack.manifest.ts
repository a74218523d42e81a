import type { PlatformManifest } from "../core/manifest";
import { slackSettings, type SlackSettings } from "./slack.settings";

// Slack through an app's bot (../shared/platforms/slack.md), as data the browser may load.

const MIB = 1024 * 1024;

export const slackManifest = {
  identifier: "slack",
  name: "Slack",
  badge: { text: "Sl", colour: "#4a154b" },
  // §1: OAuth v2 install into a workspace, for a bot token (xoxb-). chat:write posts, channels:read
  // and groups:read list public and private channels for the pick step, channels:join lets the bot
  // join a public channel it is not in, files:write uploads images and videos.
  auth: { kind: "oauth2-pick", scopes: ["chat:write", "channels:read", "groups:read", "files:write", "channels:join"] },
  // §2: the composer's markdown is converted to mrkdwn (slack.mrkdwn.ts).
  editor: "markdown",
  counting: "chars",
  // §3: Slack truncates a message's text past 40,000 characters; checked again after conversion.
  maxLength: 40_000,
  // §3: chat.postMessage allows about one message per second per channel.
  maxConcurrentJob: 1,
  // §1: bot tokens do not expire unless the app turns on token rotation; then they last 12 hours
  // and are renewed with their refresh token (oauth.v2.access, grant_type=refresh_token).
  oneTimeToken: false,
  // §2: follow-ups are replies in the message's thread (thread_ts = the first message's ts).
  threads: { kind: "comments", maxItems: 25 },
  media: {
    // §2: images go up through the external upload flow and are shown in the message as image
    // blocks naming the file (slack_file: png, jpg and gif only; Block Kit image block docs).
    // Slack documents no image size for blocks: 20 MiB and 10 images are this server's caps.
    // Videos (MP4, MOV; Slack's 1 GB file limit) cannot be blocks: the message is posted first
    // and the videos are shared as a reply in its thread (files.completeUploadExternal with
    // channel_id and thread_ts), so readers see the text in the channel and the video under it
    // in the thread ("1 reply"). Images and videos are not mixed in one post.
    maxItems: 10,
    image: { mimeTypes: ["image/png", "image/jpeg", "image/gif"], maxBytes: 20 * MIB, maxCount: 10 },
    video: { mimeTypes: ["video/mp4", "video/quicktime"], maxBytes: 1024 * MIB, maxCount: 10, sharedInThread: true },
    mixKinds: false,
    // files.getUploadURLExternal alt_txt: at most 1,000 characters.
    maxAltTextLength: 1000,
  },
  settings: slackSettings,
  // §5: no message analytics in the Web API.
  analytics: { account: false, post: false },
  // §2: chat.postMessage takes no idempotency key, and reading the channel back needs a history
  // scope this app does not ask for: a lost answer is marked unconfirmed for the user to check.
  publishSafety: "unconfirmed",
  env: {
    credentials: ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"],
    hosts: [
      // The install page (/oauth/v2/authorize).
      { name: "web", envVar: "SLACK_WEB_URL", default: "https://slack.com" },
      // The Web API: https://slack.com/api/<method>.
      { name: "api", envVar: "SLACK_API_URL", default: "https://slack.com/api" },
    ],
  },
} satisfies PlatformManifest<SlackSettings>;
