-- Outbox of notifications (src/platform/notify/notify.h): e-mails and SMS queued in the
-- transaction of the change that causes them, delivered by the server's delivery worker.
-- Personal data (recipient, subject, body, attachment) is wiped once a message is sent or
-- abandoned; the row itself is deleted 30 days later (notify::Worker::Purge).
CREATE TABLE notify_outbox (
  id @ID@,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  -- Optional attachment: file name, media type and content in base64 (the same on both engines).
  attachment_name TEXT,
  attachment_type TEXT,
  attachment_base64 TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'abandoned')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_ms BIGINT NOT NULL,
  next_attempt_ms BIGINT NOT NULL,
  done_ms BIGINT,
  -- Why the last attempt failed: a transport error (no personal data).
  last_error TEXT
);
-- The worker's one query: the pending messages that are due.
CREATE INDEX notify_outbox_due ON notify_outbox (status, next_attempt_ms);
