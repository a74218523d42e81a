import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { isThrottled, metaRetryAfter } from "./instagram.errors";

// One Graph API host as both Instagram variants use it: graph.facebook.com/{version} (Facebook
// Login) or graph.instagram.com/{version} (Instagram Login), with the same paths, parameters and
// error envelope (../shared/platforms/instagram.md §2). Every call goes through the provider's
// fetch(): the token as a bearer header, errors through its handleErrors, Meta's wait header read.

export type Graph = {
  api: SocialAbstract;
  /** The API base with its pinned version, e.g. https://graph.facebook.com/v24.0. */
  base: () => string;
};

export type GraphCall = { token: string; ctx?: PublishContext };

const query = (params: Record<string, string | number | boolean | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  return q;
};

export async function graphGet<T>(
  g: Graph,
  path: string,
  params: Record<string, string | number | boolean | undefined>,
  call: GraphCall,
  action: string,
): Promise<T> {
  const q = query(params).toString();
  return g.api.fetchJson<T>(
    `${g.base()}${path}${q ? `?${q}` : ""}`,
    {},
    {
      action,
      token: call.token,
      ctx: call.ctx,
      retryAfter: metaRetryAfter,
    },
  );
}

/**
 * A POST with the parameters as a form body. `creates`: the call makes something visible (a media
 * container is not; media_publish and a comment are), so a lost answer is reported as maybe made.
 */
export async function graphPost<T>(
  g: Graph,
  path: string,
  params: Record<string, string | number | boolean | undefined>,
  call: GraphCall,
  action: string,
  creates: boolean,
): Promise<T> {
  const res = await g.api
    .fetch(
      `${g.base()}${path}`,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: query(params) },
      { action, token: call.token, ctx: call.ctx, idempotent: false, retryAfter: metaRetryAfter },
    )
    .catch((e: unknown) => {
      // A throttled call was refused before any work was done; an unpublished container is no post.
      if (e instanceof ProviderError && e.details.mayHavePublished && (!creates || isThrottled(String(e.details.body ?? ""))))
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  return g.api.readJson<T>(res, action);
}
