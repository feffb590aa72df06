-- Audit trail (src/platform/audit/audit.h, ADR 0008): who read or changed which record, when and
-- from where; never the data itself. Append-only and hash-chained: `seq` is an entry's position in
-- the chain; each entry carries the hash of the one before it and its own.
CREATE TABLE audit_entries (
  seq INTEGER PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  organisation_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  operation TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  remote_ip TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- "Who looked at this household", and "what did this person do": the two filters of the
-- administrator's page that must stay fast over 12 months.
CREATE INDEX audit_entries_record ON audit_entries (organisation_id, record_type, record_id, seq);
CREATE INDEX audit_entries_user ON audit_entries (organisation_id, user_id, seq);

-- The entries of changes, written in the change's own transaction and moved into the chain by the
-- trail's writer a moment later (the chain has one writer; changes commit in any order).
CREATE TABLE audit_pending (
  id @ID@,
  at_ms BIGINT NOT NULL,
  organisation_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  operation TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  remote_ip TEXT NOT NULL
);

-- The chain's two ends: the head (last sealed entry) and the anchor (last entry deleted by the
-- retention purge, whose hash the first kept entry carries as prev_hash). One row.
CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  head_seq BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  anchor_seq BIGINT NOT NULL,
  anchor_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, head_seq, head_hash, anchor_seq, anchor_hash) VALUES
  (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
   0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: an entry never changes; only entries up to the anchor (the retention purge) may be
-- deleted.
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit entries are append-only');
END;
CREATE TRIGGER audit_entries_purge_only BEFORE DELETE ON audit_entries
WHEN OLD.seq > (SELECT anchor_seq FROM audit_chain WHERE id = 1)
BEGIN
  SELECT RAISE(ABORT, 'audit entries are deleted only by the retention purge');
END;
