-- Initial schema: users and organizations, Auth.js tables, and the first cut of channels,
-- posts, media, notifications, OAuth state and metrics.

CREATE TYPE "Role" AS ENUM ('owner', 'admin', 'member');
CREATE TYPE "IntegrationStatus" AS ENUM ('active', 'refresh_needed', 'pending', 'disabled');
CREATE TYPE "TargetStatus" AS ENUM ('draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled');

CREATE TABLE users (
  id             text PRIMARY KEY,
  email          text NOT NULL UNIQUE,
  name           text,
  password_hash  text,
  timezone       text,
  email_verified timestamptz(3),
  image          text,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  updated_at     timestamptz(3) NOT NULL
);

CREATE TABLE accounts (
  id                  text PRIMARY KEY,
  user_id             text NOT NULL REFERENCES users(id) ON DELETE CASCADE ON UPDATE CASCADE,
  type                text NOT NULL,
  provider            text NOT NULL,
  provider_account_id text NOT NULL,
  refresh_token       text,
  access_token        text,
  expires_at          integer,
  token_type          text,
  scope               text,
  id_token            text,
  session_state       text,
  UNIQUE (provider, provider_account_id)
);

CREATE TABLE sessions (
  id            text PRIMARY KEY,
  session_token text NOT NULL UNIQUE,
  user_id       text NOT NULL REFERENCES users(id) ON DELETE CASCADE ON UPDATE CASCADE,
  expires       timestamptz(3) NOT NULL
);

CREATE TABLE verification_tokens (
  identifier text NOT NULL,
  token      text NOT NULL,
  expires    timestamptz(3) NOT NULL,
  UNIQUE (identifier, token)
);

CREATE TABLE organizations (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL
);

CREATE TABLE memberships (
  id              text PRIMARY KEY,
  user_id         text NOT NULL REFERENCES users(id) ON DELETE CASCADE ON UPDATE CASCADE,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  role            "Role" NOT NULL DEFAULT 'member',
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (user_id, organization_id)
);
CREATE INDEX memberships_organization_id_idx ON memberships (organization_id);

CREATE TABLE invites (
  id              text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  role            "Role" NOT NULL DEFAULT 'member',
  token_hash      text NOT NULL UNIQUE,
  created_by_id   text NOT NULL,
  expires_at      timestamptz(3) NOT NULL,
  accepted_at     timestamptz(3),
  accepted_by_id  text,
  revoked_at      timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX invites_organization_id_idx ON invites (organization_id);

CREATE TABLE integrations (
  id               text PRIMARY KEY,
  organization_id  text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  provider         text NOT NULL,
  internal_id      text NOT NULL,
  name             text NOT NULL,
  username         text,
  picture          text,
  status           "IntegrationStatus" NOT NULL DEFAULT 'active',
  access_token     text,
  refresh_token    text,
  token_expires_at timestamptz(3),
  scopes           text,
  instance_url     text,
  credentials      text,
  profile          jsonb,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  updated_at       timestamptz(3) NOT NULL,
  UNIQUE (organization_id, provider, internal_id)
);

CREATE TABLE posts (
  id              text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  created_by_id   text,
  publish_at      timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL
);
CREATE INDEX posts_organization_id_publish_at_idx ON posts (organization_id, publish_at);

CREATE TABLE post_targets (
  id              text PRIMARY KEY,
  organization_id text NOT NULL,
  post_id         text NOT NULL REFERENCES posts(id) ON DELETE CASCADE ON UPDATE CASCADE,
  integration_id  text NOT NULL REFERENCES integrations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  status          "TargetStatus" NOT NULL DEFAULT 'draft',
  items           jsonb NOT NULL,
  settings        jsonb,
  results         jsonb,
  attempts        integer NOT NULL DEFAULT 0,
  error_kind      text,
  error_message   text,
  published_at    timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL,
  UNIQUE (post_id, integration_id)
);
CREATE INDEX post_targets_organization_id_status_idx ON post_targets (organization_id, status);

CREATE TABLE media (
  id              text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  uploaded_by_id  text,
  file_name       text NOT NULL,
  mime_type       text NOT NULL,
  size            integer NOT NULL,
  path            text NOT NULL,
  width           integer,
  height          integer,
  alt             text,
  created_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX media_organization_id_created_at_idx ON media (organization_id, created_at);

CREATE TABLE notifications (
  id              text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  user_id         text,
  kind            text NOT NULL,
  title           text NOT NULL,
  body            text NOT NULL,
  link            text,
  read_at         timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX notifications_organization_id_created_at_idx ON notifications (organization_id, created_at);

CREATE TABLE oauth_states (
  id              text PRIMARY KEY,
  state           text NOT NULL UNIQUE,
  provider        text NOT NULL,
  user_id         text NOT NULL,
  organization_id text NOT NULL,
  code_verifier   text,
  data            jsonb,
  expires_at      timestamptz(3) NOT NULL,
  used_at         timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE metric_samples (
  id              text PRIMARY KEY,
  organization_id text NOT NULL,
  integration_id  text NOT NULL REFERENCES integrations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  metric          text NOT NULL,
  day             date NOT NULL,
  value           double precision NOT NULL,
  collected_at    timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (integration_id, metric, day)
);
CREATE INDEX metric_samples_organization_id_day_idx ON metric_samples (organization_id, day);
