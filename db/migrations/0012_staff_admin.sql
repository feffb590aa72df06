-- Staff administration (issue 4): invitations an administrator sends to a future colleague, and
-- the time of each account's last sign-in. An invitation's token is 128 random bits given once to
-- the administrator; only its SHA-256 is stored. Used, revoked and expired invitations are kept
-- (the audit trail names them).
ALTER TABLE staff_users ADD COLUMN last_sign_in_at BIGINT;

CREATE TABLE staff_invitations (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  roles BIGINT NOT NULL,
  invited_by BIGINT NOT NULL REFERENCES staff_users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  accepted_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX staff_invitations_organisation ON staff_invitations (organisation_id);

CREATE TABLE staff_invitation_agencies (
  invitation_id BIGINT NOT NULL REFERENCES staff_invitations(id) ON DELETE CASCADE,
  agency_id BIGINT NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (invitation_id, agency_id)
);
