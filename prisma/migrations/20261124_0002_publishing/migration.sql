-- Publishing engine: what the worker needs on each target to claim it, to know when it is due,
-- to survive a crash mid-publish and to enforce each platform's concurrency across processes.

-- A call reached the platform but its answer was lost and nothing can confirm it.
ALTER TYPE "TargetStatus" ADD VALUE 'unconfirmed';

-- The provider's id (denormalised from the channel) and its shared concurrency group.
ALTER TABLE post_targets ADD COLUMN provider text NOT NULL DEFAULT '';
ALTER TABLE post_targets ADD COLUMN publish_group text NOT NULL DEFAULT '';
-- When the engine should next work on the target: the scheduled time, then each retry's time.
ALTER TABLE post_targets ADD COLUMN due_at timestamptz(3);
-- The worker holding the target and until when; an expired lease means the worker died.
ALTER TABLE post_targets ADD COLUMN claimed_by text;
ALTER TABLE post_targets ADD COLUMN lease_until timestamptz(3);
-- The item whose platform call is in flight: after a crash, the one whose fate is unknown.
ALTER TABLE post_targets ADD COLUMN calling_item integer;
ALTER TABLE post_targets ADD COLUMN calling_since timestamptz(3);
-- The pg-boss job that will run the target (moved or cancelled with it).
ALTER TABLE post_targets ADD COLUMN job_id text;

-- The due-work query reads only scheduled targets whose time has come: an index range scan that
-- does not grow with the number of future posts.
CREATE INDEX post_targets_due_idx ON post_targets (due_at) WHERE status = 'scheduled';
-- Expired leases, and the live count per concurrency group.
CREATE INDEX post_targets_publishing_idx ON post_targets (publish_group, lease_until) WHERE status = 'publishing';
CREATE INDEX post_targets_integration_id_status_idx ON post_targets (integration_id, status);
CREATE INDEX post_targets_post_id_idx ON post_targets (post_id);

-- One row per place a publishing group has (maxConcurrentJob of its platform). Claiming a target
-- takes a free place with FOR UPDATE SKIP LOCKED in the same statement, so the limit holds across
-- all worker processes without anyone waiting on a lock; a dead worker's place frees itself when
-- its lease runs out.
CREATE TABLE publish_slots (
  publish_group text NOT NULL,
  slot          integer NOT NULL,
  target_id     text,
  claimed_by    text,
  lease_until   timestamptz(3),
  PRIMARY KEY (publish_group, slot)
);
