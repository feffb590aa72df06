-- Outreach calls (issue 5, docs/adr/0013-outreach-calls.md): the day's call list, the attempts,
-- each member's contact state, the call agents' capacity, and the follow-up tasks.
-- The call list builder (modules/outreach/call_list*) creates one call per due member and day;
-- the call recorder (modules/outreach/call*) moves it through its state machine and keeps
-- outreach_contact_state up to date, which the builder and the escalation read.

-- A call agent's daily capacity and languages. No row: the configured default capacity
-- (outreach.agent_daily_capacity) and French only.
CREATE TABLE call_agent_settings (
  user_id BIGINT PRIMARY KEY REFERENCES staff_users(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL,
  daily_capacity INTEGER NOT NULL CHECK (daily_capacity BETWEEN 0 AND 500),
  languages TEXT NOT NULL DEFAULT 'fr',   -- ISO 639-1 codes, comma-separated
  available SMALLINT NOT NULL DEFAULT 1,  -- 0: absent, gets no calls
  updated_at BIGINT NOT NULL
);
CREATE INDEX call_agent_settings_organisation ON call_agent_settings (organisation_id);

-- One call: the duty to reach one member on one day's list under a crisis plan.
-- state: due (not tried yet), retry (missed, retried at next_attempt_at), callback (the tenant
-- asked to be called at next_attempt_at), reached, refused (reached, refuses further calls),
-- wrong_number, unreachable (no more attempts today), cancelled (by a manager, or objection).
CREATE TABLE outreach_calls (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  plan_id BIGINT NOT NULL REFERENCES crisis_plans(id),
  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  household_id BIGINT NOT NULL,
  agency_id BIGINT NOT NULL,
  list_date TEXT NOT NULL,          -- YYYY-MM-DD, the day's list the call is on
  level SMALLINT NOT NULL CHECK (level BETWEEN 1 AND 3),  -- effective level when listed
  due_date TEXT NOT NULL,           -- YYYY-MM-DD, when the cadence made the member due
  agent_id BIGINT,                  -- NULL: not assigned (no agent with capacity)
  state TEXT NOT NULL DEFAULT 'due' CHECK (state IN ('due', 'retry', 'callback', 'reached',
    'refused', 'wrong_number', 'unreachable', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT,           -- ms since epoch, for retry and callback
  closed_at BIGINT,                 -- ms, when the state became final
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (member_id, list_date)
);
CREATE INDEX outreach_calls_list ON outreach_calls (organisation_id, list_date, agent_id);
CREATE INDEX outreach_calls_household ON outreach_calls (household_id, list_date);

-- Each attempt on a call, in order. callback_at: the time the tenant asked to be called back.
CREATE TABLE outreach_call_attempts (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  call_id BIGINT NOT NULL REFERENCES outreach_calls(id) ON DELETE CASCADE,
  agent_id BIGINT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('reached_fine', 'reached_needs_help', 'reached_refuses',
    'callback_requested', 'no_answer', 'voicemail', 'busy', 'wrong_number')),
  note TEXT NOT NULL DEFAULT '',
  callback_at BIGINT,
  attempted_at BIGINT NOT NULL
);
CREATE INDEX outreach_call_attempts_call ON outreach_call_attempts (call_id, id);

-- Per member: the last time they were reached and by whom (the builder's cadence and "same agent
-- as last time"), and since when they are unreachable (the escalation rule). Written only by the
-- call recorder.
CREATE TABLE outreach_contact_state (
  member_id BIGINT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL,
  last_reached_on TEXT,             -- YYYY-MM-DD
  last_agent_id BIGINT,             -- the agent of the last attempt
  unreachable_since TEXT,           -- YYYY-MM-DD of the first unreachable day in a row; NULL: reached
  updated_at BIGINT NOT NULL
);
CREATE INDEX outreach_contact_state_organisation ON outreach_contact_state (organisation_id);

-- Follow-up tasks that are not calls: update a wrong number, a money need before the rent-support
-- module exists, a repair need before the works module exists, anything else found on a call.
CREATE TABLE outreach_tasks (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('update_contact', 'money', 'repair', 'other')),
  description TEXT NOT NULL DEFAULT '',
  owner_id BIGINT,                  -- staff user; NULL: the agency's managers
  due_date TEXT NOT NULL,           -- YYYY-MM-DD
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  call_id BIGINT,                   -- the call that found it, if any
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  closed_by BIGINT,
  closed_at BIGINT
);
CREATE INDEX outreach_tasks_organisation ON outreach_tasks (organisation_id, status, due_date);
CREATE INDEX outreach_tasks_household ON outreach_tasks (household_id);
