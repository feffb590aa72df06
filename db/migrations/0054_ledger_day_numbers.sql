-- Ledger lines store their date as a day number and their kind as a small integer code (issue 6,
-- docs/adr/0022-ledger-day-numbers.md): the nightly arrears scan reads every line of a landlord
-- through the covering index ledger_lines_scan, and integers make that index about half the size
-- of the 'YYYY-MM-DD' and word texts, and need no parsing. The API, CSV and exports keep the words
-- and dates; the one mapping is modules/rent/ledger.cc (StoredKindOf, StoredDayOf).
--   line_day   days since 1970-01-01 (negative before), the date of 0030's line_date
--   kind_code  rent 0, charges 1, payment 2, housing_benefit 3, adjustment 4, fsl_grant 5,
--              guarantee_payment 6, other_aid 7
-- SQLite cannot change a column's type or a CHECK constraint: the table is rebuilt with the same
-- rows and ids (PostgreSQL: 0054_ledger_day_numbers.postgres.sql changes the columns in place).
-- A date or kind that does not convert makes the migration fail (NOT NULL), rather than guess.
CREATE TABLE ledger_lines_next (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  lease_id BIGINT NOT NULL REFERENCES leases(id) ON DELETE CASCADE,
  reference TEXT NOT NULL,
  line_day INTEGER NOT NULL,        -- days since 1970-01-01: due date of a charge, value date of a payment
  kind_code SMALLINT NOT NULL CHECK (kind_code BETWEEN 0 AND 7),
  method TEXT CHECK (method IN ('transfer', 'direct_debit', 'cheque', 'cash', 'card', 'other')),
  amount_cents BIGINT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL DEFAULT 0,  -- staff user; 0: an import or the demo
  created_at BIGINT NOT NULL,
  UNIQUE (organisation_id, reference),
  CHECK ((kind_code = 2) = (method IS NOT NULL))  -- a payment, and only a payment, has a method
);
INSERT INTO ledger_lines_next (id, organisation_id, lease_id, reference, line_day, kind_code, method, amount_cents,
                               label, created_by, created_at)
  SELECT id, organisation_id, lease_id, reference,
         -- a real date written 'YYYY-MM-DD' (SQLite would read '2025-02-29' as 1 March)
         CASE WHEN date(line_date, '+0 days') = line_date
              THEN CAST(strftime('%s', line_date) AS INTEGER) / 86400 END,
         CASE kind WHEN 'rent' THEN 0 WHEN 'charges' THEN 1 WHEN 'payment' THEN 2 WHEN 'housing_benefit' THEN 3
                   WHEN 'adjustment' THEN 4 WHEN 'fsl_grant' THEN 5 WHEN 'guarantee_payment' THEN 6
                   WHEN 'other_aid' THEN 7 END,
         method, amount_cents, label, created_by, created_at
  FROM ledger_lines;
DROP TABLE ledger_lines;
ALTER TABLE ledger_lines_next RENAME TO ledger_lines;
-- The lines of a lease in date order, and the nightly scan of a whole landlord's ledgers, read
-- from this index alone (it covers the columns the arrears computation needs).
CREATE INDEX ledger_lines_scan ON ledger_lines (organisation_id, lease_id, line_day, amount_cents, kind_code);
CREATE INDEX ledger_lines_lease ON ledger_lines (lease_id);
