-- Ledger lines store their date as a day number and their kind as a small integer code (issue 6,
-- docs/adr/0022-ledger-day-numbers.md; the SQLite variant 0054_ledger_day_numbers.sql says why and
-- gives the codes: rent 0, charges 1, payment 2, housing_benefit 3, adjustment 4, fsl_grant 5,
-- guarantee_payment 6, other_aid 7). PostgreSQL changes the two columns in place, in one rewrite
-- of the table; the CHECK constraints on the old texts are dropped first and made again on the
-- codes. A date or kind that does not convert makes the migration fail rather than guess.
DROP INDEX ledger_lines_scan;
ALTER TABLE ledger_lines DROP CONSTRAINT ledger_lines_kind_check, DROP CONSTRAINT ledger_lines_check;
ALTER TABLE ledger_lines RENAME COLUMN line_date TO line_day;
ALTER TABLE ledger_lines RENAME COLUMN kind TO kind_code;
ALTER TABLE ledger_lines
  ALTER COLUMN line_day TYPE INTEGER USING (CAST(line_day AS DATE) - DATE '1970-01-01'),
  ALTER COLUMN kind_code TYPE SMALLINT USING (CASE kind_code WHEN 'rent' THEN 0 WHEN 'charges' THEN 1
    WHEN 'payment' THEN 2 WHEN 'housing_benefit' THEN 3 WHEN 'adjustment' THEN 4 WHEN 'fsl_grant' THEN 5
    WHEN 'guarantee_payment' THEN 6 WHEN 'other_aid' THEN 7 END),
  ADD CONSTRAINT ledger_lines_kind_code_check CHECK (kind_code BETWEEN 0 AND 7),
  ADD CONSTRAINT ledger_lines_check CHECK ((kind_code = 2) = (method IS NOT NULL));
CREATE INDEX ledger_lines_scan ON ledger_lines (organisation_id, lease_id, line_day, amount_cents, kind_code);
