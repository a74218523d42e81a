// Runs once when the Next server starts: background housekeeping (token refresh ahead of expiry)
// and, unless PUBLISH_WORKER=off (separate `npm run worker` processes do it), the publishing worker
// and the analytics collector (ANALYTICS_WORKER=off leaves analytics to other processes).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startPeriodicJobs } = await import("@/lib/jobs/periodic");
  startPeriodicJobs();
  if (process.env.PUBLISH_WORKER !== "off" && process.env.DATABASE_URL) {
    const { startPublishingWorker } = await import("@/lib/publishing/worker");
    startPublishingWorker().then(
      (w) => console.log(`[worker] ${w.id} publishing inside the web server`),
      (e) => console.error("[worker] could not start:", e),
    );
    if (process.env.WEBHOOK_WORKER !== "off") {
      const { startWebhookWorker } = await import("@/lib/webhooks/worker");
      startWebhookWorker().catch((e) => console.error("[webhooks] could not start:", e));
    }
    if (process.env.ANALYTICS_WORKER !== "off") {
      const { startAnalyticsWorker } = await import("@/lib/analytics/worker");
      startAnalyticsWorker().catch((e) => console.error("[analytics] could not start:", e));
    }
  }
}
