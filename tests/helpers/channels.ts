import { completeConnect, connectWithFields, startConnect } from "@/lib/channels/connect";
import type { Emulator } from "@/emulator/server";
import type { OrgContext } from "@/lib/orgs/context";
import { authorizeInEmulator } from "./emulator";

// Connects an emulated account through the app's own connect flows (OAuth redirect, or the
// Bluesky form), so the channel row is exactly what a user would get.
export async function connectEmulated(
  ctx: OrgContext,
  emu: Emulator,
  provider: "x" | "mastodon" | "bluesky" | "linkedin",
  username: string,
): Promise<string> {
  if (provider === "bluesky") {
    const saved = await connectWithFields(ctx, "bluesky", {
      service: `${emu.url}/bluesky`,
      identifier: `${username}.emulator.test`,
      password: "app-pass-word-emul",
    });
    return saved.id;
  }
  const url = await startConnect(
    ctx,
    provider,
    "http://127.0.0.1:5555",
    provider === "mastodon" ? { instance: `${emu.url}/mastodon` } : {},
  );
  const back = await authorizeInEmulator(emu, url, { username });
  return (await completeConnect(ctx.userId, provider, Object.fromEntries(back.searchParams))).channelId;
}
