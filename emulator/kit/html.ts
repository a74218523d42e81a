import type { EmuResponse } from "../types";

// The emulator's few HTML pages (sign-in, home, a published post's public page).

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const htmlAnswer = (status: number, body: string): EmuResponse => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8" },
  body,
});
