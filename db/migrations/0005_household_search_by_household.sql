-- A search reads the candidates of its most selective word from the token key, then checks each
-- other word on those candidates only when that is cheaper than reading the word's whole range:
-- one seek per household into this index, which holds the token and its weight (no read of the
-- table). It replaces the index on household_id alone, which deletes and cascades used and which
-- it still serves (docs/adr/0004-household-search.md).
DROP INDEX household_search_household;
CREATE INDEX household_search_household ON household_search (household_id, organisation_id, token, weight);
