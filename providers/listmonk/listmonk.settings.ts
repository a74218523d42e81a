import { z } from "zod";

// A Listmonk post is an email campaign: the subject and the subscriber lists are required by
// Listmonk (validateCampaignFields: subject 1–5,000 characters, at least one list); the template,
// sender, server-side schedule and public archive are optional. Lists and templates are picked
// from the channel's own server (settingsChoices in listmonk.choices.ts), so their values are
// Listmonk's ids.

const ID = /^[1-9]\d{0,9}$/;
// Listmonk takes "Name <address>" or a bare address (campaigns.fieldInvalidFromEmail otherwise).
const FROM = /^(?:[^<>]+\s<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

export const listmonkSettings = z
  .object({
    subject: z
      .string({ error: "Subject is required: the email's subject line" })
      .trim()
      .min(1, { error: "Subject is required: the email's subject line" })
      .max(5000, { error: "Subject must be at most 5,000 characters" })
      .meta({ title: "Subject", description: "The subject line subscribers see in their inbox." }),
    lists: z
      .array(z.string().regex(ID, { error: "Lists: each entry must be a Listmonk list id" }), {
        error: "Lists are required: pick at least one subscriber list",
      })
      .min(1, { error: "Lists are required: pick at least one subscriber list" })
      .max(100, { error: "Lists: at most 100 lists per campaign" })
      .meta({ title: "Lists", description: "The subscriber lists the campaign is sent to.", choices: "channel" }),
    template: z.string().regex(ID, { error: "Template must be a Listmonk campaign template id" }).optional().meta({
      title: "Template",
      description: "The campaign template that wraps the text.",
      choices: "channel",
      emptyLabel: "The server's default template",
    }),
    fromEmail: z
      .string()
      .trim()
      .max(2000, { error: "From address must be at most 2,000 characters" })
      .regex(FROM, { error: "From address must be an email address or Name <address>" })
      .optional()
      .meta({ title: "From address", description: "Leave empty to use the server's default sender." }),
    sendAt: z.iso.datetime({ offset: true, error: "Send at must be a date and time such as 2026-09-01T10:00:00Z" }).optional().meta({
      title: "Send at (scheduled on Listmonk)",
      description: "Leave empty to start sending when the post is published; otherwise Listmonk holds the campaign until then.",
    }),
    archive: z
      .boolean({ error: "Public archive must be true or false" })
      .optional()
      .meta({ title: "Publish to the public archive", description: "Also shows the campaign on the server's public archive page." }),
  })
  .meta({ title: "Listmonk settings" });

export type ListmonkSettings = z.infer<typeof listmonkSettings>;
