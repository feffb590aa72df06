-- Login hardening (ADR 0009): staff second factor by TOTP, one-time recovery codes, per-account
-- and per-address login throttling, and the stage of a session (signed in, or waiting for its
-- second factor, or allowed only to enrol one).
--
-- The TOTP secret (base32) of an account: mfa_pending_secret while it enrols, mfa_secret once a
-- code confirmed it (mfa_enabled_at > 0). mfa_last_step is the last TOTP step accepted: a code
-- is good once.
ALTER TABLE staff_users ADD COLUMN mfa_secret TEXT;
ALTER TABLE staff_users ADD COLUMN mfa_pending_secret TEXT;
ALTER TABLE staff_users ADD COLUMN mfa_enabled_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE staff_users ADD COLUMN mfa_last_step BIGINT NOT NULL DEFAULT 0;

-- Days a staff account may sign in without a second factor, counted from the later of its
-- creation and mfa_grace_from (NULL: the configuration's identity.mfa_grace_days). Existing
-- organisations count from this migration, so that nobody is locked out by the upgrade.
ALTER TABLE organisations ADD COLUMN mfa_grace_days INTEGER;
ALTER TABLE organisations ADD COLUMN mfa_grace_from BIGINT NOT NULL DEFAULT 0;
UPDATE organisations SET mfa_grace_from = CAST(strftime('%s', 'now') AS INTEGER) * 1000;

-- 'full', 'mfa' (password checked, second factor awaited) or 'enrolment' (grace period over:
-- only the enrolment routes).
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';

-- Recovery codes: only the SHA-256 of each (they are 80 random bits), used_at > 0 once used.
CREATE TABLE mfa_recovery_codes (
  user_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, code_hash)
);

-- Failures of sign-in and second-factor attempts, per key: 'account:EMAIL' (whether the account
-- exists or not), 'ip:ADDRESS', 'mfa:USER_ID'. failures counts within the hour from window_start.
CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start BIGINT NOT NULL,
  locked_until BIGINT NOT NULL
);
