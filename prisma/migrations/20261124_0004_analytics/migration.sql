-- Analytics: post metrics as daily snapshots, the collection state of each channel, and the index
-- the dashboards read account metrics through.

-- One value of one metric of one published post, as collected on one (UTC) day. Counters such as
-- likes only grow, so the latest day is the post's current figure and earlier days its history.
-- Re-collecting on the same day overwrites the row (UNIQUE target, metric, day).
CREATE TABLE post_metric_samples (
  id               text PRIMARY KEY,
  organization_id  text NOT NULL,
  integration_id   text NOT NULL REFERENCES integrations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  target_id        text NOT NULL REFERENCES post_targets(id) ON DELETE CASCADE ON UPDATE CASCADE,
  platform_post_id text NOT NULL,
  metric           text NOT NULL,
  day              date NOT NULL,
  value            double precision NOT NULL,
  collected_at     timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (target_id, metric, day)
);
CREATE INDEX post_metric_samples_organization_id_integration_id_day_idx ON post_metric_samples (organization_id, integration_id, day);

-- Where each channel's collection stands: what the scheduler, the job and "refresh now" share.
-- state: pending (wanted) -> queued (a job exists) -> running -> done | waiting (rate limited,
-- a delayed job exists until retry_at) | failed (message says why).
CREATE TABLE analytics_collections (
  integration_id  text PRIMARY KEY REFERENCES integrations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  organization_id text NOT NULL,
  state           text NOT NULL DEFAULT 'pending',
  step            text,
  done            integer NOT NULL DEFAULT 0,
  total           integer NOT NULL DEFAULT 0,
  message         text,
  retry_at        timestamptz(3),
  attempted_at    timestamptz(3),
  succeeded_at    timestamptz(3),
  updated_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX analytics_collections_organization_id_idx ON analytics_collections (organization_id);
CREATE INDEX analytics_collections_state_idx ON analytics_collections (state);

-- The dashboards read a few metrics of every channel of an organization over a date range; with
-- the metric first and the values included, that is an index-only range scan per metric.
CREATE INDEX metric_samples_organization_id_metric_day_idx ON metric_samples (organization_id, metric, day) INCLUDE (integration_id, value);
