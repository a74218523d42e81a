import { z } from "zod";
import { seriesInputSchema } from "@/lib/posts/series-schemas";
import { freeSlotsQuerySchema, queueInputSchema, scheduleInputSchema } from "@/lib/schedules/schemas";
import { idText } from "@/lib/validation";
import { defineOperation } from "../operation";
import { postSchema } from "../views/posts";

// Declarations of the planning operations: posting schedules, the queue, recurring series
// (handlers: app/api/v1/{schedules,queue,series}/**/route.ts and app/api/v1/posts/[id]/series).

const always = (when: string) => ({ scope: "publish" as const, when, needed: () => true });

export const scheduleSchema = z.object({
  channelId: z.string(),
  timeZone: z.string().describe("IANA time zone the slots are in"),
  slots: z.array(z.object({ weekday: z.number().int().describe("0 = Monday … 6 = Sunday"), time: z.string().describe("HH:MM") })),
  paused: z.boolean().describe("A paused schedule takes nothing from the queue"),
  closeGaps: z.boolean().describe("When a queued post leaves its slot, later queued posts move up"),
});
const schedulesAnswer = z.object({ data: z.array(scheduleSchema) });

export const listSchedulesOp = defineOperation({
  id: "listSchedules",
  method: "GET",
  path: "/api/v1/schedules",
  scope: "read",
  summary: "List posting schedules",
  description: "Every channel's weekly posting slots (channels without a schedule are not listed).",
  tags: ["Planning"],
  response: schedulesAnswer,
});

export const saveSchedulesOp = defineOperation({
  id: "saveSchedules",
  method: "PUT",
  path: "/api/v1/schedules",
  scope: "write",
  summary: "Set the posting schedule of one or several channels",
  description:
    "The same weekly slots, time zone and switches for every channel named (replacing their schedule). Answers the schedules of those channels.",
  tags: ["Planning"],
  body: scheduleInputSchema,
  response: schedulesAnswer,
});

export const freeSlotsOp = defineOperation({
  id: "listFreeSlots",
  method: "GET",
  path: "/api/v1/schedules/free-slots",
  scope: "read",
  summary: "Free queue slots in a range",
  description:
    "Every slot of the open (not paused, with slots) schedules in [from, to) that no post takes yet, not before now; all channels or those in channels (comma-separated ids). At most 62 days.",
  tags: ["Planning"],
  query: freeSlotsQuerySchema,
  response: z.object({ data: z.array(z.object({ channelId: z.string(), at: z.iso.datetime() })) }),
});

export const addToQueueOp = defineOperation({
  id: "addToQueue",
  method: "POST",
  path: "/api/v1/queue",
  scope: "write",
  extraScope: always("always: a queued post is scheduled"),
  summary: "Add a post to the queue",
  description:
    "A post without a time: each channel's variant becomes a scheduled post in that channel's next free slot. Channels without an open schedule are skipped and listed with the reason.",
  tags: ["Planning"],
  body: queueInputSchema,
  response: z.object({
    posts: z.array(z.object({ postId: z.string(), channelId: z.string(), at: z.iso.datetime() })),
    skipped: z.array(z.object({ channelId: z.string(), reason: z.string() })),
  }),
  successStatus: 201,
});

export const createSeriesOp = defineOperation({
  id: "createSeries",
  method: "POST",
  path: "/api/v1/series",
  scope: "write",
  extraScope: always("always: a series is scheduled"),
  summary: "Create a recurring post",
  description:
    "A post scheduled at publishAt that repeats (daily, weekly or monthly; weekdays; until a date or a count). repeat.timeZone defaults to the key creator's zone. Answers the series and its first occurrence.",
  tags: ["Planning"],
  body: seriesInputSchema,
  response: z.object({ series: z.object({ id: z.string(), occurrences: z.number().int() }), post: postSchema }),
  successStatus: 201,
});

export const stopSeriesOp = defineOperation({
  id: "stopSeries",
  method: "DELETE",
  path: "/api/v1/posts/{id}/series",
  scope: "write",
  summary: "Stop the series a post belongs to",
  description:
    "No more occurrences from now on: the future ones are removed, those already published stay. 409 when the post is not part of a series.",
  tags: ["Planning"],
  params: z.object({ id: idText("id must be a post id") }),
  response: z.object({ removed: z.number().int(), kept: z.number().int() }),
});
