import { z } from "zod";
import { idText } from "@/lib/validation";
import { defineOperation } from "../operation";
import { channelSchema } from "../views/channels";

// Declarations of the channel operations (handlers: app/api/v1/channels/**/route.ts).

const idParams = z.object({ id: idText("id must be a channel id") });

export const listChannelsOp = defineOperation({
  id: "listChannels",
  method: "GET",
  path: "/api/v1/channels",
  scope: "read",
  summary: "List the organization's channels",
  description: "Every connected channel, with its platform's manifest: text limits, media rules, threads, polls and the settings schema.",
  tags: ["Channels"],
  response: z.object({ data: z.array(channelSchema) }),
});

export const getChannelOp = defineOperation({
  id: "getChannel",
  method: "GET",
  path: "/api/v1/channels/{id}",
  scope: "read",
  summary: "Get one channel",
  tags: ["Channels"],
  params: idParams,
  response: channelSchema,
});

export const disableChannelOp = defineOperation({
  id: "disableChannel",
  method: "POST",
  path: "/api/v1/channels/{id}/disable",
  scope: "write",
  summary: "Disable a channel",
  description:
    "A disabled channel publishes nothing: its scheduled posts fail with a message saying it is disabled, and new posts for it can only be drafts, until it is enabled again on the Channels page. Needs a key created by an owner or admin who still has that role.",
  tags: ["Channels"],
  params: idParams,
  response: channelSchema,
});
