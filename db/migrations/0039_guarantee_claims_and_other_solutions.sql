-- Guarantee claims (Visale, Loca-Pass) and the other solutions of support cases (Action Logement
-- aid, housing-benefit review, referral to a social worker), issue 6, modules/support/
-- support_solutions.h, docs/adr/0019-support-solutions.md.
-- A claim is a snapshot of what the guarantor is told (debt, first unpaid rent, formal notice
-- deadline, the day a claim became possible, the largest claim) with its workflow: prepared ->
-- sent (the case is referred) -> closed (settled, refused, withdrawn). Payments are posted to the
-- ledger as guarantee_payment lines (support_guarantee_payments.ledger_line_id).
CREATE TABLE support_guarantee_claims (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  lease_id BIGINT NOT NULL,
  guarantee TEXT NOT NULL CHECK (guarantee IN ('visale', 'loca_pass')),
  guarantee_reference TEXT NOT NULL DEFAULT '',   -- the visa or contract number
  obtained_on TEXT,                 -- Loca-Pass: the day the guarantee was granted
  student SMALLINT NOT NULL DEFAULT 0,
  debt_cents BIGINT NOT NULL,
  first_unpaid_on TEXT,
  notice_deadline TEXT,             -- Visale: last day of the formal notice
  notice_sent_on TEXT,              -- the day the formal notice (mise en demeure) was sent
  claim_from TEXT,
  max_claim_cents BIGINT NOT NULL,
  rent_cents BIGINT NOT NULL,
  charges_cents BIGINT NOT NULL,
  housing_benefit_cents BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared', 'sent', 'closed')),
  outcome TEXT CHECK (outcome IN ('settled', 'refused', 'withdrawn')),
  prepared_on TEXT NOT NULL,
  sent_on TEXT,
  closed_on TEXT,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX support_guarantee_claims_case ON support_guarantee_claims (organisation_id, case_id, id);
-- One claim in progress per case and guarantee.
CREATE UNIQUE INDEX support_guarantee_claims_one_open ON support_guarantee_claims (case_id, guarantee)
  WHERE status <> 'closed';

CREATE TABLE support_guarantee_payments (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  claim_id BIGINT NOT NULL REFERENCES support_guarantee_claims(id) ON DELETE CASCADE,
  paid_on TEXT NOT NULL,
  amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
  ledger_line_id BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX support_guarantee_payments_claim ON support_guarantee_payments (claim_id, id);

-- The small solutions, recorded with their outcome. kind: action_logement (Action Logement aid for
-- employees in difficulty: an amount, paid to the landlord -> other_aid line), benefit_review
-- (housing-benefit review asked of the CAF/MSA), social_worker (referral to a social worker).
CREATE TABLE support_other_solutions (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('action_logement', 'benefit_review', 'social_worker')),
  started_on TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'granted', 'refused', 'done', 'declined')),
  outcome_on TEXT,
  outcome_note TEXT NOT NULL DEFAULT '',
  amount_cents BIGINT,              -- action_logement granted: the aid
  paid_on TEXT,
  ledger_line_id BIGINT,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX support_other_solutions_case ON support_other_solutions (organisation_id, case_id, id);
