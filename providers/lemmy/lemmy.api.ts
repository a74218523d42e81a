import { z } from "zod";
import { ApiSession } from "../core/api-session";
import { ProviderError } from "../core/errors";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, PublishContext } from "../social.integrations.interface";
import { classifyLemmyError } from "./lemmy.errors";

// Calls to one Lemmy instance's HTTP API v3 (../shared/platforms/lemmy.md §1): the login that
// answers a JWT, the site (who is signed in, the instance's rate limits), and a session with
// "Authorization: Bearer <jwt>" for the rest. Each call's errors are read with the instance's
// rate-limit window for that kind of call, since Lemmy sends no rate-limit headers.

export const apiBase = (instance: string) => `${instance.replace(/\/+$/, "")}/api/v3`;

const loginAnswer = z.object({
  jwt: z.string().min(1).nullish(),
  registration_created: z.boolean().optional(),
  verify_email_sent: z.boolean().optional(),
});

/** POST /api/v3/user/login; the JWT, or why there is none. */
export async function login(
  api: SocialAbstract,
  instance: string,
  creds: { username: string; password: string; totp?: string },
): Promise<string> {
  const action = "sign in to Lemmy";
  const res = await api
    .fetch(
      `${apiBase(instance)}/user/login`,
      {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          username_or_email: creds.username,
          password: creds.password,
          ...(creds.totp ? { totp_2fa_token: creds.totp } : {}),
        }),
      },
      // A login makes nothing: never "may have published"; logins are rate limited, so no repeats.
      { action, idempotent: true, maxRetries: 0, classify: (b, s) => classifyLemmyError(b, s) },
    )
    .catch((e: unknown) => {
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  // The answer holds the JWT: never quoted into an error.
  const parsed = loginAnswer.safeParse(parseJsonAnswer(await res.text(), "Lemmy login", action, { status: res.status, secret: true }));
  if (!parsed.success) throw new ProviderError("retry", "Lemmy answered the login in a shape this server cannot read");
  if (!parsed.data.jwt)
    throw new ProviderError(
      "disconnect",
      parsed.data.verify_email_sent
        ? "Lemmy has not verified the account's e-mail address yet: verify it, then connect again"
        : "Lemmy has not approved the account's registration yet: connect again once it is approved",
    );
  return parsed.data.jwt;
}

const windowSchema = z.object({
  post: z.number().optional(),
  post_per_second: z.number().optional(),
  comment: z.number().optional(),
  comment_per_second: z.number().optional(),
});

const site = z.object({
  my_user: z
    .object({
      local_user_view: z.object({
        person: z.object({
          id: z.number(),
          name: z.string(),
          display_name: z.string().nullish(),
          avatar: z.string().nullish(),
          actor_id: z.string().optional(),
        }),
      }),
    })
    .nullish(),
  site_view: z.object({ local_site_rate_limit: windowSchema.partial().nullish() }).partial().optional(),
});
export type LemmySite = z.infer<typeof site>;

/** Default windows (seconds) of 0.19: post 6 per 600 s, comment 6 per 600 s. */
export const DEFAULT_WINDOWS = { post: 600, comment: 600 };

/** GET /api/v3/site with the JWT: the signed-in person and the instance's rate-limit windows. */
export async function readSite(api: SocialAbstract, instance: string, jwt: string) {
  const parsed = site.safeParse(await api.fetchJson(`${apiBase(instance)}/site`, {}, { action: "read the Lemmy account", token: jwt }));
  if (!parsed.success) throw new ProviderError("retry", "Lemmy sent its site details in a shape this server cannot read");
  const person = parsed.data.my_user?.local_user_view.person;
  if (!person) throw new ProviderError("bad-body", "Lemmy did not recognise the session it had just given");
  const limits = parsed.data.site_view?.local_site_rate_limit ?? {};
  // The *_per_second fields hold the window in seconds.
  const windows = { post: limits.post_per_second ?? DEFAULT_WINDOWS.post, comment: limits.comment_per_second ?? DEFAULT_WINDOWS.comment };
  return { person, windows };
}

/** The instance a channel belongs to (stored as profile.service at connection). */
export function instanceOf(channel: { instanceUrl?: string | null; profile?: Record<string, unknown> | null }): string {
  const url = channel.instanceUrl || (channel.profile?.service as string | undefined);
  if (!url) throw new ProviderError("disconnect", "This Lemmy channel has no instance recorded: reconnect it");
  return url;
}

/** The instance's window for posts or comments, in ms (from the channel's profile). */
export function windowMs(channel: ChannelAccess, kind: "post" | "comment"): number {
  const w = (channel.profile?.rateWindows as Record<string, number> | undefined)?.[kind];
  return (typeof w === "number" && w > 0 ? w : DEFAULT_WINDOWS[kind]) * 1000;
}

export const session = (api: SocialAbstract, channel: ChannelAccess, ctx?: PublishContext) =>
  new ApiSession(
    api,
    { base: () => apiBase(instanceOf(channel)), headers: () => ({ accept: "application/json" }) },
    channel.accessToken,
    ctx,
  );
