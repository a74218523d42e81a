import { groupInputSchema, groupPatchSchema } from "@/lib/channel-groups/schemas";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { periodQuery } from "@/lib/analytics/periods";
import { refreshBodySchema } from "@/lib/analytics/query";
import { listPostsQuerySchema } from "@/lib/api/v1/operations/posts";
import { profileSchema } from "@/lib/auth/schemas";
import { channelPatchSchema, connectFieldsSchema, pagePickSchema } from "@/lib/channels/schemas";
import { fromUrlSchema } from "@/lib/media/from-url";
import { altSchema, listQuerySchema } from "@/lib/media/library";
import { createInviteSchema } from "@/lib/orgs/invites";
import { organizationSchema } from "@/lib/orgs/members";
import { importRequestSchema } from "@/lib/imports/schemas";
import { newFeedSchema } from "@/lib/feeds/schemas";
import { linkPreviewQuerySchema } from "@/lib/link-preview/schemas";
import { bulkActionSchema } from "@/lib/posts/bulk.schema";
import { calendarQuerySchema, postInputSchema, postRangeQuerySchema, rescheduleSchema } from "@/lib/posts/schemas";
import { setInputSchema, setPatchSchema } from "@/lib/sets/schemas";
import { signatureInputSchema, signaturePatchSchema } from "@/lib/signatures/schemas";
import { occurrenceDeleteQuerySchema, occurrenceEditSchema, seriesInputSchema } from "@/lib/posts/series-schemas";
import { evergreenInputSchema } from "@/lib/evergreen/schemas";
import { freeSlotsQuerySchema, queueInputSchema, scheduleInputSchema } from "@/lib/schedules/schemas";
import type { AuthKind } from "@/providers/core/manifest";
import { type Pools, type Rng } from "./zod-fuzz";
import {
  connectForm,
  FORM,
  credentialsForm,
  csrf,
  csvImport,
  knownPlatforms,
  mcpCall,
  plainSet,
  queueable,
  rangeHeader,
  upload,
  validPost,
  validSchedule,
  validSeries,
} from "./route-fuzz-inputs";

export { csrf };

// What tests/integration/fuzz-routes.test.ts feeds each route under app/api: per route file and
// method, which ids its path takes, the zod schemas of its body and query (the routes' own), and
// generators (route-fuzz-inputs.ts) for inputs that reach past refusals and for the routes whose input
// is not JSON. A route file missing here fails that test.

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
export type Handler = (req: NextRequest, route: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type IdKind =
  "post" | "target" | "channel" | "media" | "invite" | "provider" | "nextauth" | "setting" | "channelSet" | "signature" | "channelGroup";
export type Call = { url: string; init: ConstructorParameters<typeof NextRequest>[1] };
export type Spec = {
  params?: Record<string, IdKind>;
  body?: z.ZodType;
  query?: z.ZodType;
  /** For routes whose input is not JSON (uploads, byte ranges, Auth.js forms). */
  custom?: (rng: Rng, pools: Pools) => Omit<Call, "url"> & { suffix?: string };
  /** Makes a generated body valid across fields (rules a per-field generator cannot know), given the call's path values. */
  fix?: (valid: unknown, rng: Rng, call: FixContext) => unknown;
  runs?: number;
  /**
   * For routes about one platform: besides the `runs` random calls, `runs` more for each registered
   * platform that connects with one of these auth kinds, or (choices) has settings whose choices are
   * read from the channel — found through the manifests, so a new platform is fuzzed without an edit
   * here. In those calls the path names that platform, a channel of it and one of its choice fields.
   */
  perPlatform?: { auth?: AuthKind[]; choices?: boolean; runs: number };
  /** An /api/v1 route: calls carry the signed-in organization's API key (Authorization: Bearer), a few none or a wrong one. */
  bearer?: boolean;
};
export type FixContext = { params: Record<string, string | string[]>; emulatorUrl: string };

// Query strings of the browser routes (OAuth connect and callback): they have no zod schema of
// their own, so their shape is written here.
const SIGN_IN: AuthKind[] = ["oauth2", "oauth2-pick", "instance-oauth"];
const linkQuery = z.object({ code: z.string().optional() });
const connectQuery = z.object({ instance: z.string().optional(), channel: z.string().optional() });
const callbackQuery = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

export const SPECS: Record<string, Partial<Record<Method, Spec>>> = {
  "analytics/channels/[id]": { GET: { params: { id: "channel" }, query: periodQuery } },
  "analytics/posts/[id]": { GET: { params: { id: "target" } } },
  "analytics/records": { GET: { query: periodQuery } },
  "analytics/refresh": { POST: { body: refreshBodySchema, runs: 25 } },
  analytics: { GET: { query: periodQuery } },
  "analytics/status": { GET: {} },
  "auth/[...nextauth]": {
    GET: { params: { nextauth: "nextauth" }, runs: 15 },
    POST: { params: { nextauth: "nextauth" }, custom: credentialsForm, runs: 12 },
  },
  calendar: { GET: { query: calendarQuerySchema, runs: 60 } },
  "link-preview": { GET: { query: linkPreviewQuerySchema, runs: 20 } },
  "channels/[id]/choices/[field]": {
    GET: { params: { id: "channel", field: "setting" }, runs: 30, perPlatform: { choices: true, runs: 6 } },
  },
  "channels/[id]/pages": { GET: { params: { id: "channel" } }, POST: { params: { id: "channel" }, body: pagePickSchema } },
  "channels/[id]": {
    GET: { params: { id: "channel" } },
    PATCH: { params: { id: "channel" }, body: channelPatchSchema },
    DELETE: { params: { id: "channel" }, runs: 10 },
  },
  "channels/[id]/scheduled": { GET: { params: { id: "channel" } } },
  channels: { GET: {} },
  health: { GET: {} },
  "integrations/[provider]/callback": {
    GET: { params: { provider: "provider" }, query: callbackQuery, perPlatform: { auth: SIGN_IN, runs: 5 } },
  },
  "integrations/[provider]/connect": {
    GET: { params: { provider: "provider" }, query: connectQuery, perPlatform: { auth: SIGN_IN, runs: 6 } },
  },
  "integrations/[provider]/fields": {
    POST: {
      params: { provider: "provider" },
      body: connectFieldsSchema,
      fix: connectForm,
      runs: 40,
      perPlatform: { auth: FORM, runs: 10 },
    },
  },
  // Bot platforms that link a chat by a one-time code: issue one, and ask whether it linked (any code, any platform).
  "integrations/[provider]/link": {
    POST: { params: { provider: "provider" }, runs: 10, perPlatform: { auth: ["bot"], runs: 4 } },
    GET: { params: { provider: "provider" }, query: linkQuery, runs: 20, perPlatform: { auth: ["bot"], runs: 8 } },
  },
  integrations: { GET: {} },
  "invites/[id]": { DELETE: { params: { id: "invite" } } },
  invites: { GET: {}, POST: { body: createInviteSchema } },
  me: { GET: {}, PATCH: { body: profileSchema } },
  "media/[id]/file": { GET: { params: { id: "media" }, custom: rangeHeader } },
  "media/[id]": {
    GET: { params: { id: "media" } },
    PATCH: { params: { id: "media" }, body: altSchema },
    DELETE: { params: { id: "media" }, runs: 10 },
  },
  media: { GET: { query: listQuerySchema, runs: 50 }, POST: { custom: upload, runs: 40 } },
  members: { GET: {} },
  organizations: { GET: {}, POST: { body: organizationSchema } },
  "posts/[id]/cancel": { POST: { params: { id: "post" } } },
  "posts/[id]/duplicate": { POST: { params: { id: "post" } } },
  "posts/[id]/reschedule": { POST: { params: { id: "post" }, body: rescheduleSchema, runs: 60 } },
  "posts/[id]": {
    GET: { params: { id: "post" } },
    PUT: { params: { id: "post" }, body: postInputSchema, fix: validPost, runs: 120 },
    DELETE: { params: { id: "post" }, runs: 10 },
  },
  posts: { GET: { query: postRangeQuerySchema, runs: 60 }, POST: { body: postInputSchema, fix: validPost, runs: 200 } },
  "posts/import": { POST: { body: importRequestSchema, fix: csvImport, runs: 60 } },
  "posts/import/template": { GET: {} },
  "posts/bulk": { POST: { body: bulkActionSchema, runs: 60 } },
  "targets/[id]/retry": { POST: { params: { id: "target" } } },
  "channel-sets": { GET: {}, POST: { body: setInputSchema, fix: plainSet, runs: 60 } },
  "channel-sets/[id]": {
    PATCH: { params: { id: "channelSet" }, body: setPatchSchema, fix: plainSet, runs: 60 },
    DELETE: { params: { id: "channelSet" }, runs: 10 },
  },
  "channel-groups": { GET: {}, POST: { body: groupInputSchema, runs: 60 } },
  "channel-groups/[id]": {
    PATCH: { params: { id: "channelGroup" }, body: groupPatchSchema, runs: 60 },
    DELETE: { params: { id: "channelGroup" }, runs: 10 },
  },
  signatures: { GET: {}, POST: { body: signatureInputSchema, fix: knownPlatforms, runs: 60 } },
  "signatures/[id]": {
    PATCH: { params: { id: "signature" }, body: signaturePatchSchema, fix: knownPlatforms, runs: 60 },
    DELETE: { params: { id: "signature" }, runs: 10 },
  },
  series: { POST: { body: seriesInputSchema, fix: validSeries, runs: 80 } },
  "posts/[id]/occurrence": {
    PUT: { params: { id: "post" }, body: occurrenceEditSchema, fix: validSeries, runs: 40 },
    DELETE: { params: { id: "post" }, query: occurrenceDeleteQuerySchema, runs: 10 },
  },
  "posts/[id]/series": { GET: { params: { id: "post" } }, DELETE: { params: { id: "post" }, runs: 10 } },
  schedules: { GET: {}, PUT: { body: scheduleInputSchema, fix: validSchedule, runs: 60 } },
  "schedules/slots": { GET: { query: freeSlotsQuerySchema, runs: 40 } },
  queue: { POST: { body: queueInputSchema, fix: queueable, runs: 80 } },
  evergreen: { GET: {} },
  "posts/[id]/evergreen": {
    PUT: { params: { id: "post" }, body: evergreenInputSchema, runs: 30 },
    DELETE: { params: { id: "post" }, runs: 10 },
  },
  // The public API (/api/v1): API keys instead of the session.
  "v1/openapi.json": { GET: { runs: 3 } },
  "v1/channels": { GET: { bearer: true } },
  "v1/channels/[id]": { GET: { params: { id: "channel" }, bearer: true } },
  "v1/channels/[id]/disable": { POST: { params: { id: "channel" }, bearer: true, runs: 10 } },
  "v1/posts": {
    GET: { query: listPostsQuerySchema, bearer: true, runs: 25 },
    POST: { body: postInputSchema, fix: validPost, bearer: true, runs: 50 },
  },
  "v1/posts/[id]": {
    GET: { params: { id: "post" }, bearer: true },
    PUT: { params: { id: "post" }, body: postInputSchema, fix: validPost, bearer: true, runs: 30 },
    DELETE: { params: { id: "post" }, bearer: true, runs: 10 },
  },
  "v1/posts/[id]/reschedule": { POST: { params: { id: "post" }, body: rescheduleSchema, bearer: true, runs: 20 } },
  "v1/posts/[id]/cancel": { POST: { params: { id: "post" }, bearer: true } },
  "v1/posts/[id]/duplicate": { POST: { params: { id: "post" }, bearer: true } },
  "v1/posts/import": { POST: { body: importRequestSchema, fix: csvImport, runs: 40, bearer: true } },
  "v1/feeds": { GET: { bearer: true }, POST: { body: newFeedSchema, runs: 40, bearer: true } },
  "v1/feeds/[id]": { DELETE: { params: { id: "post" }, runs: 10, bearer: true } },
  "v1/feeds/[id]/check": { POST: { params: { id: "post" }, runs: 10, bearer: true } },
  "v1/targets/[id]/retry": { POST: { params: { id: "target" }, bearer: true } },
  "v1/media": { GET: { query: listQuerySchema, bearer: true, runs: 30 }, POST: { custom: upload, bearer: true, runs: 30 } },
  "v1/media/from-url": { POST: { body: fromUrlSchema, bearer: true, runs: 30 } },
  "v1/media/[id]": { DELETE: { params: { id: "media" }, bearer: true, runs: 10 } },
  "v1/analytics/overview": { GET: { query: periodQuery, bearer: true } },
  "v1/analytics/channels/[id]": { GET: { params: { id: "channel" }, query: periodQuery, bearer: true } },
  "v1/analytics/posts/[id]": { GET: { params: { id: "target" }, bearer: true } },
  "v1/schedules": { GET: { bearer: true }, PUT: { body: scheduleInputSchema, fix: validSchedule, bearer: true, runs: 30 } },
  "v1/schedules/free-slots": { GET: { query: freeSlotsQuerySchema, bearer: true, runs: 20 } },
  "v1/queue": { POST: { body: queueInputSchema, fix: queueable, bearer: true, runs: 30 } },
  "v1/series": { POST: { body: seriesInputSchema, fix: validSeries, bearer: true, runs: 30 } },
  "v1/posts/[id]/series": { DELETE: { params: { id: "post" }, bearer: true, runs: 10 } },
  "v1/channel-sets": { GET: { bearer: true }, POST: { body: setInputSchema, fix: plainSet, bearer: true, runs: 30 } },
  "v1/channel-groups": { GET: { bearer: true }, POST: { body: groupInputSchema, bearer: true, runs: 30 } },
  "v1/signatures": { GET: { bearer: true }, POST: { body: signatureInputSchema, fix: knownPlatforms, bearer: true, runs: 30 } },
  // The MCP endpoint: JSON-RPC calls of every tool with arguments from its own schema, then broken.
  mcp: { POST: { custom: mcpCall, bearer: true, runs: 80 }, GET: { bearer: true, runs: 3 }, DELETE: { bearer: true, runs: 3 } },
};
