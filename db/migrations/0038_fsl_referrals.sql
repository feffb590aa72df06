-- Referrals to the FSL (Fonds de solidarité pour le logement, the département's solidarity fund;
-- issue 6, modules/support/support_fsl.h, docs/adr/0019-support-solutions.md). A referral belongs
-- to a case; its file is a snapshot, taken when the officer prepares it, of what the fund is told:
-- the household's composition (JSON array of members: name, relation, birth year), the resources
-- the officer collected, and from the lease and ledger the debt, the monthly rent and charges and
-- the housing benefit. It stays as sent even when the household or the ledger change afterwards.
-- status: prepared (editable) -> sent (the case is referred) -> granted | partial | refused -> paid
-- (granted or partial only: the amount is posted to the ledger as an fsl_grant line, ledger_line_id).
CREATE TABLE support_fsl_referrals (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  lease_id BIGINT NOT NULL,
  departement TEXT NOT NULL,        -- "14", "27", "50", "61", "76"
  aid_kind TEXT NOT NULL CHECK (aid_kind IN ('arrears', 'energy', 'water', 'insurance')),
  composition TEXT NOT NULL,        -- JSON, the snapshot of the household's members
  household_size INTEGER NOT NULL,
  monthly_resources_cents BIGINT NOT NULL CHECK (monthly_resources_cents >= 0),
  resources_note TEXT NOT NULL DEFAULT '',
  difficulty TEXT NOT NULL DEFAULT '',   -- the nature of the difficulty, in the officer's words
  debt_cents BIGINT NOT NULL,
  rent_cents BIGINT NOT NULL,
  charges_cents BIGINT NOT NULL,
  housing_benefit_cents BIGINT NOT NULL,
  benefit_paid_to_landlord SMALLINT NOT NULL,
  requested_cents BIGINT NOT NULL CHECK (requested_cents > 0),
  status TEXT NOT NULL DEFAULT 'prepared'
    CHECK (status IN ('prepared', 'sent', 'granted', 'partial', 'refused', 'paid')),
  decision TEXT CHECK (decision IN ('granted', 'partial', 'refused')),
  granted_cents BIGINT,
  decision_note TEXT NOT NULL DEFAULT '',
  prepared_on TEXT NOT NULL,        -- YYYY-MM-DD (Europe/Paris)
  sent_on TEXT,
  decided_on TEXT,
  paid_on TEXT,
  ledger_line_id BIGINT,            -- the fsl_grant line posted when paid
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX support_fsl_referrals_case ON support_fsl_referrals (organisation_id, case_id, id);
-- One referral in progress per case (a new one once the previous was refused or paid).
CREATE UNIQUE INDEX support_fsl_referrals_one_open ON support_fsl_referrals (case_id)
  WHERE status IN ('prepared', 'sent', 'granted', 'partial');
