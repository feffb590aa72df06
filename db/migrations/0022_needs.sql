-- Needs and help (issue 5): a need found on a call becomes actions with an owner and a due date
-- (a delivery put into a delivery round, a referral to a partner, a task); partners answer the
-- referrals made to them. modules/outreach/need*, delivery_round*, outreach.cc.

-- A need of a household. call_id: the call that found it, if any. cancelled_at: given up; a need
-- is otherwise open until every one of its actions that was not cancelled is done (computed).
CREATE TABLE outreach_needs (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  call_id BIGINT,
  category TEXT NOT NULL CHECK (category IN ('food', 'medicines', 'shopping', 'psychological_support',
    'health_concern', 'loneliness', 'money', 'repair', 'other')),
  description TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  cancelled_by BIGINT,
  cancelled_at BIGINT
);
CREATE INDEX outreach_needs_household ON outreach_needs (household_id, id);
CREATE INDEX outreach_needs_organisation ON outreach_needs (organisation_id, id);

-- What is done about a need. kind delivery: `item` is brought by a delivery round, `status` kept
-- here. kind referral: the status follows the referral (referral_id). kind task: the status
-- follows the outreach_tasks row (task_id).
CREATE TABLE outreach_actions (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  need_id BIGINT NOT NULL REFERENCES outreach_needs(id) ON DELETE CASCADE,
  household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('delivery', 'referral', 'task')),
  owner_id BIGINT NOT NULL,         -- staff user
  due_date TEXT NOT NULL,           -- YYYY-MM-DD
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  item TEXT CHECK (item IN ('food_parcel', 'medicines')),
  referral_id BIGINT,
  task_id BIGINT,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  closed_by BIGINT,
  closed_at BIGINT
);
CREATE INDEX outreach_actions_need ON outreach_actions (need_id, id);
CREATE INDEX outreach_actions_open_deliveries ON outreach_actions (organisation_id, kind, status);

-- A delivery round: one per agency and day; its stops are the deliveries put into it.
CREATE TABLE delivery_rounds (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  agency_id BIGINT NOT NULL REFERENCES agencies(id),
  round_date TEXT NOT NULL,         -- YYYY-MM-DD
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (agency_id, round_date)
);
CREATE INDEX delivery_rounds_organisation ON delivery_rounds (organisation_id, round_date);

-- result NULL: not yet delivered; failed: the delivery goes into a later round.
CREATE TABLE delivery_round_stops (
  round_id BIGINT NOT NULL REFERENCES delivery_rounds(id) ON DELETE CASCADE,
  action_id BIGINT NOT NULL REFERENCES outreach_actions(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL,
  result TEXT CHECK (result IN ('delivered', 'failed')),
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT,
  recorded_at BIGINT,
  PRIMARY KEY (round_id, action_id)
);
CREATE INDEX delivery_round_stops_action ON delivery_round_stops (action_id);

-- The partner's answer to a referral and the tenant's consent to share with the partner.
-- response NULL: not answered yet; declined closes the referral; an accepted referral stays open
-- (the partner keeps seeing the household) until closed. outcome: what the partner did.
ALTER TABLE referrals ADD COLUMN response TEXT;
ALTER TABLE referrals ADD COLUMN response_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN responded_by BIGINT;
ALTER TABLE referrals ADD COLUMN responded_at BIGINT;
ALTER TABLE referrals ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN consent_on TEXT;               -- YYYY-MM-DD
ALTER TABLE referrals ADD COLUMN consent_given_by TEXT NOT NULL DEFAULT '';
