-- Rent ledger (issue 6): the account of each lease, line by line, as the landlord's accounting
-- keeps it (compte locataire). modules/rent/ledger*, docs/adr/0014-rent-ledger.md.
--
-- amount_cents is signed from the tenant's side: positive = owed by the tenant (a monthly rent or
-- service charge, a debit adjustment), negative = paid or credited (a payment, housing benefit paid
-- to the landlord, an FSL grant, a guarantee payment, a credit adjustment). The balance of a lease
-- at a date is the sum of its lines dated up to that date: positive = arrears.
-- reference is the line's identity in the landlord's accounting, unique per organisation: a
-- re-imported line is matched by it, never duplicated. Lines posted by Relais (support cases)
-- get references of their own ("RELAIS-...").
CREATE TABLE ledger_lines (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  lease_id BIGINT NOT NULL REFERENCES leases(id) ON DELETE CASCADE,
  reference TEXT NOT NULL,
  line_date TEXT NOT NULL,          -- YYYY-MM-DD: due date of a charge, value date of a payment
  kind TEXT NOT NULL CHECK (kind IN ('rent', 'charges', 'payment', 'housing_benefit', 'adjustment',
    'fsl_grant', 'guarantee_payment', 'other_aid')),
  method TEXT CHECK (method IN ('transfer', 'direct_debit', 'cheque', 'cash', 'card', 'other')),
  amount_cents BIGINT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL DEFAULT 0,  -- staff user; 0: an import or the demo
  created_at BIGINT NOT NULL,
  UNIQUE (organisation_id, reference),
  CHECK ((kind = 'payment') = (method IS NOT NULL))
);
-- The lines of a lease in date order, and the nightly scan of a whole landlord's ledgers, read
-- from this index alone (it covers the columns the arrears computation needs).
CREATE INDEX ledger_lines_scan ON ledger_lines (organisation_id, lease_id, line_date, amount_cents, kind);
CREATE INDEX ledger_lines_lease ON ledger_lines (lease_id);
