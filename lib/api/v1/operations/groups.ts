import { z } from "zod";
import { groupInputSchema } from "@/lib/channel-groups/schemas";
import { defineOperation } from "../operation";

// Declarations of channel groups, an organization's customers or brands (handler:
// app/api/v1/channel-groups/route.ts).

export const channelGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string().nullable().describe("The IANA zone the composer schedules in when every picked channel is of this group"),
  channelIds: z.array(z.string()).describe("A channel is in one group at most"),
});

export const listChannelGroupsOp = defineOperation({
  id: "listChannelGroups",
  method: "GET",
  path: "/api/v1/channel-groups",
  scope: "read",
  summary: "List channel groups",
  description: "Customers or brands: named groups of channels, each with its own time zone, in name order.",
  tags: ["Channel groups"],
  response: z.object({ data: z.array(channelGroupSchema) }),
});

export const createChannelGroupOp = defineOperation({
  id: "createChannelGroup",
  method: "POST",
  path: "/api/v1/channel-groups",
  scope: "write",
  summary: "Create a channel group",
  description:
    "A name (unique in the organization), an optional IANA time zone and the channels it owns; a channel listed here leaves the group it was in.",
  tags: ["Channel groups"],
  body: groupInputSchema,
  response: channelGroupSchema,
  successStatus: 201,
});
