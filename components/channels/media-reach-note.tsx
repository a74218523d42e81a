import type { Descriptor } from "./types";

/**
 * For a platform that downloads attachments itself (media.byLinkOnly): whether files uploaded
 * here can go to it, said on the channel before anyone schedules a post (the composer refuses such
 * an upload with the same reason). Nothing is shown when uploads reach it.
 */
export function mediaReachNote(provider: Descriptor | undefined): string | null {
  if (!provider?.media.byLinkOnly) return null;
  if (provider.media.keepsLink)
    return `${provider.name} shows media from its link for as long as a post exists, so files uploaded here (whose public addresses expire) cannot be attached; attach media by a lasting link.`;
  if (provider.uploadsNotPublic)
    return `${provider.name} downloads media from a public address, and ${provider.uploadsNotPublic}, so files uploaded here cannot be attached; attach media by link, or ask the operator to set a public APP_URL or an object store.`;
  return null;
}

export function MediaReachNote({ provider }: { provider: Descriptor | undefined }) {
  const note = mediaReachNote(provider);
  if (!note) return null;
  return (
    <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="media-reach-note">
      {note}
    </p>
  );
}
