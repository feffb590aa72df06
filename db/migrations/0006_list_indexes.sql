-- Household and building lists are pages in id order within a landlord (keyset pagination:
-- WHERE organisation_id = ? AND id > ? ORDER BY id LIMIT n). These indexes give a page in order,
-- reading n rows, where the (organisation_id, reference) key made SQLite read and sort every
-- household or building of the landlord for each page.
CREATE INDEX households_organisation ON households (organisation_id, id);
CREATE INDEX buildings_organisation ON buildings (organisation_id, id);
