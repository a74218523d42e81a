-- Posting schedules, the queue and the evergreen pool (docs/planning.md).
--
-- A channel's weekly posting slots: [{ "weekday": 0..6 (Monday = 0), "time": "HH:MM" }] as wall
-- times in time_zone, so a 09:00 slot stays 09:00 local across a DST change. paused keeps "Add to
-- queue" and evergreen filling off the channel; close_gaps moves later queued posts up one slot
-- when a queued post is cancelled, deleted or moved away.
CREATE TABLE channel_schedules (
  integration_id  text           PRIMARY KEY REFERENCES integrations(id) ON DELETE CASCADE,
  organization_id text           NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  time_zone       text           NOT NULL,
  slots           jsonb          NOT NULL DEFAULT '[]',
  paused          boolean        NOT NULL DEFAULT false,
  close_gaps      boolean        NOT NULL DEFAULT true,
  updated_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX channel_schedules_organization_id_idx ON channel_schedules (organization_id);

-- A target placed by "Add to queue" (or evergreen filling) in a schedule slot: only these are
-- shifted when a gap closes. The partial unique index is the last word against two requests
-- taking the same slot of a channel (the per-channel advisory lock is the first).
ALTER TABLE post_targets ADD COLUMN queued boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX post_targets_queue_slot_key ON post_targets (integration_id, due_at)
  WHERE queued AND status IN ('scheduled', 'publishing');

-- The evergreen pool: a post whose content is re-shared into free queue slots of its channels,
-- at most once per min_gap_days. The content is read from the post's targets at each re-share.
CREATE TABLE evergreen_items (
  id               text           PRIMARY KEY,
  organization_id  text           NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  post_id          text           NOT NULL UNIQUE REFERENCES posts(id) ON DELETE CASCADE,
  min_gap_days     integer        NOT NULL DEFAULT 30,
  last_queued_for  timestamptz(3),
  share_count      integer        NOT NULL DEFAULT 0,
  last_skip        text,
  created_by_id    text,
  created_at       timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX evergreen_items_organization_id_idx ON evergreen_items (organization_id);

-- Each re-share is its own post (own status, own analytics) that remembers where it came from.
ALTER TABLE posts ADD COLUMN evergreen_of text REFERENCES evergreen_items(id) ON DELETE SET NULL;
