import type { PlatformManifest } from "../core/manifest";
import { listmonkSettings, type ListmonkSettings } from "./listmonk.settings";

// Listmonk, the self-hosted newsletter manager (../shared/platforms/listmonk.md), as data the
// browser may load. A post is an email campaign sent to the subscriber lists the user picks.

export const listmonkManifest = {
  identifier: "listmonk",
  name: "Listmonk",
  // Listmonk's logo blue, darkened for white text.
  badge: { text: "Lm", colour: "#0b5394", icon: "listmonk" },
  auth: {
    kind: "fields",
    fields: [
      {
        key: "url",
        label: "Listmonk URL",
        type: "url",
        placeholder: "https://news.example.com",
        help: "The address of your Listmonk server (its root, without /admin)",
      },
      {
        key: "username",
        label: "API user",
        type: "text",
        placeholder: "postmill",
        help: "An API user from Admin → Users (type “API”) whose role may manage and send campaigns and read lists and templates",
      },
      {
        key: "token",
        label: "API token",
        type: "password",
        help: "The token Listmonk showed when the API user was created (servers before v4: the admin password)",
      },
    ],
  },
  // Campaigns go out as content_type "html": the composer's rich text is sanitised to the post
  // profile (headings, links, lists, images, tables), which mail clients render as written.
  editor: "html",
  markup: "post-html",
  counting: "chars",
  // Listmonk sets no body limit (a TEXT column); this is Postmill's own cap on a post's text.
  maxLength: 100_000,
  // A self-hosted server with no documented quota; one campaign at a time keeps its queue calm.
  maxConcurrentJob: 1,
  // API tokens do not expire and cannot be refreshed: a refused one means reconnecting.
  oneTimeToken: true,
  // Images are uploaded to the server's media library and shown above the text. Listmonk sets no
  // size or count limit (its allowed extensions are a server setting); these bounds are ours, sized
  // for email: a few images of a few megabytes at most.
  media: {
    maxItems: 10,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif"], maxBytes: 5 * 1024 * 1024, maxCount: 10 },
    mixKinds: false,
    // Alt text is written as the image's alt attribute, which neither HTML nor Listmonk bounds:
    // no limit is declared (the media library's own ceiling still applies).
  },
  settings: listmonkSettings,
  // Per-campaign views, clicks and bounces (GET /api/campaigns/{id}); no account-wide figures.
  analytics: { account: false, post: true },
  // Each campaign carries a tag made from the publish attempt, so a lost answer is settled by
  // reading recent campaigns back (findPublished) and starting the one found if still a draft.
  publishSafety: "reconcile",
  env: {
    credentials: [],
    // Every user names their own server; an operator override (or the sandbox) pins them all to one.
    hosts: [{ name: "server", envVar: "LISTMONK_SERVER_URL", default: null }],
  },
} satisfies PlatformManifest<ListmonkSettings>;
