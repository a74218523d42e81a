import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator } from "@/tests/helpers/emulator";
import { randomToken } from "@/providers/core/pkce";
import type { ChannelAccess, MediaItem } from "@/providers/social.integrations.interface";
import { XProvider } from "@/providers/x/x.provider";

// Shared by the X test files: connecting an emulator account and small media fixtures.

export const REDIRECT = "http://localhost:3000/api/channels/x/callback";

export async function connectX(emu: Emulator, provider: XProvider, username: string) {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `state-${username}`, codeVerifier: randomToken() });
  const back = await authorizeInEmulator(emu, start.url, { username });
  const auth = await provider.authenticate({
    code: back.searchParams.get("code")!,
    codeVerifier: start.codeVerifier,
    redirectUri: REDIRECT,
  });
  const channel: ChannelAccess = { id: auth.id, internalId: `ch-${auth.id}`, username: auth.username, accessToken: auth.accessToken };
  return { auth, channel };
}

/** A real 1x1 PNG: the emulator sniffs file signatures like X does. */
export const PNG = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"),
);
export const png = (alt?: string): MediaItem => ({ mimeType: "image/png", bytes: PNG, alt });

/** An MP4-shaped file ("ftyp" box) big enough to need several 1 MB parts. */
export function mp4(bytes = 2.5 * 1024 * 1024): MediaItem {
  const b = Buffer.alloc(bytes, 7);
  b.write("\0\0\0\x18ftypmp42", 0, "latin1");
  return { mimeType: "video/mp4", bytes: new Uint8Array(b) };
}

/** A GIF with two frames (two graphic control blocks). */
export function animatedGif(): MediaItem {
  const frame = [0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00];
  return { mimeType: "image/gif", bytes: new Uint8Array([...Buffer.from("GIF89a"), 1, 0, 1, 0, 0, 0, 0, ...frame, ...frame, 0x3b]) };
}
