// Some platforms download a kind of attachment only from addresses the developer proved they own
// (TikTok's photos: a URL prefix or a domain verified in its developer portal). The operator names
// it in a setting (manifest media.<kind>.verifiedPrefix.envVar); these read that setting the same
// way for the composer's check, the server's and the provider's.

/** The verified prefix the setting names, or undefined when unset. */
export function verifiedPrefixOf(envVar: string, env: Record<string, string | undefined> = process.env): string | undefined {
  const v = env[envVar]?.trim();
  return v || undefined;
}

/**
 * Whether `url` is under `prefix`: a prefix with a scheme (https://cdn.example.com/media/) is
 * matched from the start; a bare domain (example.com) covers that host and its subdomains.
 */
export function underVerifiedPrefix(url: string, prefix: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(prefix)) return url.startsWith(prefix);
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const domain = prefix.toLowerCase().replace(/^\.+|\/+$/g, "");
  return host === domain || host.endsWith(`.${domain}`);
}
