-- Outgoing webhooks (docs/webhooks.md). An organization's endpoints, and an outbox of deliveries:
-- one row per (event, matching endpoint), written in the same transaction as the change it tells
-- about, so an event is never lost nor invented by a crash. The worker delivers each row through a
-- pg-boss job and logs every attempt.
CREATE TABLE webhook_endpoints (
  id              text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  url             text NOT NULL,
  description     text NOT NULL DEFAULT '',
  -- Event types wanted ([] = all) and channel ids wanted ([] = all), as JSON arrays of strings.
  events          jsonb NOT NULL DEFAULT '[]'::jsonb,
  channel_ids     jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- "whsec_..." encrypted with lib/crypto/secret-box.ts.
  secret          text NOT NULL,
  enabled         boolean NOT NULL DEFAULT true,
  disabled_reason text,
  disabled_at     timestamptz(3),
  -- Since when every attempt has failed (NULL after a success), and how many events in a row
  -- finally failed: either one past its limit disables the endpoint.
  failing_since   timestamptz(3),
  failed_events   integer NOT NULL DEFAULT 0,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_organization_id_idx ON webhook_endpoints (organization_id);

CREATE TABLE webhook_deliveries (
  -- The Standard Webhooks message id ("webhook-id" header): the same on every attempt.
  id              text PRIMARY KEY DEFAULT ('msg_' || replace(gen_random_uuid()::text, '-', '')),
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  endpoint_id     text NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_type      text NOT NULL,
  data            jsonb NOT NULL,
  occurred_at     timestamptz(3) NOT NULL DEFAULT now(),
  -- Keeps one event per change when several rows of one statement would raise it (post.failed).
  dedupe_key      text,
  status          text NOT NULL DEFAULT 'pending', -- pending | delivering | delivered | failed
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
  claimed_by      text,
  lease_until     timestamptz(3),
  -- The pg-boss job that will deliver it; NULL = none yet (rows written by the triggers below get
  -- theirs from the worker's sweep, woken by NOTIFY postmill_webhooks).
  job_id          text,
  last_status     integer,
  last_error      text,
  delivered_at    timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX webhook_deliveries_endpoint_id_dedupe_key_key ON webhook_deliveries (endpoint_id, dedupe_key);
CREATE INDEX webhook_deliveries_endpoint_id_created_at_idx ON webhook_deliveries (endpoint_id, created_at);
CREATE INDEX webhook_deliveries_status_idx ON webhook_deliveries (status, next_attempt_at) WHERE status IN ('pending', 'delivering');

CREATE TABLE webhook_attempts (
  id               text PRIMARY KEY DEFAULT ('att_' || replace(gen_random_uuid()::text, '-', '')),
  organization_id  text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  delivery_id      text NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempt          integer NOT NULL,
  started_at       timestamptz(3) NOT NULL,
  duration_ms      integer NOT NULL,
  status_code      integer,
  error            text,
  response_snippet text,
  created_at       timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempts_delivery_id_idx ON webhook_attempts (delivery_id);

-- Records an event for every enabled endpoint of the organization that wants it (its type, and one
-- of its channels when the endpoint filters by channel). The one matching rule, used by the app
-- (lib/webhooks/record.ts, which passes p_jobs: each row gets the id of the pg-boss job it creates
-- in the same transaction) and by the triggers below (no job yet: the worker's sweep gives one).
CREATE FUNCTION webhook_record(p_org text, p_type text, p_data jsonb, p_channels text[], p_dedupe text, p_jobs boolean DEFAULT false)
RETURNS TABLE (id text, job_id text) LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  INSERT INTO webhook_deliveries AS d (organization_id, endpoint_id, event_type, data, dedupe_key, job_id)
  SELECT p_org, e.id, p_type, p_data, p_dedupe, CASE WHEN p_jobs THEN gen_random_uuid()::text END FROM webhook_endpoints e
  WHERE e.organization_id = p_org AND e.enabled
    AND (e.events = '[]'::jsonb OR e.events ? p_type)
    AND (e.channel_ids = '[]'::jsonb OR e.channel_ids ?| p_channels)
  ON CONFLICT (endpoint_id, dedupe_key) DO NOTHING
  RETURNING d.id, d.job_id;
  IF FOUND AND NOT p_jobs THEN
    PERFORM pg_notify('postmill_webhooks', '');
  END IF;
END $$;

-- target.published / target.failed, and post.published / post.failed once every target of the post
-- has finished. A trigger, so whatever statement finishes a target (the publishing hot path's
-- publish_finish_and_claim, a failure, a disconnect failing many) writes its events in its own
-- transaction. It costs one index probe when the organization has no endpoint.
CREATE FUNCTION webhook_target_finished() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_channel record;
  v_post record;
  v_type text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE organization_id = NEW.organization_id AND enabled) THEN
    RETURN NULL;
  END IF;
  SELECT id, provider INTO v_channel FROM integrations WHERE id = NEW.integration_id;
  PERFORM webhook_record(NEW.organization_id, 'target.' || NEW.status::text,
    jsonb_build_object('targetId', NEW.id, 'postId', NEW.post_id, 'channelId', NEW.integration_id, 'platform', v_channel.provider,
      'status', NEW.status::text, 'publishedAt', NEW.published_at, 'url', NEW.results -> 0 ->> 'url',
      'error', CASE WHEN NEW.status = 'failed' THEN NEW.error_message END),
    ARRAY[NEW.integration_id], NULL);

  -- Targets of one post finishing at once in different transactions take turns here, and each
  -- statement below sees the others' commits, so exactly the last one to finish raises the post event.
  PERFORM pg_advisory_xact_lock(hashtext('webhook_post:' || NEW.post_id));
  SELECT bool_and(status IN ('published', 'failed')) AS done, bool_or(status = 'failed') AS any_failed,
    max(published_at) AS published_at, array_agg(integration_id) AS channels,
    jsonb_agg(jsonb_build_object('targetId', t.id, 'channelId', t.integration_id, 'platform', t.provider, 'status', t.status::text,
      'publishedAt', t.published_at, 'url', t.results -> 0 ->> 'url', 'error', CASE WHEN t.status = 'failed' THEN t.error_message END)
      ORDER BY t.created_at) AS targets
  INTO v_post FROM post_targets t WHERE t.post_id = NEW.post_id AND t.status <> 'cancelled';
  IF v_post.done THEN
    v_type := CASE WHEN v_post.any_failed THEN 'post.failed' ELSE 'post.published' END;
    PERFORM webhook_record(NEW.organization_id, v_type,
      jsonb_build_object('postId', NEW.post_id, 'status', CASE WHEN v_post.any_failed THEN 'failed' ELSE 'published' END,
        'publishedAt', v_post.published_at, 'targets', v_post.targets),
      v_post.channels, v_type || ':' || NEW.post_id || ':' || txid_current());
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER webhook_target_finished AFTER UPDATE OF status ON post_targets
FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('published', 'failed'))
EXECUTE FUNCTION webhook_target_finished();

-- channel.connected / channel.disconnected on every change of a channel's status (connect,
-- reconnect, a token refresh or publish that finds the account gone, validation). Deleting a
-- channel is recorded by lib/channels/queries.ts.
CREATE FUNCTION webhook_channel_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_type text;
BEGIN
  IF NEW.status = 'active' AND (TG_OP = 'INSERT' OR OLD.status <> 'active') THEN
    v_type := 'channel.connected';
  ELSIF TG_OP = 'UPDATE' AND OLD.status = 'active' AND NEW.status IN ('refresh_needed', 'disabled') THEN
    v_type := 'channel.disconnected';
  ELSE
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM webhook_endpoints WHERE organization_id = NEW.organization_id AND enabled) THEN
    PERFORM webhook_record(NEW.organization_id, v_type,
      jsonb_build_object('channelId', NEW.id, 'platform', NEW.provider, 'name', NEW.name, 'username', NEW.username, 'status', NEW.status::text),
      ARRAY[NEW.id], NULL);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER webhook_channel_status AFTER INSERT OR UPDATE OF status ON integrations
FOR EACH ROW EXECUTE FUNCTION webhook_channel_status();
