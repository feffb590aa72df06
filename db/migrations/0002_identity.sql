-- Identity: staff accounts with roles (bit mask, see src/platform/auth/actor.h), their agencies,
-- and server-side sessions (only the SHA-256 of the session id is stored).
CREATE TABLE staff_users (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles BIGINT NOT NULL,
  active SMALLINT NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX staff_users_organisation ON staff_users (organisation_id);

CREATE TABLE staff_user_agencies (
  user_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
  agency_id BIGINT NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (user_id, agency_id)
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  idle_expires_at BIGINT NOT NULL,
  absolute_expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
