import "server-only";
import type { Tx } from "@/lib/db/client";
import { sendEmail } from "@/lib/notifications/email";
import { notificationRecipients } from "@/lib/notifications/recipients";

// One notification per failed or unconfirmed target: in the app, and by e-mail to the
// organization's owners and admins when SMTP is configured. E-mail goes after the commit and
// never throws, so a mail server problem cannot undo or delay the recorded outcome.

export type FailureNotice = {
  organizationId: string;
  postId: string;
  channelName: string;
  kind: "failed" | "unconfirmed";
  message: string;
};

export async function recordFailureNotice(tx: Tx, n: FailureNotice): Promise<void> {
  const title = n.kind === "failed" ? `Not published on ${n.channelName}` : `Check your post on ${n.channelName}`;
  await tx.notification.create({
    data: { organizationId: n.organizationId, kind: `post.${n.kind}`, title, body: n.message, link: `/calendar?post=${n.postId}` },
  });
}

export async function emailFailureNotice(n: FailureNotice): Promise<void> {
  const to = await notificationRecipients(n.organizationId).catch(() => []);
  if (!to.length) return;
  const subject = n.kind === "failed" ? `Not published on ${n.channelName}` : `Please check your post on ${n.channelName}`;
  await sendEmail({ to, subject, text: n.message, link: `/calendar?post=${n.postId}` });
}
