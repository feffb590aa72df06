-- Crisis plans (issue 5): declared by a landlord's manager for a perimeter and a period; they set
-- the call cadence per vulnerability level, the calling hours and the escalation rule
-- (src/modules/outreach/crisis_plan.h). Lists are stored as text: perimeter ids comma-separated,
-- calling hours as "09:00-12:00,14:00-18:00" (Europe/Paris).
CREATE TABLE crisis_plans (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  kind TEXT NOT NULL CHECK (kind IN ('pandemic_lockdown', 'heatwave', 'cold_snap', 'flood', 'custom')),
  name TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,
  end_date TEXT,
  perimeter_all INTEGER NOT NULL DEFAULT 1,
  agency_ids TEXT NOT NULL DEFAULT '',
  communes TEXT NOT NULL DEFAULT '',
  building_ids TEXT NOT NULL DEFAULT '',
  level1_days INTEGER NOT NULL,
  level2_days INTEGER NOT NULL,
  level3_days INTEGER NOT NULL,
  call_hours TEXT NOT NULL,
  saturday INTEGER NOT NULL DEFAULT 0,
  escalation_days INTEGER NOT NULL DEFAULT 2,
  call_script TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX crisis_plans_org ON crisis_plans (organisation_id, start_date);
