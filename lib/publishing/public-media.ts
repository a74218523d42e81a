import "server-only";
import { uploadsPublicProblem } from "@/lib/media/public-reach";
import { publicMediaUrlOf } from "@/lib/media/public-url";
import { ProviderError } from "@/providers/core/errors";
import type { MediaItem } from "@/providers/social.integrations.interface";

/**
 * PublishContext.publicMediaUrl for one organization's target: a link attachment's own address,
 * or a library upload's signed public URL. The composer and the server refuse uploads for such
 * platforms while the server has no public address; a post scheduled before that changed (APP_URL
 * made private, the object store removed) fails here, saying why, instead of sending a dead link.
 */
export function publicMediaUrlFor(organizationId: string) {
  return async (m: MediaItem): Promise<string> => {
    if (m.url) return m.url;
    if (!m.mediaId || !m.path) throw new ProviderError("bad-body", "An attachment has neither a link nor a file in the media library");
    const problem = uploadsPublicProblem();
    if (problem)
      throw new ProviderError(
        "bad-body",
        `An uploaded file has no public address the platform could fetch: ${problem}; attach it by its link instead`,
      );
    return publicMediaUrlOf({ id: m.mediaId, organizationId, path: m.path, mimeType: m.mimeType });
  };
}
