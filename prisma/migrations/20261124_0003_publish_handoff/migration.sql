-- Finishing one target and claiming the next in one round trip. When a worker has published a
-- target and holds the next job of the same publishing group, it stores the result and hands its
-- place in the group straight to the next target, instead of releasing the place and claiming it
-- again. The statements run in order inside the function, each seeing the ones before.
CREATE FUNCTION publish_finish_and_claim(p_done text, p_worker text, p_results jsonb, p_next text, p_lease float8, p_mark boolean)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_stored boolean;
  v_group text;
  v_slot integer;
  v_prev record;
  v_row jsonb;
BEGIN
  UPDATE post_targets SET results = p_results, calling_item = NULL, calling_since = NULL, status = 'published', published_at = now(),
    due_at = NULL, error_kind = NULL, error_message = NULL, claimed_by = NULL, lease_until = NULL, updated_at = now()
  WHERE id = p_done AND claimed_by = p_worker AND status = 'publishing';
  v_stored := FOUND;

  SELECT publish_group, slot INTO v_group, v_slot FROM publish_slots WHERE target_id = p_done AND claimed_by = p_worker FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('stored', v_stored, 'claimed', NULL);
  END IF;

  IF p_next IS NOT NULL THEN
    SELECT id, status::text AS status, calling_item, calling_since INTO v_prev FROM post_targets
    WHERE id = p_next AND ((status = 'scheduled' AND due_at <= now()) OR (status = 'publishing' AND lease_until < now()))
    FOR UPDATE SKIP LOCKED;
    IF FOUND THEN
      UPDATE publish_slots SET target_id = p_next, lease_until = now() + make_interval(secs => p_lease) WHERE publish_group = v_group AND slot = v_slot;
      UPDATE post_targets t SET status = 'publishing', claimed_by = p_worker, lease_until = now() + make_interval(secs => p_lease),
        attempts = t.attempts + 1, updated_at = now(),
        calling_item = CASE WHEN p_mark THEN COALESCE(t.calling_item, jsonb_array_length(COALESCE(t.results, '[]'::jsonb))) ELSE t.calling_item END,
        calling_since = CASE WHEN p_mark THEN COALESCE(t.calling_since, now()) ELSE t.calling_since END
      WHERE t.id = p_next;
      SELECT jsonb_build_object(
          'id', t.id, 'organization_id', t.organization_id, 'post_id', t.post_id, 'integration_id', t.integration_id, 'provider', t.provider,
          'publish_group', t.publish_group, 'prev_status', v_prev.status, 'items', t.items, 'settings', t.settings, 'results', t.results,
          'attempts', t.attempts, 'due_at', t.due_at, 'prev_calling_item', v_prev.calling_item, 'prev_calling_since', v_prev.calling_since,
          'publish_at', p.publish_at, 'i_organization_id', i.organization_id, 'i_provider', i.provider, 'internal_id', i.internal_id,
          'name', i.name, 'username', i.username, 'i_status', i.status::text, 'access_token', i.access_token, 'refresh_token', i.refresh_token,
          'token_expires_at', i.token_expires_at, 'instance_url', i.instance_url, 'profile', i.profile)
        INTO v_row
      FROM post_targets t JOIN posts p ON p.id = t.post_id JOIN integrations i ON i.id = t.integration_id
      WHERE t.id = p_next;
      RETURN jsonb_build_object('stored', v_stored, 'claimed', v_row);
    END IF;
  END IF;

  UPDATE publish_slots SET target_id = NULL, claimed_by = NULL, lease_until = NULL WHERE publish_group = v_group AND slot = v_slot;
  RETURN jsonb_build_object('stored', v_stored, 'claimed', NULL);
END $$;
