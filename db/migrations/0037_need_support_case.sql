-- A money need found on an outreach call opens (or joins) the household's support case (issue 6
-- part 5, modules/support/support.h OpenCaseFromOutreachIn): the case it went to.
ALTER TABLE outreach_needs ADD COLUMN support_case_id BIGINT;
