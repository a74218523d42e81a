import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { appUrl } from "@/lib/config/settings";

// Optional notification e-mail over SMTP (SMTP_URL; unset = off). sendEmail never throws and
// reports failure as `false`: notifications are sent from publishing and other jobs, and a down
// or misconfigured mail server must not fail the work that triggered the notification.

export type EmailMessage = { to: string[]; subject: string; text: string; link?: string };

const TIMEOUT_MS = 10_000;
let cached: { url: string; host: string; password: string; transport: Transporter } | undefined;

export function emailEnabled(): boolean {
  return Boolean(process.env.SMTP_URL?.trim());
}

function transport(url: string) {
  if (cached?.url === url) return cached;
  const u = new URL(url);
  if (u.protocol !== "smtp:" && u.protocol !== "smtps:") throw new Error("SMTP_URL must start with smtp:// or smtps://");
  cached?.transport.close();
  cached = undefined;
  const password = decodeURIComponent(u.password);
  const host = `${u.hostname}:${u.port || (u.protocol === "smtps:" ? 465 : 587)}`;
  const t = nodemailer.createTransport({
    pool: true,
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : undefined,
    secure: u.protocol === "smtps:",
    auth: u.username ? { user: decodeURIComponent(u.username), pass: password } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  t.on("error", (e: Error & { code?: string }) => console.error(`[email] SMTP transport error (${host}): ${e.code ?? e.message}`));
  return (cached = { url, host, password, transport: t });
}

/** A path becomes a URL on APP_URL (or AUTH_URL); an absolute URL is kept as it is. */
function absoluteLink(link: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(link)) return link;
  const base = (process.env.APP_URL || process.env.AUTH_URL || appUrl()).replace(/\/+$/, "");
  return `${base}${link.startsWith("/") ? "" : "/"}${link}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** True when the SMTP server accepted the message; false when e-mail is off or sending failed. */
export async function sendEmail(msg: EmailMessage): Promise<boolean> {
  const url = process.env.SMTP_URL?.trim();
  if (!url || msg.to.length === 0) return false;
  let host = "(invalid SMTP_URL)";
  try {
    const t = transport(url);
    host = t.host;
    const link = msg.link ? absoluteLink(msg.link) : undefined;
    const text = link ? `${msg.text}\n\n${link}\n` : `${msg.text}\n`;
    const html =
      `<p>${escapeHtml(msg.text).replace(/\r?\n/g, "<br>\n")}</p>` +
      (link ? `\n<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : "");
    await t.transport.sendMail({
      from: process.env.SMTP_FROM || "Postmill <no-reply@localhost>",
      to: msg.to,
      subject: msg.subject.replace(/[\r\n]+/g, " "),
      text,
      html,
    });
    return true;
  } catch (e) {
    // Never SMTP_URL itself (it carries the credentials): the host, and the reason with them removed.
    const secrets = [cached?.url, cached?.password].filter((s): s is string => Boolean(s));
    const reason = secrets.reduce((r, s) => r.split(s).join("***"), e instanceof Error ? e.message : String(e));
    console.error(`[email] sending to ${msg.to.length} recipient(s) via ${host} failed: ${reason}`);
    return false;
  }
}
