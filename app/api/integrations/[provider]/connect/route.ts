import { NextResponse } from "next/server";
import { browserRoute } from "@/lib/api/browser-route";
import { currentContext } from "@/lib/auth/current";
import { startConnect } from "@/lib/channels/connect";
import { AppError } from "@/lib/errors";
import { browserOrigin } from "@/lib/net/origin";

// GET /api/integrations/:provider/connect?instance=…&channel=… - start OAuth (or reconnect a channel)
export const GET = browserRoute<{ provider: string }>(async (req, { provider }) => {
  const ctx = await currentContext();
  if (!ctx) throw new AppError("Sign in to connect channels", 401);
  const q = req.nextUrl.searchParams;
  const url = await startConnect(ctx, provider, browserOrigin(req), {
    instance: q.get("instance") ?? undefined,
    reconnectChannelId: q.get("channel") ?? undefined,
  });
  return NextResponse.redirect(url, 303);
});
