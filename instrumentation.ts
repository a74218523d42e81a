// Runs once when the Next server starts: background housekeeping (token refresh ahead of expiry).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startPeriodicJobs } = await import("@/lib/jobs/periodic");
  startPeriodicJobs();
}
