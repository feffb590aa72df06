-- The waiting list's offer is a notice of its own (issue 7): kind 'waitlist_offer' (see
-- 0049_waitlist_offer_notices.sql for SQLite, where the table is rebuilt).
ALTER TABLE appointment_notices DROP CONSTRAINT IF EXISTS appointment_notices_kind_check;
ALTER TABLE appointment_notices ADD CONSTRAINT appointment_notices_kind_check
  CHECK (kind IN ('booked', 'changed', 'cancelled', 'reminder', 'crisis', 'waitlist_offer'));
