-- Notices of appointments (issue 7, ADR 0017): each message queued about an appointment, with its
-- outbox id (its delivery status is read from notify_outbox while the row is kept there).
-- kind: booked, changed, cancelled, reminder, crisis; channel 'none' marks a reminder that found no
-- way to reach the person (so the job does not try again).
CREATE TABLE appointment_notices (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  appointment_id BIGINT NOT NULL REFERENCES appointments(id),
  kind TEXT NOT NULL CHECK (kind IN ('booked', 'changed', 'cancelled', 'reminder', 'crisis')),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'none')),
  outbox_id BIGINT,
  -- what the notice announced (start, end, mode, site, staff): a "changed" event that changes none
  -- of it (a confirmation) sends nothing.
  fingerprint TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX appointment_notices_appointment ON appointment_notices (appointment_id, kind);

-- Households that asked for no SMS about appointments (e-mails still go).
CREATE TABLE reception_sms_opt_outs (
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  household_id BIGINT NOT NULL REFERENCES households(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, household_id)
);
