-- Escalations of unreachable level-3 tenants (issue 5, modules/outreach/call_store.h): raised by
-- the call recorder when a member's unreachable run (outreach_contact_state.unreachable_since)
-- reaches the crisis plan's escalation_days; one per member and run. The agency's managers choose
-- what to do (a caretaker's visit, the emergency contact, the town's social service, the emergency
-- services), record the outcome and close it.
CREATE TABLE outreach_escalations (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  household_id BIGINT NOT NULL,
  agency_id BIGINT NOT NULL,
  plan_id BIGINT NOT NULL REFERENCES crisis_plans(id),
  call_id BIGINT,                   -- the call whose close raised it
  unreachable_since TEXT NOT NULL,  -- YYYY-MM-DD, first day of the run
  raised_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  action TEXT CHECK (action IN ('caretaker_visit', 'emergency_contact', 'town_social_service', 'emergency_services')),
  action_by BIGINT,
  action_at BIGINT,
  outcome TEXT NOT NULL DEFAULT '',
  closed_by BIGINT,
  closed_at BIGINT,
  UNIQUE (member_id, unreachable_since)
);
CREATE INDEX outreach_escalations_organisation ON outreach_escalations (organisation_id, status, raised_at);
