-- A channel's identity includes the server its account lives on. Account ids repeat across
-- Mastodon servers (and PDSes, Lemmy or WordPress sites…), so (organization, provider, account id)
-- let a second server's account replace the first channel. `server` is the channel's instance URL
-- normalised as lib/channels/server-identity.ts does it ('' on single-host platforms); existing
-- rows keep their ids, so their posts, targets and metrics stay attached.

ALTER TABLE integrations ADD COLUMN server text NOT NULL DEFAULT '';

-- scheme and host lower-cased, the scheme's default port dropped, query, fragment and trailing
-- slashes removed: "HTTPS://Mastodon.Social:443/" -> "https://mastodon.social".
UPDATE integrations i
SET server = p.scheme || '://' ||
  CASE WHEN (p.scheme = 'https' AND p.authority ~ ':443$') OR (p.scheme = 'http' AND p.authority ~ ':80$')
    THEN regexp_replace(p.authority, ':[0-9]+$', '') ELSE p.authority END ||
  regexp_replace(p.path, '/+$', '')
FROM (
  SELECT id, lower(m[1]) AS scheme, lower(m[2]) AS authority, m[3] AS path
  FROM (SELECT id, regexp_match(btrim(instance_url), '^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]+)([^?#]*)') AS m FROM integrations WHERE instance_url IS NOT NULL) AS parsed
  WHERE m IS NOT NULL
) AS p
WHERE p.id = i.id;

-- The new key is finer than the old one, so no existing row can collide with another.
ALTER TABLE integrations DROP CONSTRAINT integrations_organization_id_provider_internal_id_key;
ALTER TABLE integrations ADD CONSTRAINT integrations_organization_id_provider_server_internal_id_key UNIQUE (organization_id, provider, server, internal_id);

-- OAuth clients the app registered itself on a server (Mastodon's POST /api/v1/apps), one per
-- provider and server, reused across connections and organizations. client_secret is encrypted.
CREATE TABLE app_clients (
  provider      text NOT NULL,
  server        text NOT NULL,
  client_id     text NOT NULL,
  client_secret text NOT NULL,
  redirect_uri  text NOT NULL,
  scopes        text NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, server)
);
