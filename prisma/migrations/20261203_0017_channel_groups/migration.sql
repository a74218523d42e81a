-- Channel groups: a customer or brand, a named group of channels with its own default time zone
-- (docs/composer.md, "Channel groups"). A channel belongs to at most one group: the member row's
-- key is the channel itself, so a brand owns its accounts and the composer can tell, from the
-- picked channels alone, which brand's time zone a post is scheduled in. Members go with their
-- channel and with their group (ON DELETE CASCADE); deleting a group leaves its channels ungrouped.
CREATE TABLE channel_groups (
  id              text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  name            text NOT NULL,
  time_zone       text,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX channel_groups_organization_id_name_key ON channel_groups (organization_id, name);

CREATE TABLE channel_group_members (
  integration_id  text PRIMARY KEY REFERENCES integrations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  group_id        text NOT NULL REFERENCES channel_groups(id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX channel_group_members_group_id_idx ON channel_group_members (group_id);
CREATE INDEX channel_group_members_organization_id_idx ON channel_group_members (organization_id);
