-- The crisis switch of reception (issue 7, ADR 0017): a site (or every site: site_id NULL) receives
-- only by phone or video between two dates (YYYY-MM-DD, Europe/Paris, inclusive). The message is
-- the tenant app's public banner and the notices' explanation; the counts say what the one action
-- did to the in-person appointments of the range.
CREATE TABLE reception_crisis_switches (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  site_id BIGINT REFERENCES reception_sites(id),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('phone', 'video')),
  cancel_in_person INTEGER NOT NULL DEFAULT 0,
  message TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  converted INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  notified INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reception_crisis_switches_org ON reception_crisis_switches (organisation_id, end_date);
