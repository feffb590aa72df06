-- Arrears detection and the legal clock (issue 6): the situation of each lease in arrears,
-- computed each night and on demand from the ledger (modules/rent/arrears*), and the legal steps
-- the social-support officers record as done. docs/adr/0014-rent-ledger.md.

-- One row per lease in arrears at the last computation (a lease without a row is up to date).
-- Dates are civil dates YYYY-MM-DD (Europe/Paris); money in cents.
CREATE TABLE arrears_situations (
  lease_id BIGINT PRIMARY KEY REFERENCES leases(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  agency_id BIGINT NOT NULL DEFAULT 0,  -- the building's agency (0: none), for agency-scoped staff
  computed_on TEXT NOT NULL,
  balance_cents BIGINT NOT NULL,
  arrears_cents BIGINT NOT NULL,
  residual_rent_cents BIGINT NOT NULL,
  months_hundredths BIGINT NOT NULL,
  arrears_since TEXT,
  caf_threshold_cents BIGINT NOT NULL,
  caf_threshold_since TEXT,
  visale_claim_since TEXT,
  next_step TEXT,                 -- arrears_clock.h Step code; NULL: nothing to do now
  next_due TEXT,
  next_not_before SMALLINT NOT NULL DEFAULT 0,
  paused SMALLINT NOT NULL DEFAULT 0,
  crisis TEXT,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX arrears_situations_queue ON arrears_situations (organisation_id, paused, next_due, lease_id);

-- A legal step done for a lease (relance, signalement CAF, saisine CCAPEX, plan, commandement,
-- assignation), on the day it was done; only those from the start of the current arrears count.
CREATE TABLE arrears_steps (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  lease_id BIGINT NOT NULL REFERENCES leases(id) ON DELETE CASCADE,
  step TEXT NOT NULL CHECK (step IN ('reminder', 'caf_report', 'ccapex_referral', 'repayment_plan',
    'payment_demand', 'summons')),
  done_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX arrears_steps_lease ON arrears_steps (organisation_id, lease_id, done_on);
