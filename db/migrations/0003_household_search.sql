-- Search index of households: folded words of names, address, commune, phones and reference,
-- matched by prefix ranges (token >= 'hel' AND token < 'hem'), so tokens compare byte-wise.
-- weight: 3 for names, reference and phones, 1 for address words.
CREATE TABLE household_search (
  organisation_id BIGINT NOT NULL,
  token TEXT NOT NULL,
  household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  weight SMALLINT NOT NULL,
  PRIMARY KEY (organisation_id, token, household_id)
);
CREATE INDEX household_search_household ON household_search (household_id);
