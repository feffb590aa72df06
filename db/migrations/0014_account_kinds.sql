-- Account kinds (issue 4, docs/adr/0011-account-kinds-and-policies.md): an organisation is a
-- landlord, a partner (a town social service, CCAS, or an association) or the regional association
-- of landlords. Its accounts take their kind from it. Partners are attached to the landlords they
-- work with and to the communes they serve; a landlord refers a household to a partner, which then
-- sees that household (names, phones, address) while the referral is open.
ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT 'landlord';

CREATE TABLE partner_landlords (
  partner_id BIGINT NOT NULL REFERENCES organisations(id),
  landlord_id BIGINT NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (partner_id, landlord_id)
);
CREATE INDEX partner_landlords_landlord ON partner_landlords (landlord_id);

CREATE TABLE partner_communes (
  partner_id BIGINT NOT NULL REFERENCES organisations(id),
  commune_insee TEXT NOT NULL,
  PRIMARY KEY (partner_id, commune_insee)
);

-- organisation_id is the landlord that refers (and owns the household); partner_id the partner.
CREATE TABLE referrals (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  partner_id BIGINT NOT NULL REFERENCES organisations(id),
  household_id BIGINT NOT NULL REFERENCES households(id),
  reason TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  opened_by BIGINT NOT NULL,
  opened_at BIGINT NOT NULL,
  closed_by BIGINT,
  closed_at BIGINT
);
CREATE INDEX referrals_organisation ON referrals (organisation_id, id);
CREATE INDEX referrals_partner ON referrals (partner_id, household_id);
