-- Audit trail (src/platform/audit/audit.h, ADR 0007): who read or changed which record, when and
-- from where; never the data itself. Append-only and hash-chained: `seq` is an entry's position in
-- the chain, set with `prev_hash` and `hash` when the entry is sealed; `id` is the order of writing.
CREATE TABLE audit_entries (
  id @ID@,
  seq BIGINT UNIQUE,
  at_ms BIGINT NOT NULL,
  organisation_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  operation TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  remote_ip TEXT NOT NULL,
  prev_hash TEXT,
  hash TEXT
);
CREATE INDEX audit_entries_unsealed ON audit_entries (id) WHERE seq IS NULL;
CREATE INDEX audit_entries_organisation ON audit_entries (organisation_id, id);
CREATE INDEX audit_entries_record ON audit_entries (organisation_id, record_type, record_id, id);
CREATE INDEX audit_entries_user ON audit_entries (organisation_id, user_id, id);

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

-- Append-only: a sealed entry never changes, an unsealed one may only be sealed; only entries up
-- to the anchor (the retention purge) may be deleted.
CREATE FUNCTION audit_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.seq IS NULL OR OLD.seq > (SELECT anchor_seq FROM audit_chain WHERE id = 1) THEN
      RAISE EXCEPTION 'audit entries are deleted only by the retention purge';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.seq IS NOT NULL OR NEW.id IS DISTINCT FROM OLD.id OR NEW.at_ms IS DISTINCT FROM OLD.at_ms
     OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id OR NEW.user_id IS DISTINCT FROM OLD.user_id
     OR NEW.operation IS DISTINCT FROM OLD.operation OR NEW.record_type IS DISTINCT FROM OLD.record_type
     OR NEW.record_id IS DISTINCT FROM OLD.record_id OR NEW.remote_ip IS DISTINCT FROM OLD.remote_ip THEN
    RAISE EXCEPTION 'audit entries are append-only';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_entries_guard BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_entries_guard();
