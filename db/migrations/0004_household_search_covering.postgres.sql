-- PostgreSQL: the weight joins the primary key's index (INCLUDE), so that a search is an
-- index-only scan, as the SQLite table without rowid of 0004_household_search_covering.sql.
ALTER TABLE household_search DROP CONSTRAINT household_search_pkey,
  ADD PRIMARY KEY (organisation_id, token, household_id) INCLUDE (weight);
