-- The end of a payment plan other than its completion (issue 6, modules/support/support_plan.h):
-- cancelled by the officer (a reason required) or broken by the nightly adherence check once
-- support.plan_broken_after_missed instalments are missed. ended_on: the day (Europe/Paris);
-- ended_by: the officer, 0 for the system; end_reason: the officer's words (blanked by retention).
ALTER TABLE support_plans ADD COLUMN ended_on TEXT;
ALTER TABLE support_plans ADD COLUMN ended_by BIGINT;
ALTER TABLE support_plans ADD COLUMN end_reason TEXT NOT NULL DEFAULT '';
