-- Channel sets and signatures for the composer (docs/composer.md).
--
-- A channel set is a named selection of channels with the default settings each starts with when
-- the set is picked. Its members reference the channel with ON DELETE CASCADE, so a channel that
-- is removed drops out of every set without anything else to clean up.
CREATE TABLE channel_sets (
  id              text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  name            text NOT NULL,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX channel_sets_organization_id_name_key ON channel_sets (organization_id, name);

CREATE TABLE channel_set_members (
  id              text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  set_id          text NOT NULL REFERENCES channel_sets(id) ON DELETE CASCADE ON UPDATE CASCADE,
  integration_id  text NOT NULL REFERENCES integrations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  position        integer NOT NULL DEFAULT 0,
  settings        jsonb NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX channel_set_members_set_id_integration_id_key ON channel_set_members (set_id, integration_id);
CREATE INDEX channel_set_members_integration_id_idx ON channel_set_members (integration_id);

-- A signature is a reusable block of text. With no channel ids and no platforms it applies to
-- every channel; otherwise to the channels listed and to every channel of the platforms listed.
-- (Both are JSON arrays of strings.) "auto" appends it to those channels' text when a post is saved.
CREATE TABLE signatures (
  id              text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  name            text NOT NULL,
  body            text NOT NULL,
  auto            boolean NOT NULL DEFAULT false,
  channel_ids     jsonb NOT NULL DEFAULT '[]',
  providers       jsonb NOT NULL DEFAULT '[]',
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX signatures_organization_id_name_key ON signatures (organization_id, name);
