-- Housing: landlords, agencies, buildings, dwellings, households, members, phones, leases.
-- @ID@ is replaced by the id column type of the dialect (see docs/adr/0002-migrations.md).
-- Every organisation-scoped table carries organisation_id: isolation between landlords, and
-- the distribution key of a sharded PostgreSQL.
CREATE TABLE organisations (
  id @ID@,
  name TEXT NOT NULL,
  siren TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);

CREATE TABLE agencies (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  UNIQUE (organisation_id, name)
);

CREATE TABLE buildings (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  reference TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  street TEXT NOT NULL,
  postal_code TEXT NOT NULL DEFAULT '',
  commune_insee TEXT NOT NULL,
  agency_id BIGINT REFERENCES agencies(id),
  qpv SMALLINT NOT NULL DEFAULT 0,
  has_lift SMALLINT NOT NULL DEFAULT 0,
  floors INTEGER NOT NULL DEFAULT 0,
  search_key TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  UNIQUE (organisation_id, reference)
);
CREATE INDEX buildings_commune ON buildings (organisation_id, commune_insee, id);

CREATE TABLE dwellings (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  building_id BIGINT NOT NULL REFERENCES buildings(id),
  reference TEXT NOT NULL,
  floor INTEGER NOT NULL DEFAULT 0,
  rooms INTEGER NOT NULL,
  surface_cm2 BIGINT NOT NULL,
  financing TEXT NOT NULL,
  rent_cents BIGINT NOT NULL,
  charges_cents BIGINT NOT NULL,
  accessible_prm SMALLINT NOT NULL DEFAULT 0,
  content_hash TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  UNIQUE (organisation_id, reference)
);
CREATE INDEX dwellings_building ON dwellings (building_id, reference);

CREATE TABLE households (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  reference TEXT NOT NULL,
  dwelling_id BIGINT NOT NULL REFERENCES dwellings(id),
  email TEXT NOT NULL DEFAULT '',
  preferred_language TEXT NOT NULL DEFAULT 'fr',
  notes TEXT NOT NULL DEFAULT '',
  display_name TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  UNIQUE (organisation_id, reference)
);
CREATE INDEX households_dwelling ON households (dwelling_id);

-- Persons of a household (the holder first).
CREATE TABLE members (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  birth_date TEXT,
  relation TEXT NOT NULL
);
CREATE INDEX members_household ON members (household_id, position);

CREATE TABLE phones (
  household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  number TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (household_id, position)
);

-- The lease of a household in a dwelling; the current one has no end date.
CREATE TABLE leases (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  dwelling_id BIGINT NOT NULL REFERENCES dwellings(id),
  start_date TEXT NOT NULL,
  end_date TEXT,
  rent_cents BIGINT NOT NULL,
  charges_cents BIGINT NOT NULL,
  housing_benefit_cents BIGINT NOT NULL DEFAULT 0,
  benefit_paid_to_landlord SMALLINT NOT NULL DEFAULT 0
);
CREATE INDEX leases_household ON leases (household_id);
CREATE INDEX leases_dwelling ON leases (dwelling_id);
