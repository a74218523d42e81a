import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health";

// GET /api/health - app, database and migration status. Public on purpose (load balancers and
// uptime checks have no session); it reveals no data beyond these statuses.
export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
}
