-- Support cases (issue 6, modules/support, docs/adr/0015-support-cases.md): a social-support
-- officer (CESF) follows a household in financial difficulty. A case has an officer, a state
-- (support/case_state.h), a timeline of events, tasks with due dates, notes and documents.
-- Every table carries organisation_id: every query filters on it.

-- One case of a household. At most one case per household is not closed (partial unique index
-- below). opened_from: household (its page), queue (the officers' work queue), outreach (a money
-- need found on a call). outcome: set when closed. follow_up_ended_on: the day the follow-up
-- ended (the close), from which the retention period runs; anonymised_at: content removed.
CREATE TABLE support_cases (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  officer_id BIGINT NOT NULL,       -- staff user (social-support officer)
  state TEXT NOT NULL DEFAULT 'open'
    CHECK (state IN ('open', 'in_progress', 'plan_active', 'referred', 'closed')),
  outcome TEXT CHECK (outcome IN ('debt_cleared', 'plan_completed', 'referred_elsewhere', 'tenant_declined',
    'no_contact', 'tenant_left', 'other')),
  opened_from TEXT NOT NULL CHECK (opened_from IN ('household', 'queue', 'outreach')),
  reason TEXT NOT NULL DEFAULT '',
  opened_by BIGINT NOT NULL,
  opened_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  closed_by BIGINT,
  closed_at BIGINT,
  follow_up_ended_on TEXT,          -- YYYY-MM-DD (Europe/Paris)
  anonymised_at BIGINT
);
CREATE INDEX support_cases_organisation ON support_cases (organisation_id, state, id);
CREATE INDEX support_cases_household ON support_cases (household_id, id);
CREATE INDEX support_cases_officer ON support_cases (organisation_id, officer_id, state);
CREATE UNIQUE INDEX support_cases_one_open ON support_cases (household_id) WHERE state <> 'closed';

-- The case's timeline: every change, in order. kind: opened, transition, officer, task_added,
-- task_closed, note_added, document_added (later: plan, referral, claim events). from_state and
-- to_state for transitions; ref_id: the task, note or document concerned.
CREATE TABLE support_case_events (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  ref_id BIGINT,
  text TEXT NOT NULL DEFAULT '',
  user_id BIGINT NOT NULL,          -- 0: the system (nightly jobs)
  at BIGINT NOT NULL
);
CREATE INDEX support_case_events_case ON support_case_events (case_id, id);

-- A task of the case with its due date. source: officer (added by hand) or system (opened by a
-- job: a missed instalment of a payment plan, issue 6 part 2).
CREATE TABLE support_tasks (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  due_date TEXT NOT NULL,           -- YYYY-MM-DD
  owner_id BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  source TEXT NOT NULL DEFAULT 'officer',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  closed_by BIGINT,
  closed_at BIGINT
);
CREATE INDEX support_tasks_case ON support_tasks (case_id, id);
CREATE INDEX support_tasks_open ON support_tasks (organisation_id, owner_id, status, due_date);

CREATE TABLE support_notes (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  author_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX support_notes_case ON support_notes (case_id, id);

-- An uploaded document, stored in the database (backed up with it) as base64 text: one column
-- type on both engines, no NUL byte issue with PostgreSQL TEXT (ADR 0015). content_type is
-- checked against the file's first bytes; size_bytes is the decoded size (<= the configured limit).
CREATE TABLE support_documents (
  id @ID@,
  organisation_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX support_documents_case ON support_documents (case_id, id);
