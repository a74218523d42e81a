-- RSS and Atom feeds that post their new items (docs/planning.md, "RSS and Atom feeds").

-- One feed an organization follows. channels: [{channelId, template?}] (a channel's own template
-- overrides the feed's). mode: 'now' publishes each new item at once, 'draft' saves it for review.
-- The poller claims a due feed by moving next_check_at forward in one conditional UPDATE, so two
-- workers never check the same feed at once. etag/last_modified make the next GET conditional.
CREATE TABLE feeds (
  id                   text PRIMARY KEY,
  organization_id      text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  created_by_id        text,
  url                  text NOT NULL,
  title                text NOT NULL DEFAULT '',
  template             text NOT NULL,
  channels             jsonb NOT NULL DEFAULT '[]'::jsonb,
  mode                 text NOT NULL DEFAULT 'now',
  interval_minutes     integer NOT NULL DEFAULT 15,
  paused               boolean NOT NULL DEFAULT false,
  paused_reason        text,
  etag                 text,
  last_modified        text,
  next_check_at        timestamptz(3) NOT NULL DEFAULT now(),
  last_checked_at      timestamptz(3),
  last_status          text,
  last_error           text,
  last_error_at        timestamptz(3),
  consecutive_failures integer NOT NULL DEFAULT 0,
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  updated_at           timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (organization_id, url)
);
CREATE INDEX feeds_paused_next_check_at_idx ON feeds (paused, next_check_at);

-- Every item a feed has shown, by its identity (guid, else link, else a hash of title and link).
-- UNIQUE (feed_id, item_key) is what makes an item post at most once: a worker inserts the row
-- before it creates the post, and a second worker (or a restarted one) finds it taken.
-- state: seen (there when the feed was added; never posted) | posted | failed (error says why).
CREATE TABLE feed_items (
  id              text PRIMARY KEY,
  organization_id text NOT NULL,
  feed_id         text NOT NULL REFERENCES feeds(id) ON DELETE CASCADE ON UPDATE CASCADE,
  item_key        text NOT NULL,
  title           text NOT NULL DEFAULT '',
  link            text,
  published_at    timestamptz(3),
  state           text NOT NULL,
  post_id         text REFERENCES posts(id) ON DELETE SET NULL ON UPDATE CASCADE,
  error           text,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (feed_id, item_key)
);
CREATE INDEX feed_items_organization_id_feed_id_created_at_idx ON feed_items (organization_id, feed_id, created_at);
