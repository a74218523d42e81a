import { outboundFetch } from "@/lib/net/outbound";

// The HTTP client under SocialAbstract.fetch: every platform call leaves through lib/net/outbound
// (guarded keep-alive agents, checked redirects, capped answers), whatever its body.

type Init = RequestInit & { headers: Headers; signal: AbortSignal };

function transport(url: string, init: Init): Promise<Response> {
  return outboundFetch(url, { method: init.method, headers: init.headers, body: init.body, signal: init.signal, redirect: init.redirect });
}

/** The client SocialAbstract sends through; tests replace `send` to script a platform's answers. */
export const httpClient = {
  send: transport as (url: string, init: RequestInit & { headers: Headers; signal: AbortSignal }) => Promise<Response>,
};
