-- Retention per category of data (issue 4, docs/adr/0023-retention-per-category.md): the daily
-- retention job (privacy::RunRetention) asks, for each category, which records dated before a day
-- still hold something to clear. Partial indexes answer it without reading what is already done.
-- Ledger data (retention.ledger_months): line labels and arrears step notes by date.
CREATE INDEX ledger_lines_retention ON ledger_lines (line_day) WHERE label <> '';
CREATE INDEX arrears_steps_retention ON arrears_steps (done_on) WHERE note <> '';
-- Appointments (retention.appointment_months): by their end.
CREATE INDEX appointments_retention ON appointments (end_at);
-- Outreach calls (retention.outreach_call_months): attempts' notes, closed escalations' outcomes.
CREATE INDEX outreach_call_attempts_retention ON outreach_call_attempts (attempted_at) WHERE note <> '';
CREATE INDEX outreach_escalations_retention ON outreach_escalations (closed_at) WHERE outcome <> '';
-- Vulnerability profiles (retention.vulnerability_profile_months): by their last change.
CREATE INDEX vulnerability_profiles_retention ON vulnerability_profiles (updated_at);
