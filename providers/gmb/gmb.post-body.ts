import { ProviderError } from "../core/errors";
import type { PostItem } from "../social.integrations.interface";
import type { GmbSettings } from "./gmb.settings";

// The LocalPost body of one post (developers.google.com/my-business/content/posts-data and the v4
// LocalPost reference): summary, topicType, an event (title + schedule of Date and TimeOfDay) for
// EVENT and OFFER, the offer's coupon, link and terms, a call-to-action button (not on offers), and
// the photo as media[{mediaFormat: PHOTO, sourceUrl}], the only MediaItem field posts take.

const dateOf = (v: string) => {
  const [d, t] = v.split("T");
  const [year, month, day] = d!.split("-").map(Number);
  const [hours, minutes] = t!.split(":").map(Number);
  return { date: { year, month, day }, time: { hours, minutes, seconds: 0, nanos: 0 } };
};

export function localPostBody(item: PostItem, s: GmbSettings): Record<string, unknown> {
  const summary = item.text.trim();
  const media = item.media ?? [];
  if (media.length > 1) throw new ProviderError("bad-body", "A Google Business Profile post takes one photo");
  const photo = media[0];
  if (photo && !photo.url) throw new ProviderError("bad-body", "The photo has no public address for Google to download it from");
  if (!summary && !photo) throw new ProviderError("bad-body", "A Google Business Profile post needs text or a photo");
  const type = s.postType ?? "STANDARD";
  const body: Record<string, unknown> = { languageCode: "en-US", topicType: type, ...(summary ? { summary } : {}) };
  if (type !== "STANDARD") {
    if (!s.title || !s.start || !s.end)
      throw new ProviderError("bad-body", `settings.title, start and end: a ${type.toLowerCase()} post needs all three`);
    const start = dateOf(s.start);
    const end = dateOf(s.end);
    body.event = { title: s.title, schedule: { startDate: start.date, startTime: start.time, endDate: end.date, endTime: end.time } };
  }
  if (type === "OFFER") {
    const offer = {
      ...(s.couponCode ? { couponCode: s.couponCode } : {}),
      ...(s.redeemOnlineUrl ? { redeemOnlineUrl: s.redeemOnlineUrl } : {}),
      ...(s.termsConditions ? { termsConditions: s.termsConditions } : {}),
    };
    if (Object.keys(offer).length) body.offer = offer;
  } else if (s.actionType) {
    body.callToAction = { actionType: s.actionType, ...(s.actionType !== "CALL" && s.actionUrl ? { url: s.actionUrl } : {}) };
  }
  if (photo) body.media = [{ mediaFormat: "PHOTO", sourceUrl: photo.url }];
  return body;
}
