import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { emailEnabled, sendEmail } from "@/lib/notifications/email";
import { notificationRecipients } from "@/lib/notifications/recipients";
import { acceptInvite, createInvite } from "@/lib/orgs/invites";
import { makeOwner, uniqueEmail } from "../helpers/factories";
import { freePort, startMailDev, type MailDev } from "../helpers/maildev";

// Notification e-mail against a real SMTP server: MailDev (tests/peers), started as a child process
// on free ports; what it received is read back from its HTTP API.

const savedEnv = {
  SMTP_URL: process.env.SMTP_URL,
  SMTP_FROM: process.env.SMTP_FROM,
  APP_URL: process.env.APP_URL,
  AUTH_URL: process.env.AUTH_URL,
};
function restoreEnv() {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

describe("sendEmail through MailDev", () => {
  let mail: MailDev | undefined;
  let smtpPort = 0;
  // A failed start fails every test here (not only the hook, which a summary counts as skips).
  let startError: Error | undefined;
  const ready = () => {
    if (startError) throw startError;
  };

  beforeAll(async () => {
    await start().catch((e: Error) => (startError = e));
  });

  async function start() {
    mail = await startMailDev();
    smtpPort = mail.smtpPort;
    process.env.SMTP_URL = mail.smtpUrl;
    process.env.SMTP_FROM = "Postmill Test <notify@postmill.test>";
  }

  afterAll(async () => {
    restoreEnv();
    await mail?.stop();
  });

  const received = (subject: string) => mail!.received(subject);

  it("delivers subject, recipients, text and an escaped HTML part with an absolute link", async () => {
    ready();
    process.env.APP_URL = "https://social.example.com/";
    const to = [uniqueEmail("owner"), uniqueEmail("admin")];
    const subject = `Post failed ${Date.now()} <script>alert(1)</script>`;
    const text = "Your post to X failed.\nReason: <script>alert(1)</script> & more";
    expect(emailEnabled()).toBe(true);
    expect(await sendEmail({ to, subject, text, link: "/posts/abc" })).toBe(true);

    const mail = await received(subject);
    expect(mail.to.map((t) => t.address).sort()).toEqual([...to].sort());
    expect(mail.text).toContain("Your post to X failed.");
    expect(mail.text).toContain("<script>alert(1)</script> & more");
    expect(mail.text).toContain("https://social.example.com/posts/abc");
    expect(mail.html).toContain('href="https://social.example.com/posts/abc"');
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
    expect(mail.html).not.toContain("<script>");
  });

  it("keeps an absolute link as it is and falls back to AUTH_URL for a path", async () => {
    ready();
    delete process.env.APP_URL;
    process.env.AUTH_URL = "https://auth.example.org";
    const a = `Absolute ${Date.now()}`;
    const b = `Relative ${Date.now()}`;
    const to = [uniqueEmail("owner")];
    expect(await sendEmail({ to, subject: a, text: "see", link: "https://elsewhere.example/x?a=1&b=2" })).toBe(true);
    expect(await sendEmail({ to, subject: b, text: "see", link: "calendar" })).toBe(true);

    const first = await received(a);
    expect(first.text).toContain("https://elsewhere.example/x?a=1&b=2");
    expect(first.html).toContain('href="https://elsewhere.example/x?a=1&amp;b=2"');
    expect((await received(b)).text).toContain("https://auth.example.org/calendar");
  });

  it("resolves false (never throws) when the server is unreachable, and logs the host without the password", async () => {
    const closed = await freePort();
    process.env.SMTP_URL = `smtp://mailer:Sup3rS3cretPw@127.0.0.1:${closed}`;
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const started = Date.now();
      await expect(sendEmail({ to: [uniqueEmail()], subject: "unreachable", text: "x" })).resolves.toBe(false);
      expect(Date.now() - started).toBeLessThan(12_000);
      const lines = log.mock.calls.map((c) => c.map(String).join(" ")).join("\n");
      expect(lines).toContain(`127.0.0.1:${closed}`);
      expect(lines).not.toContain("Sup3rS3cretPw");
      expect(lines).not.toContain("mailer:");
    } finally {
      log.mockRestore();
      process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    }
  });
});

describe("emailEnabled", () => {
  afterAll(restoreEnv);

  it("is off without SMTP_URL, and sendEmail then sends nothing", async () => {
    delete process.env.SMTP_URL;
    expect(emailEnabled()).toBe(false);
    expect(await sendEmail({ to: [uniqueEmail()], subject: "off", text: "off" })).toBe(false);
    process.env.SMTP_URL = "   ";
    expect(emailEnabled()).toBe(false);
  });
});

describe("notificationRecipients", () => {
  it("lists the organization's owners and admins, not plain members or other organizations", async () => {
    const owner = await makeOwner("owner");
    const admin = await makeOwner("admin");
    const member = await makeOwner("member");
    const stranger = await makeOwner("stranger");
    await acceptInvite((await createInvite(owner, { role: "admin" })).token, admin.userId);
    await acceptInvite((await createInvite(owner, { role: "member" })).token, member.userId);

    expect((await notificationRecipients(owner.organizationId)).sort()).toEqual([owner.email, admin.email].sort());
    // The member and the stranger still own their own organizations, and only there receive mail.
    expect(await notificationRecipients(member.organizationId)).toEqual([member.email]);
    expect(await notificationRecipients(stranger.organizationId)).toEqual([stranger.email]);
    expect(await notificationRecipients("no-such-organization")).toEqual([]);
  });
});
