import { createHash } from "node:crypto";

// Medium's integration tokens are made by the user on Medium's settings page ("consecutive strings
// of hex digits", README §2). The emulator's tokens are hex too and carry the username they were
// made for, with a check so a mistyped one is refused: "2", the username's UTF-8 bytes in hex, and
// 8 hex digits of a hash of it. A test or the emulator's settings page makes one for any username.

const check = (username: string) => createHash("sha256").update(`medium-emulator-token:${username}`).digest("hex").slice(0, 8);

export function integrationToken(username: string): string {
  return `2${Buffer.from(username, "utf8").toString("hex")}${check(username)}`;
}

/** The username a token was made for, or undefined when it is not one the emulator made. */
export function usernameOf(token: string): string | undefined {
  if (!/^2(?:[0-9a-f]{2})+[0-9a-f]{8}$/.test(token)) return undefined;
  const username = Buffer.from(token.slice(1, -8), "hex").toString("utf8");
  return integrationToken(username) === token && /^[\w.-]{1,64}$/.test(username) ? username : undefined;
}
