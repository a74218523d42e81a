-- Analytics are stored as far as they could be collected: each collection records which metrics
-- it could not read and why ({what, metrics, reason, kind, retryAfterMs?} per gap), shown on the
-- overview. A collection with gaps ends in the state 'partial' (or 'waiting' when a gap is
-- transient); the state column is plain text, so no type changes.
ALTER TABLE analytics_collections ADD COLUMN gaps jsonb NOT NULL DEFAULT '[]'::jsonb;
