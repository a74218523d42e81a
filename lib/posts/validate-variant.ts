import mime from "mime-types";
import { z } from "zod";
import type { PostItem, SocialProvider } from "@/providers/social.integrations.interface";
import { fieldErrors } from "@/lib/validation";
import { channelLabel } from "@/lib/channels/label";
import { uploadsPublicProblem } from "@/lib/media/public-reach";
import { kindsUnavailable } from "@/lib/media/verified-prefix";
import { checkVariant } from "./variant-rules";

// The server's check of one channel's variant: the same rules the composer runs in the browser
// (variant-rules.ts), with the channel's own limit, file types guessed from names where a URL gave
// none, and the provider's settings schema. Every problem names the channel and the rule.

export type VariantInput = {
  channelName: string;
  /** The handle and, on multi-instance platforms, the server, so messages tell same-named channels apart. */
  username?: string | null;
  instanceUrl?: string | null;
  provider: SocialProvider;
  /** The channel's own profile (e.g. a Mastodon instance's character limit). */
  profile?: Record<string, unknown> | null;
  items: (Omit<PostItem, "media"> & {
    media?: {
      mimeType?: string;
      fileName?: string;
      size?: number;
      alt?: string;
      uploaded?: boolean;
      width?: number | null;
      height?: number | null;
    }[];
  })[];
  settings?: unknown;
};

export function validateVariant(v: VariantInput): Record<string, string> {
  const p = v.provider;
  const rules = {
    name: p.name,
    editor: p.editor,
    threads: p.threads ?? null,
    polls: p.polls ?? null,
    media: p.media,
    counting: p.counting,
    maxLength: p.maxLength({ profile: v.profile }),
    uploadsNotPublic: uploadsPublicProblem(),
    forbiddenCharacters: p.manifest.forbiddenCharacters,
    mediaUnavailable: kindsUnavailable(p.media),
  };
  const items = v.items.map((i) => ({
    ...i,
    media: i.media?.map((m) => ({ ...m, mimeType: m.mimeType || (m.fileName && mime.lookup(m.fileName)) || "" })),
  }));
  const who = channelLabel({ name: v.channelName, providerName: p.name, username: v.username, instanceUrl: v.instanceUrl });
  const out = checkVariant(who, rules, items);
  const settings = p.settings.safeParse(v.settings ?? {});
  if (!settings.success) {
    for (const [k, m] of Object.entries(fieldErrors(missingAsRequired(p.settings, v.settings, settings.error))))
      out[`settings.${k}`] = `${who}: ${m}`;
  }
  return out;
}

/**
 * A required setting left out (or null, as a cleared form field may send it) fails zod's type check ("expected string, received undefined");
 * the user needs the field's name and the rule instead, in the composer's own words.
 */
function missingAsRequired(schema: z.ZodType, input: unknown, error: z.ZodError): z.ZodError {
  const values = (input ?? {}) as Record<string, unknown>;
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  const issues = error.issues.map((issue) => {
    const key = issue.path.length === 1 ? String(issue.path[0]) : undefined;
    if (issue.code !== "invalid_type" || key === undefined || (values[key] !== undefined && values[key] !== null)) return issue;
    return { ...issue, message: `${shape[key]?.meta()?.title ?? key} is required` };
  });
  return new z.ZodError(issues);
}
