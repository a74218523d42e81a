-- Rate limits shared by every process (web servers and workers): one row per limited key (an
-- IP address, a hashed e-mail address, a user) in the layout rate-limiter-flexible's Postgres
-- store reads and writes. points: what was consumed in the current window; expire: when that
-- window ends (epoch milliseconds). Expired rows are ignored and swept by the limiter.
CREATE TABLE rate_limits (
  key    text PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
