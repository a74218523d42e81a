-- Link preview cards (issue 23): what a page's Open Graph / Twitter / oEmbed tags say, cached by
-- normalized URL. A failed fetch is cached too (error set, a shorter expires_at), so a dead link
-- typed into the composer is not fetched again on every keystroke. Not organization-scoped: the
-- rows hold only what the public page shows anyone.
CREATE TABLE link_previews (
  url         text PRIMARY KEY,
  final_url   text,
  title       text,
  description text,
  image       text,
  site_name   text,
  icon        text,
  error       text,
  fetched_at  timestamptz(3) NOT NULL,
  expires_at  timestamptz(3) NOT NULL
);
CREATE INDEX link_previews_expires_at_idx ON link_previews (expires_at);
