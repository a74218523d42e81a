-- The public API (/api/v1): organization API keys and the answers kept for Idempotency-Key.
--
-- An API key is shown once when created; only its SHA-256 is stored (the key is 190 bits of
-- randomness, so a fast hash is enough) with a short visible prefix to recognise it in a list.
-- A request acts as the member who created the key (created_by_id); scopes is a subset of
-- read, write, publish. Revoking sets revoked_at; the row stays so the list can show it.
CREATE TABLE api_keys (
  id              text           PRIMARY KEY,
  organization_id text           NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  created_by_id   text           NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name            text           NOT NULL,
  prefix          text           NOT NULL,
  key_hash        text           NOT NULL UNIQUE,
  scopes          text[]         NOT NULL,
  expires_at      timestamptz(3),
  last_used_at    timestamptz(3),
  revoked_at      timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_organization_id_idx ON api_keys (organization_id);

-- One row per Idempotency-Key sent on a POST, per API key: claimed (state 'in_flight') before the
-- operation runs, so a second request with the same key waits for nothing and gets 409; then the
-- answer (status and body, as the exact JSON text sent) is kept for 24 hours and returned to every
-- replay byte for byte (jsonb would reorder its keys). request_hash is the
-- SHA-256 of method, path and body: the same key with another request is refused (422).
CREATE TABLE idempotency_keys (
  id               text           PRIMARY KEY,
  organization_id  text           NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  api_key_id       text           NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
  key              text           NOT NULL,
  request_hash     text           NOT NULL,
  state            text           NOT NULL DEFAULT 'in_flight',
  response_status  integer,
  response_body    text,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  expires_at       timestamptz(3) NOT NULL,
  UNIQUE (api_key_id, key)
);
CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);
