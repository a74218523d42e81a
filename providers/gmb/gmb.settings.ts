import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

// Per-post settings of a Google Business Profile local post (v4 LocalPost, ../shared/platforms/gmb.md §2,
// developers.google.com/my-business/content/posts-data). The post type picks Google's topicType:
// an EVENT needs a title and a schedule; an OFFER needs a schedule too (the LocalPost reference:
// "event: Required for topic types EVENT and OFFER", its title naming the offer) and may carry a
// coupon, a redeem link and terms. A call-to-action button goes on standard and event posts (Google
// ignores it on offers); every action but CALL needs its URL (CALL dials the profile's phone).
// Dates are the location's local date and time, as Google's schedule (Date + TimeOfDay) has no zone.

export const GMB_POST_TYPES = ["STANDARD", "EVENT", "OFFER"] as const;
export const GMB_ACTIONS = ["BOOK", "ORDER", "SHOP", "LEARN_MORE", "SIGN_UP", "CALL"] as const;
/** The post editor's title cap (58); the v4 reference gives no limit, so this is this server's conservative bound. */
export const GMB_TITLE_MAX = 58;

const typeLabels: OptionLabels<(typeof GMB_POST_TYPES)[number]> = { STANDARD: "Update", EVENT: "Event", OFFER: "Offer" };
const actionLabels: OptionLabels<(typeof GMB_ACTIONS)[number]> = {
  BOOK: "Book",
  ORDER: "Order online",
  SHOP: "Buy",
  LEARN_MORE: "Learn more",
  SIGN_UP: "Sign up",
  CALL: "Call now",
};

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
/** Which post types a field belongs to (the composer shows it only for them; the schema refuses it elsewhere). */
const SCHEDULED = { field: "postType", in: ["EVENT", "OFFER"] };
const OFFER_ONLY = { field: "postType", in: ["OFFER"] };
const WITH_BUTTON = { field: "postType", in: ["STANDARD", "EVENT"] };

const localTime = (field: string, title: string) =>
  z
    .string()
    .trim()
    .regex(LOCAL_TIME, { error: `${field}: give a date and time such as 2026-09-01T18:30` })
    .refine((v) => !Number.isNaN(Date.parse(`${v}:00Z`)), { error: `${field}: not a real date` })
    .optional()
    .meta({ title, description: "The location's local date and time (YYYY-MM-DDTHH:MM).", showWhen: SCHEDULED });

const httpUrl = (field: string) =>
  z.url({ protocol: /^https?$/, error: `${field}: give an http(s) address` }).max(2000, `${field}: at most 2,000 characters`);

export const gmbSettings = z
  .object({
    postType: z.enum(GMB_POST_TYPES, { error: "postType: STANDARD, EVENT or OFFER" }).default("STANDARD").meta({
      title: "Post type",
      description: "An update, an event (title, start and end) or an offer (title, start and end, coupon, terms).",
      optionLabels: typeLabels,
    }),
    title: z
      .string()
      .trim()
      .min(1, "title: cannot be empty")
      .max(GMB_TITLE_MAX, `title: at most ${GMB_TITLE_MAX} characters`)
      .optional()
      .meta({ title: "Event or offer title", description: "Required for event and offer posts.", showWhen: SCHEDULED }),
    start: localTime("start", "Starts"),
    end: localTime("end", "Ends"),
    couponCode: z.string().trim().max(58, "couponCode: at most 58 characters").optional().meta({
      title: "Coupon code",
      showWhen: OFFER_ONLY,
    }),
    redeemOnlineUrl: httpUrl("redeemOnlineUrl").optional().meta({ title: "Redeem online link", showWhen: OFFER_ONLY }),
    termsConditions: z.string().trim().max(5000, "termsConditions: at most 5,000 characters").optional().meta({
      title: "Terms and conditions",
      showWhen: OFFER_ONLY,
    }),
    actionType: z.enum(GMB_ACTIONS, { error: "actionType: one of BOOK, ORDER, SHOP, LEARN_MORE, SIGN_UP, CALL" }).optional().meta({
      title: "Button",
      description: "Google ignores buttons on offers.",
      showWhen: WITH_BUTTON,
      optionLabels: actionLabels,
      emptyLabel: "No button",
    }),
    actionUrl: httpUrl("actionUrl")
      .optional()
      .meta({ title: "Button link", description: "Every button but “Call now” needs one.", showWhen: WITH_BUTTON }),
  })
  .superRefine((s, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const scheduled = s.postType === "EVENT" || s.postType === "OFFER";
    const what = s.postType === "EVENT" ? "an event post" : "an offer post";
    if (scheduled) {
      if (!s.title) issue("title", `title: ${what} needs a title`);
      if (!s.start) issue("start", `start: ${what} needs its start date and time`);
      if (!s.end) issue("end", `end: ${what} needs its end date and time`);
      if (s.start && s.end && s.end <= s.start) issue("end", "end: must be after the start");
    } else {
      for (const f of ["title", "start", "end"] as const) if (s[f]) issue(f, `${f}: only event and offer posts take it`);
    }
    if (s.postType !== "OFFER")
      for (const f of ["couponCode", "redeemOnlineUrl", "termsConditions"] as const) if (s[f]) issue(f, `${f}: only offer posts take it`);
    if (s.postType === "OFFER" && (s.actionType || s.actionUrl)) issue("actionType", "actionType: Google ignores buttons on offer posts");
    if (s.actionType && s.actionType !== "CALL" && !s.actionUrl)
      issue("actionUrl", `actionUrl: the ${actionLabels[s.actionType]} button needs a link`);
    if (s.actionType === "CALL" && s.actionUrl)
      issue("actionUrl", "actionUrl: “Call now” dials the profile's phone number and takes no link");
    if (s.actionUrl && !s.actionType) issue("actionType", "actionType: choose the button the link belongs to");
  })
  .meta({ title: "Google Business Profile settings" });

export type GmbSettings = z.infer<typeof gmbSettings>;
