import { apiRoute } from "@/lib/api/route";
import { issueLinkCode, linkStatus } from "@/lib/channels/link-codes";
import { getChannel } from "@/lib/channels/queries";
import { ValidationError } from "@/lib/errors";

// POST /api/integrations/:provider/link - a one-time code to send in the chat (platforms whose bot links by code)
export const POST = apiRoute<{ provider: string }>(async (_req, ctx, { provider }) => issueLinkCode(ctx, provider));

// GET /api/integrations/:provider/link?code=… - whether that code linked a chat yet (reads the bot's new messages)
export const GET = apiRoute<{ provider: string }>(async (req, ctx, { provider }) => {
  const code = req.nextUrl.searchParams.get("code")?.trim() ?? "";
  if (!/^[A-Za-z0-9]{4,64}$/.test(code))
    throw new ValidationError({ code: "code is required: the letters and digits the link command carries" });
  const s = await linkStatus(ctx, provider, code);
  return s.status === "linked" ? { ...s, channel: await getChannel(ctx, s.channelId) } : s;
});
