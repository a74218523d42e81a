-- Recurring posts. A series holds the rule (RFC 5545 RRULE semantics), the time zone its wall
-- times are read in, the content every occurrence starts from, and how far occurrences have been
-- materialized. Each occurrence is an ordinary post (own targets, status, analytics) that points
-- back to its series; the unique (series, occurrence time) pair makes materializing idempotent,
-- even when two workers extend the same series at once.
CREATE TABLE post_series (
  id                 text           PRIMARY KEY,
  organization_id    text           NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  created_by_id      text,
  -- { freq, interval, weekdays, end: { kind, count?, until? } }, validated by lib/recurrence/rule.ts.
  rule               jsonb          NOT NULL,
  -- The first occurrence as a wall time in time_zone ("2027-03-01T09:00"): every later one keeps its clock time.
  start_local        text           NOT NULL,
  time_zone          text           NOT NULL,
  -- The post input's targets (channels, items, settings) copied into each new occurrence.
  template           jsonb          NOT NULL,
  -- Set when the series was split or stopped: no occurrence at or after this instant belongs to it.
  ends_before        timestamptz(3),
  -- The last occurrence time created so far; the horizon job continues strictly after it.
  materialized_until timestamptz(3),
  -- Why the last extension could not create occurrences (a channel disconnected, say), or null.
  last_error         text,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  updated_at         timestamptz(3) NOT NULL
);
CREATE INDEX post_series_organization_id_idx ON post_series (organization_id);

ALTER TABLE posts ADD COLUMN series_id text REFERENCES post_series(id) ON DELETE SET NULL ON UPDATE CASCADE;
-- The occurrence time the rule produced (publish_at may differ once the post is edited alone).
ALTER TABLE posts ADD COLUMN occurrence_at timestamptz(3);
-- Edited on its own ("this one"): an ordinary post now, no longer changed by edits to the series.
ALTER TABLE posts ADD COLUMN series_detached boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX posts_series_id_occurrence_at_key ON posts (series_id, occurrence_at);
