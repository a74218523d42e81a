import { browserRoute, channelsRedirect } from "@/lib/api/browser-route";
import { auth } from "@/lib/auth/auth";
import { completeConnect } from "@/lib/channels/connect";
import { AppError } from "@/lib/errors";

// GET /api/integrations/:provider/callback - the platform sends the user back here after OAuth
export const GET = browserRoute<{ provider: string }>(async (req, { provider }) => {
  const userId = (await auth())?.user?.id;
  if (!userId) throw new AppError("Your session ended while connecting; sign in and connect again", 401);
  const q = req.nextUrl.searchParams;
  // The whole query: a platform may send its grant under a name of its own (manifest auth.grantParam).
  const res = await completeConnect(userId, provider, Object.fromEntries(q));
  return channelsRedirect(req, res.pending ? { pick: res.channelId } : { connected: res.channelId });
});
