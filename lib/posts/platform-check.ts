import { accessFor, refreshHook, type ChannelRow } from "@/lib/channels/tokens";
import type { SocialProvider } from "@/providers/social.integrations.interface";

// Rules only the platform knows, checked when a post is saved to be published (a subreddit's
// required flair, the kinds of post it takes), through the provider's optional checkSettings():
// so the composer's save is refused naming the channel and the setting, instead of the post
// failing at its time. The platform being unreachable is not a refusal: the same rules are
// checked again when the post publishes.

export type PlatformCheck = {
  row: ChannelRow & { name: string };
  provider: SocialProvider;
  settings: unknown;
  items: { text: string; mediaTypes: string[] }[];
};

/** Problems keyed by settings field ("settings.flair"), each naming the channel. */
export async function platformProblems(check: PlatformCheck): Promise<Record<string, string>> {
  const { row, provider } = check;
  if (!provider.checkSettings) return {};
  try {
    const access = await accessFor(row);
    const current = { token: access.accessToken };
    const problems = await provider.checkSettings(access, check.settings, check.items, {
      refreshAccessToken: refreshHook(row.id, current),
      maxWaitMs: 5_000,
    });
    return Object.fromEntries(
      Object.entries(problems).map(([field, message]) => [`settings.${field}`, `${row.name} (${provider.name}): ${message}`]),
    );
  } catch {
    // Unreachable, refusing the token, rate limited: publishing checks again and says why.
    return {};
  }
}
