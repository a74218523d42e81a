// The events an endpoint can subscribe to (docs/webhooks.md). Shared by the settings form and the
// server; "webhook.test" is sent only on demand, to one endpoint, and cannot be subscribed to.
export const WEBHOOK_EVENTS = [
  "post.created",
  "post.updated",
  "post.deleted",
  "post.published",
  "post.failed",
  "target.published",
  "target.failed",
  "channel.connected",
  "channel.disconnected",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
export const TEST_EVENT = "webhook.test";

export const EVENT_LABELS: Record<WebhookEventType, string> = {
  "post.created": "A post is created",
  "post.updated": "A post is edited, rescheduled, cancelled or retried",
  "post.deleted": "A post is deleted",
  "post.published": "Every channel of a post has published it",
  "post.failed": "A post has finished and at least one channel failed",
  "target.published": "A post is published on one channel",
  "target.failed": "A post failed on one channel",
  "channel.connected": "A channel is connected or reconnected",
  "channel.disconnected": "A channel is disconnected or deleted",
};

/** The exact JSON body sent, the same bytes on every attempt. */
export function webhookBody(e: { type: string; occurredAt: Date; data: unknown }): string {
  return JSON.stringify({ type: e.type, timestamp: e.occurredAt.toISOString(), data: e.data });
}
