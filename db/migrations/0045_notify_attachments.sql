-- Several attachments per e-mail (ADR 0017): an appointment notice carries its iCalendar file and,
-- for an appointment in person, its convocation PDF. One JSON array [{name, type, base64}] (the
-- same text on both engines); wiped with the other personal columns once the message is done.
-- The single attachment_* columns stay for messages queued before this migration.
ALTER TABLE notify_outbox ADD COLUMN attachments_json TEXT;
