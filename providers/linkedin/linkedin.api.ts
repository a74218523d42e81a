import { hostUrl } from "../core/hosts";
import { DEFAULT_LINKEDIN_VERSION, LINKEDIN_HOSTS } from "./linkedin.capabilities";
import { ApiSession, jsonBody } from "../core/api-session";
import { errorBody } from "../core/error-table";
import { ProviderError } from "../core/errors";
import type { FetchOptions, SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";

// Raw calls to LinkedIn's versioned REST API, shared by the personal and the page provider. Every
// request goes through the provider's fetch(), so errors, refresh and retries stay in one place.

export { DEFAULT_LINKEDIN_VERSION };

export function linkedInVersion(): string {
  return process.env.LINKEDIN_API_VERSION?.trim() || DEFAULT_LINKEDIN_VERSION;
}

/** Who calls: the member's token, and the publish context that can refresh it. */
export type LinkedInCall = { token: string; ctx?: PublishContext };

export const postUrl = (urn: string) => `https://www.linkedin.com/feed/update/${urn}`;

export class LinkedInApi {
  // One session per call object (one publish, one analytics read): a token refreshed by one of
  // its requests is the token of the next.
  private readonly sessions = new WeakMap<LinkedInCall, ApiSession>();

  constructor(
    private readonly client: SocialAbstract,
    private readonly providerId: string,
  ) {}

  base(): string {
    return hostUrl(this.providerId, "api", LINKEDIN_HOSTS.api);
  }

  private session(call: LinkedInCall): ApiSession {
    let s = this.sessions.get(call);
    if (!s) {
      s = new ApiSession(this.client, { base: () => this.base(), headers: restLiHeaders }, call.token, call.ctx);
      this.sessions.set(call, s);
    }
    return s;
  }

  /** GET {base}{path}; `path` carries its own query, Rest.li parentheses left unencoded. */
  get<T>(call: LinkedInCall, path: string, action: string): Promise<T> {
    return this.session(call).get<T>(path, action);
  }

  post<T>(call: LinkedInCall, path: string, body: unknown, action: string, extra?: FetchOptions): Promise<T> {
    return this.session(call).post<T>(path, body, action, extra);
  }

  /** POST /rest/posts: LinkedIn answers 201 with an empty body and the URN in x-restli-id. */
  async createPost(call: LinkedInCall, body: unknown): Promise<string> {
    const res = await this.session(call).send("/rest/posts", jsonBody(body), { action: "create the post" });
    const urn = res.headers.get("x-restli-id");
    if (!urn) {
      throw new ProviderError("retry", "LinkedIn accepted the post but did not say which post it created (no x-restli-id header)", {
        status: res.status,
        mayHavePublished: true,
      });
    }
    return urn;
  }

  /** POST /rest/socialActions/{urn}/comments: LinkedIn comments always hang off the post itself. */
  async createComment(call: LinkedInCall, postUrn: string, actor: string, text: string): Promise<{ urn: string; id: string }> {
    const res = await this.session(call).send(
      `/rest/socialActions/${encodeURIComponent(postUrn)}/comments`,
      jsonBody({ actor, object: postUrn, message: { text } }),
      { action: "add the comment" },
    );
    // The header below still names the comment when the body is empty or unreadable.
    const body = errorBody<{ id?: string; $URN?: string }>(await res.text());
    const id = body.id ?? res.headers.get("x-restli-id") ?? "";
    if (!id)
      throw new ProviderError("retry", "LinkedIn accepted the comment but did not say which comment it created", {
        status: res.status,
        mayHavePublished: true,
      });
    return { id, urn: body.$URN ?? `urn:li:comment:(${postUrn},${id})` };
  }

  /** PUT bytes to an upload URL LinkedIn handed out (no API headers); returns the etag (video parts need it). */
  async upload(call: LinkedInCall, url: string, bytes: Uint8Array, mimeType: string): Promise<string> {
    const res = await this.client.fetch(
      url,
      { method: "PUT", headers: { "Content-Type": mimeType }, body: bytes as BodyInit },
      this.session(call).options({ action: "upload media", timeoutMs: 300_000 }),
    );
    return res.headers.get("etag") ?? "";
  }
}

/** LinkedIn's versioned REST API wants its version and the Rest.li protocol on every call. */
function restLiHeaders(): Record<string, string> {
  return { "LinkedIn-Version": linkedInVersion(), "X-Restli-Protocol-Version": "2.0.0" };
}
