-- Search tokens keyed by (organisation_id, token, household_id) without a rowid: the key's B-tree
-- is the table, so a search reads each token's weight where it finds the token (no second lookup
-- per token), and writing a household's tokens updates two B-trees instead of three. The rows
-- and their meaning are those of 0003 (docs/performance.md has the figures).
CREATE TABLE household_search_keyed (
  organisation_id BIGINT NOT NULL,
  token TEXT NOT NULL,
  household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  weight SMALLINT NOT NULL,
  PRIMARY KEY (organisation_id, token, household_id)
) WITHOUT ROWID;
INSERT INTO household_search_keyed (organisation_id, token, household_id, weight)
  SELECT organisation_id, token, household_id, weight FROM household_search
  ORDER BY organisation_id, token, household_id;
DROP TABLE household_search;
ALTER TABLE household_search_keyed RENAME TO household_search;
CREATE INDEX household_search_household ON household_search (household_id);
