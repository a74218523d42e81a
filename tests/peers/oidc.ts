import path from "node:path";
import type { Server } from "node:http";

// A real, certified OAuth 2.0 / OpenID Connect server (oidc-provider) for the generic connect
// path: PKCE S256, state, code exchange, refresh with rotation and reuse detection.
export type OidcPeer = { issuer: string; clientId: string; clientSecret: string; stop: () => Promise<void> };

export async function startOidc(opts: { redirectUri: string; port?: number }): Promise<OidcPeer> {
  const entry = path.resolve("tests/peers/node_modules/oidc-provider/lib/index.js");
  const { default: Provider } = (await import(/* @vite-ignore */ entry)) as { default: new (issuer: string, conf: object) => { listen: (p: number, h: string) => Server } };
  const port = opts.port ?? 9400 + Math.floor(Math.random() * 500);
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: "scheduler", client_secret: "scheduler-secret", redirect_uris: [opts.redirectUri],
      grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "client_secret_post",
    }],
    pkce: { required: () => true },
    scopes: ["openid", "offline_access", "post.write"],
    features: { devInteractions: { enabled: true }, revocation: { enabled: true }, introspection: { enabled: true } },
    ttl: { AccessToken: 60, RefreshToken: 3600, AuthorizationCode: 60, Session: 3600, Interaction: 600, Grant: 3600 },
    rotateRefreshToken: true,
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, name: `User ${sub}` }) }),
    cookies: { keys: ["test-cookie-key"] },
  });
  const server = provider.listen(port, "127.0.0.1");
  await new Promise((ok) => server.once("listening", ok));
  return {
    issuer, clientId: "scheduler", clientSecret: "scheduler-secret",
    stop: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

/** Logs in as `login` and consents in the server's own forms, like a user would; returns the redirect. */
export async function loginAndConsent(authorizeUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair!.split("=");
      jar.set(k!, v ?? "");
    }
  };
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as object), cookie: cookie() } });
    keep(res);
    return res;
  };
  let res = await go(authorizeUrl);
  for (let hop = 0; hop < 10; hop++) {
    const location = res.headers.get("location");
    if (location) {
      const next = new URL(location, authorizeUrl);
      if (!next.pathname.startsWith("/interaction") && !next.pathname.startsWith("/auth")) return next;
      res = await go(next.toString());
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form in interaction page: ${html.slice(0, 300)}`);
    const form = new URLSearchParams();
    if (html.includes('name="login"')) {
      form.set("prompt", "login");
      form.set("login", login);
      form.set("password", "x");
    } else form.set("prompt", "consent");
    res = await go(new URL(action, authorizeUrl).toString(), { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
  }
  throw new Error("too many redirects in the authorization flow");
}
