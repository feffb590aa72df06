-- Retention of support cases (issue 6, docs/adr/0021-support-case-retention.md): a closed case
-- whose follow-up ended more than retention.support_case_months ago is anonymised once, by the
-- daily retention job (support_cases.anonymised_at, present since 0035, marks it). The reason
-- says why: retention (the period ran out) or household (the household itself was anonymised).
ALTER TABLE support_cases ADD COLUMN anonymisation_reason TEXT;
-- The retention job's question: closed, not anonymised, follow-up ended before a day.
CREATE INDEX support_cases_retention ON support_cases (follow_up_ended_on) WHERE state = 'closed' AND anonymised_at IS NULL;
