-- Convocations and calendars of appointments (issue 7, ADR 0017).
-- The landlord's logo printed on convocations (PNG in base64: TEXT holds only UTF-8 on PostgreSQL).
CREATE TABLE reception_convocation_logos (
  organisation_id BIGINT PRIMARY KEY REFERENCES organisations(id),
  logo_base64 TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- A staff member's private calendar feed: the secret token's SHA-256 (the token itself is shown
-- once); revoked_at set when replaced or revoked. At most one live feed per staff member.
CREATE TABLE staff_calendar_feeds (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  staff_user_id BIGINT NOT NULL REFERENCES staff_users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX staff_calendar_feeds_staff ON staff_calendar_feeds (organisation_id, staff_user_id);
