import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, vi } from "vitest";
import emulator from "@/emulator/platforms/facebook";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import { FacebookProvider } from "@/providers/facebook/facebook.provider";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";
import { png } from "@/tests/helpers/media-bytes";

// What the Facebook provider tests share: the provider, the emulator (written from Meta's docs) and
// a file server for media by URL, started once per test file by withFacebookEmulator(), and the
// sign-in and channel helpers.

export const provider = new FacebookProvider();
/** The running emulator and file server of the current test file. */
export const fb = { emu: undefined as unknown as Emulator, filesUrl: "" };
let files: Server;
let n = 0;
export const REDIRECT = "http://127.0.0.1:5555/api/integrations/facebook/callback";
export const PIC = png(64, 48);
// An ISO media header ("ftyp") is what makes the bytes a video to the emulator's fetch.
export const CLIP = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypmp42"), Buffer.alloc(2000)]);

export async function signIn(username = `fb_user${++n}`, dropScopes: string[] = []): Promise<AuthResult> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `s${n}`, codeVerifier: "v" });
  const back = await authorizeInEmulator(fb.emu, start.url, { username, dropScopes });
  return provider.authenticate({ code: back.searchParams.get("code")!, codeVerifier: "v", redirectUri: REDIRECT });
}
/** A channel as the pick stores it now: the Page's own token, with no expiry. */
export async function pageChannel(username?: string): Promise<ChannelAccess> {
  const auth = await signIn(username);
  const user: ChannelAccess = { id: "c", internalId: `pending:${auth.id}`, accessToken: auth.accessToken };
  const [listed] = await provider.pages(user);
  const page = await provider.fetchPageInformation(user, listed!.id);
  return { id: `ch-${page.id}`, internalId: page.id, accessToken: page.access!.accessToken, tokenExpiresAt: page.access!.expiresAt };
}
/** A channel picked before the Page token was stored: the long-lived user token and its expiry. */
export async function userChannel(username?: string): Promise<ChannelAccess> {
  const auth = await signIn(username);
  const [page] = await provider.pages({ id: "c", internalId: `pending:${auth.id}`, accessToken: auth.accessToken });
  return {
    id: `ch-${page!.id}`,
    internalId: page!.id,
    accessToken: auth.accessToken,
    tokenExpiresAt: new Date(Date.now() + auth.expiresIn! * 1000),
  };
}
/** The Graph calls the provider makes while `run` runs. */
export async function graphCalls(run: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(provider, "fetch");
  try {
    await run();
    return spy.mock.calls.map(([u]) => new URL(String(u)).pathname + new URL(String(u)).search);
  } finally {
    spy.mockRestore();
  }
}
export const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
export const posts = () => fb.emu.state.posts.filter((p) => p.platform === "facebook");
export const graph = (path: string) => `${fb.emu.url}/facebook/v24.0${path}`;

export function withFacebookEmulator() {
  beforeAll(async () => {
    fb.emu = await useEmulator([emulator]);
    files = createServer((req, res) => {
      if (req.url === "/pic.png") res.writeHead(200, { "content-type": "image/png" }).end(PIC);
      else if (req.url === "/clip.mp4") res.writeHead(200, { "content-type": "video/mp4" }).end(CLIP);
      else if (req.url === "/liar.png") res.writeHead(200, { "content-type": "image/png" }).end("not an image");
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => files.listen(0, "127.0.0.1", ok));
    fb.filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await fb.emu.stop();
    await new Promise((ok) => files.close(ok));
    delete process.env.PROVIDER_SANDBOX_URL;
  });
  beforeEach(() => {
    fb.emu.state.posts = [];
    fb.emu.state.faults = [];
  });
}
