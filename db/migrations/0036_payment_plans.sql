-- Payment plans (plans d'apurement) of support cases (issue 6 part 2, modules/support/payment_plan.h,
-- ADR 0015): the debt of a lease at signature spread over N monthly instalments on top of the
-- rent. The schedule is stored as computed (support_plan_instalments); the nightly adherence check
-- compares the lease's ledger balance with it and opens one task per missed instalment.
CREATE TABLE support_plans (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  lease_id BIGINT NOT NULL,
  debt_cents BIGINT NOT NULL CHECK (debt_cents > 0),
  months INTEGER NOT NULL CHECK (months > 0),
  first_due_on TEXT NOT NULL,       -- YYYY-MM-DD
  signed_on TEXT NOT NULL,          -- YYYY-MM-DD: the day the household signed
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'broken', 'cancelled')),
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  checked_on TEXT                   -- the last day adherence was checked
);
CREATE INDEX support_plans_case ON support_plans (case_id, id);
CREATE INDEX support_plans_active ON support_plans (status, organisation_id);
CREATE UNIQUE INDEX support_plans_one_active ON support_plans (case_id) WHERE status = 'active';

-- missed_task_id: the task opened when the instalment was found missed (once per instalment).
CREATE TABLE support_plan_instalments (
  plan_id BIGINT NOT NULL REFERENCES support_plans(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  organisation_id BIGINT NOT NULL,
  due_on TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  missed_task_id BIGINT,
  PRIMARY KEY (plan_id, number)
);
