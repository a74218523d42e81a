import { hostUrl } from "../core/hosts";
import { DEFAULT_LINKEDIN_VERSION, LINKEDIN_HOSTS } from "./linkedin.capabilities";
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
  constructor(
    private readonly client: SocialAbstract,
    private readonly providerId: string,
  ) {}

  base(): string {
    return hostUrl(this.providerId, "api", LINKEDIN_HOSTS.api);
  }

  private headers(json: boolean): Record<string, string> {
    return {
      "LinkedIn-Version": linkedInVersion(),
      "X-Restli-Protocol-Version": "2.0.0",
      ...(json ? { "Content-Type": "application/json" } : {}),
    };
  }

  private opts(call: LinkedInCall, action: string, extra: FetchOptions = {}): FetchOptions {
    return { token: call.token, ctx: call.ctx, action, ...extra };
  }

  /** GET {base}{path}; `path` carries its own query, Rest.li parentheses left unencoded. */
  get<T>(call: LinkedInCall, path: string, action: string): Promise<T> {
    return this.client.fetchJson<T>(`${this.base()}${path}`, { headers: this.headers(false) }, this.opts(call, action));
  }

  post<T>(call: LinkedInCall, path: string, body: unknown, action: string, extra?: FetchOptions): Promise<T> {
    return this.client.fetchJson<T>(
      `${this.base()}${path}`,
      { method: "POST", headers: this.headers(true), body: JSON.stringify(body) },
      this.opts(call, action, extra),
    );
  }

  /** POST /rest/posts: LinkedIn answers 201 with an empty body and the URN in x-restli-id. */
  async createPost(call: LinkedInCall, body: unknown): Promise<string> {
    const res = await this.client.fetch(
      `${this.base()}/rest/posts`,
      { method: "POST", headers: this.headers(true), body: JSON.stringify(body) },
      this.opts(call, "create the post"),
    );
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
    const res = await this.client.fetch(
      `${this.base()}/rest/socialActions/${encodeURIComponent(postUrn)}/comments`,
      { method: "POST", headers: this.headers(true), body: JSON.stringify({ actor, object: postUrn, message: { text } }) },
      this.opts(call, "add the comment"),
    );
    const raw = await res.text();
    let body: { id?: string; $URN?: string } = {};
    try {
      body = raw ? (JSON.parse(raw) as typeof body) : {};
    } catch {
      /* the header below still names the comment */
    }
    const id = body.id ?? res.headers.get("x-restli-id") ?? "";
    if (!id)
      throw new ProviderError("retry", "LinkedIn accepted the comment but did not say which comment it created", {
        status: res.status,
        mayHavePublished: true,
      });
    return { id, urn: body.$URN ?? `urn:li:comment:(${postUrn},${id})` };
  }

  /** PUT bytes to an upload URL LinkedIn handed out; returns the etag (video parts need it). */
  async upload(call: LinkedInCall, url: string, bytes: Uint8Array, mimeType: string): Promise<string> {
    const res = await this.client.fetch(
      url,
      { method: "PUT", headers: { "Content-Type": mimeType }, body: bytes as BodyInit },
      this.opts(call, "upload media", { timeoutMs: 300_000 }),
    );
    return res.headers.get("etag") ?? "";
  }
}
