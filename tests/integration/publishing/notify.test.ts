import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { createPost } from "@/lib/posts/operations";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { connectEmulated } from "../../helpers/channels";
import { injectFault, useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { startMailDev, type MailDev } from "../../helpers/maildev";
import { ownDatabase, settled } from "../../helpers/publishing";

// A failed post reaches its organization in the app and by e-mail through a real SMTP server.
ownDatabase();
let emu: Emulator;
let worker: PublishingWorker;
let mail: MailDev;
const saved = { SMTP_URL: process.env.SMTP_URL, APP_URL: process.env.APP_URL };

beforeAll(async () => {
  mail = await startMailDev();
  process.env.SMTP_URL = mail.smtpUrl;
  process.env.APP_URL = "https://postmill.example";
  emu = await useEmulator();
  worker = await startPublishingWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await emu?.stop();
  await mail?.stop();
  Object.assign(process.env, saved);
  if (saved.SMTP_URL === undefined) delete process.env.SMTP_URL;
  if (saved.APP_URL === undefined) delete process.env.APP_URL;
});

describe("failure notices", () => {
  it("one in-app notification and one e-mail to the owner, with the platform's reason and a link", async () => {
    const owner = await makeOwner("notice");
    const channel = await connectEmulated(owner, emu, "x", "notice_x");
    await injectFault(emu, { platform: "x", route: "post", kind: "duplicate" });
    const { id } = await createPost(owner, { mode: "now", targets: [{ channelId: channel, items: [{ text: "a duplicate" }] }] });
    const [t] = await settled(id);
    expect(t!.status).toBe("failed");

    const notes = await db.notification.findMany({ where: { organizationId: owner.organizationId, kind: "post.failed" } });
    expect(notes).toHaveLength(1);
    // The channel is named with its platform and handle, as everywhere else.
    const email = await mail.received(`Not published on ${t!.integration.name} (X, @${t!.integration.username})`);
    expect(email.to.map((x) => x.address)).toEqual([owner.email]);
    expect(email.text).toContain("X refused the post");
    expect(email.text).toContain(`https://postmill.example/calendar?post=${id}`);
  });
});
