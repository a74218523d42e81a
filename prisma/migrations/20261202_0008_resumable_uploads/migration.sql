-- Large video uploads (YouTube's resumable protocol) and per-app daily platform quotas.
--
-- media.size was a 32-bit integer, which capped library files at 2 GiB - 1; videos are larger.
ALTER TABLE media ALTER COLUMN size TYPE bigint;

-- Where a resumable upload stands, saved as each chunk is confirmed so that a restarted worker
-- asks the platform for its offset and continues instead of sending the file again; and a short
-- progress line ("Uploading 42%") shown on the target while it publishes.
ALTER TABLE post_targets ADD COLUMN upload_state jsonb;
ALTER TABLE post_targets ADD COLUMN upload_progress text;

-- A platform's daily allowance per app (this deployment), e.g. YouTube's 10,000 units: what was
-- used in each bucket on the platform's day (reset at midnight in its zone).
CREATE TABLE platform_quota_usage (
  provider   text        NOT NULL,
  bucket     text        NOT NULL,
  day        date        NOT NULL,
  used       integer     NOT NULL DEFAULT 0,
  exhausted  boolean     NOT NULL DEFAULT false,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, bucket, day)
);
