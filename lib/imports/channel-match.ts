import { channelAddress, channelHandle, channelLabel } from "@/lib/channels/label";

// A channel as a CSV names it: its id, its handle ("@brand", "brand@mastodon.example"), or its
// display name, optionally behind its platform ("x:@brand", "Mastodon:Brand") to tell apart
// accounts that share a name. Only the organization's own channels are candidates, so another
// organization's id is simply unknown. A name that fits several channels is refused naming them.

export type ImportChannel = {
  id: string;
  provider: string;
  providerName: string;
  name: string;
  username: string | null;
  instanceUrl: string | null;
};

export type ChannelMatch = { channel: ImportChannel } | { error: string };

const fold = (s: string) => s.trim().replace(/^@/, "").toLowerCase();

const labelOf = (c: ImportChannel) =>
  `${channelLabel({ name: c.name, providerName: c.providerName, username: c.username, instanceUrl: c.instanceUrl })} [${c.id}]`;

/** The platform a prefix or a column names ("x", "X", "mastodon", "LinkedIn Page"), among those given. */
export function platformNamed(ref: string, platforms: { id: string; name: string }[]): string | undefined {
  const r = ref.trim().toLowerCase();
  return platforms.find((p) => p.id.toLowerCase() === r || p.name.toLowerCase() === r)?.id;
}

function handlesOf(c: ImportChannel): string[] {
  const out = [c.username, channelHandle(c), channelAddress(c)].filter((h): h is string => !!h).map(fold);
  return [...new Set(out)];
}

export function matchChannel(raw: string, channels: ImportChannel[]): ChannelMatch {
  // The template writes a name that starts like a formula with a leading apostrophe (template.ts).
  const ref = raw.trim().replace(/^'(?=[=+\-@\t\r])/, "");
  if (!ref) return { error: "a channel name is empty; separate channels with |" };
  const byId = channels.find((c) => c.id === ref);
  if (byId) return { channel: byId };
  let pool = channels;
  let wanted = ref;
  const colon = ref.indexOf(":");
  if (colon > 0) {
    const platform = platformNamed(
      ref.slice(0, colon),
      channels.map((c) => ({ id: c.provider, name: c.providerName })),
    );
    if (platform) {
      pool = channels.filter((c) => c.provider === platform);
      wanted = ref.slice(colon + 1);
    }
  }
  const key = fold(wanted);
  // A handle of one channel and the display name of another are as ambiguous as two handles.
  const name = wanted.trim().toLowerCase();
  const found = pool.filter((c) => handlesOf(c).includes(key) || c.name.trim().toLowerCase() === name);
  if (found.length === 1) return { channel: found[0]! };
  if (found.length > 1)
    return {
      error: `"${ref}" could be ${found.length} channels: ${found.map(labelOf).join("; ")}; write the channel's id or platform:handle instead`,
    };
  return { error: `no channel "${ref}" in this organization; use a channel's id, handle or name from the template` };
}
