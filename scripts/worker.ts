// `npm run worker`: a publishing (and analytics collecting) worker process. Run as many as you like, on any machines that
// share DATABASE_URL with the app (and its TOKEN_ENCRYPTION_KEY); each platform's concurrency
// limit holds across all of them. `npm start` already runs one inside the web server.
import { loadEnvFile } from "./load-env";
import { dataDir, isProduction } from "@/lib/config/settings";
import { resolveSecrets } from "@/lib/config/secrets";
import { s3ConfigProblem } from "@/lib/media/storage/s3-config";
import { migrate } from "@/lib/db/migrate";

async function main(): Promise<void> {
  loadEnvFile();
  if (!process.env.DATABASE_URL) {
    throw new Error(
      "npm run worker needs DATABASE_URL: the embedded database serves a single process, and `npm start` already publishes with its built-in worker.",
    );
  }
  Object.assign(process.env, resolveSecrets({ env: process.env, dataDir: dataDir(), production: isProduction() }));
  const s3Problem = s3ConfigProblem();
  if (s3Problem) throw new Error(s3Problem);
  await migrate(process.env.DATABASE_URL);
  const { startPublishingWorker } = await import("@/lib/publishing/worker");
  const { startPeriodicJobs } = await import("@/lib/jobs/periodic");
  const { stopBoss } = await import("@/lib/queue/boss");
  const worker = await startPublishingWorker();
  const { startAnalyticsWorker } = await import("@/lib/analytics/worker");
  const analytics = process.env.ANALYTICS_WORKER === "off" ? undefined : await startAnalyticsWorker();
  const { startWebhookWorker } = await import("@/lib/webhooks/worker");
  const webhooks = process.env.WEBHOOK_WORKER === "off" ? undefined : await startWebhookWorker();
  startPeriodicJobs();
  console.log(`[worker] ${worker.id} publishing`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("[worker] finishing in-flight posts…");
    await worker.stop();
    await analytics?.stop();
    await webhooks?.stop();
    await stopBoss();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
