import type { EmulatorState } from "./state";
import type { PlatformEmulator } from "./types";
import { escapeHtml as esc } from "./kit/html";

/** The emulator's home page: what was published, per platform, newest first. */
export function renderIndex(state: EmulatorState, platforms: PlatformEmulator[]): string {
  const rows = [...state.posts].reverse().map((p) => {
    const acc = state.getAccount(p.platform, p.accountId);
    return `<tr><td>${esc(platforms.find((x) => x.id === p.platform)?.name ?? p.platform)}</td><td>${esc(acc?.username ?? p.accountId)}</td>
<td><pre>${esc(p.text)}</pre>${p.poll ? `<div>Poll: ${esc(JSON.stringify(p.poll))}</div>` : ""}${p.media.length ? `<div>${p.media.length} media</div>` : ""}</td>
<td>${esc(p.id)}${p.replyTo ? `<br><small>reply to ${esc(p.replyTo)}</small>` : ""}</td><td>${new Date(p.receivedAt).toISOString()}</td></tr>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Platform emulator</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#0f172a}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e2e8f0;padding:.5rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap;margin:0;font-family:inherit}</style></head>
<body><main><h1>Platform emulator</h1><p>Platforms: ${platforms.map((p) => esc(p.name)).join(", ")}. ${state.posts.length} post(s) received.</p>
${platforms
  .filter((p) => p.notes)
  .map((p) => `<section><h2>${esc(p.name)}</h2>${p.notes}</section>`)
  .join("")}
<table><thead><tr><th>Platform</th><th>Account</th><th>Content</th><th>Id</th><th>Received</th></tr></thead><tbody>${rows.join("") || `<tr><td colspan="5">Nothing published yet.</td></tr>`}</tbody></table></main></body></html>`;
}
