// Response headers every page carries. The Content-Security-Policy allows scripts only from our
// origin and inline scripts carrying this request's nonce (Next adds the nonce to its own inline
// scripts when it finds it in the request's CSP header); 'strict-dynamic' lets those scripts load
// the app's chunks. Styles may be inline (React style attributes); images may come from the
// platforms' CDNs (channel avatars), so https: and, in the sandbox, the emulator's origin.

export function nonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

function origin(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(scriptNonce: string, env: Record<string, string | undefined> = process.env): string {
  const dev = env.NODE_ENV === "development";
  const sandbox = origin(env.PROVIDER_SANDBOX_URL);
  const images = ["'self'", "data:", "blob:", "https:", ...(sandbox ? [sandbox] : [])];
  return [
    "default-src 'self'",
    // React's dev build evaluates code for its overlays and stack traces; production never does.
    `script-src 'self' 'nonce-${scriptNonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images.join(" ")}`,
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers without per-request parts, for every response (next.config.ts sets them). */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
];
