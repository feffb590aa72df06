-- The waiting list's offer is a notice of its own (issue 7): when a freed slot is offered to the
-- first in line, the person gets an e-mail and an SMS saying which slot and how to take it, logged
-- like the other notices with kind 'waitlist_offer'. SQLite cannot change a CHECK constraint: the
-- table is rebuilt with the same rows and ids (PostgreSQL: 0049_waitlist_offer_notices.postgres.sql).
CREATE TABLE appointment_notices_next (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  appointment_id BIGINT NOT NULL REFERENCES appointments(id),
  kind TEXT NOT NULL CHECK (kind IN ('booked', 'changed', 'cancelled', 'reminder', 'crisis', 'waitlist_offer')),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'none')),
  outbox_id BIGINT,
  fingerprint TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
INSERT INTO appointment_notices_next (id, organisation_id, appointment_id, kind, channel, outbox_id, fingerprint, created_at)
  SELECT id, organisation_id, appointment_id, kind, channel, outbox_id, fingerprint, created_at FROM appointment_notices;
DROP TABLE appointment_notices;
ALTER TABLE appointment_notices_next RENAME TO appointment_notices;
CREATE INDEX appointment_notices_appointment ON appointment_notices (appointment_id, kind);
