-- Anonymisation of a household (docs/adr/0010-subject-access-and-anonymisation.md): when set, the
-- household's personal data were replaced by neutral values, for good; its record is kept for
-- statistics (dwelling, size) and may no longer be changed. The reason is the data protection
-- officer's, or "retention" for the retention job.
ALTER TABLE households ADD COLUMN anonymised_at BIGINT;
ALTER TABLE households ADD COLUMN anonymisation_reason TEXT NOT NULL DEFAULT '';
-- The retention job looks for households whose last lease ended long ago.
CREATE INDEX leases_end_date ON leases (end_date, household_id);
