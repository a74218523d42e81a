// Which server a channel's account lives on, as part of the channel's identity: account ids are
// unique only on their own server (Mastodon ids like "1" or "109…" repeat across servers). It is
// the channel's instance URL normalised so that spellings of one server compare equal; platforms
// with a single host have no instance URL and get "". Migration 0005 applies the same rules in
// SQL to the rows that existed before, so keep the two in step.

/** "HTTPS://Mastodon.Social:443/" -> "https://mastodon.social"; a path is kept (a site may live under one). */
export function serverIdentity(instanceUrl: string | null | undefined): string {
  const raw = instanceUrl?.trim();
  if (!raw) return "";
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return raw.replace(/\/+$/, "").toLowerCase();
  }
}

/** How a server is named to the user in messages ("mastodon.social", or the whole URL when it has a path). */
export function serverLabel(server: string): string {
  if (!server) return "";
  try {
    const url = new URL(server);
    return url.pathname === "/" || url.pathname === "" ? url.host : `${url.host}${url.pathname}`;
  } catch {
    return server;
  }
}
