// The support module (issue 6, docs/adr/0015-support-cases.md): support cases (dossiers
// d'accompagnement) of households in financial difficulty, followed by a social-support officer
// (CESF). A case has a state (case_state.h), a timeline of events, tasks with due dates, notes and
// documents. Use cases authorise through support_policy, load records only within the actor's
// organisation (another landlord's case is 404), write one transaction with its audit entry; the
// routes audit every read. Call agents and other contact staff see only that a household has a
// case and who its officer is (CaseSummary).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/support/fsl_rules.h"
#include "modules/support/payment_plan.h"
#include "modules/support/support_solutions.h"
#include "platform/audit/audit.h"
#include "platform/auth/actor.h"
#include "platform/core/dates.h"
#include "platform/core/error.h"
#include "platform/db/db.h"
#include "platform/db/export_section.h"

namespace relais::audit {
class Trail;
}
namespace relais::http {
class Router;
}

namespace relais::support {

struct Settings {
  int64_t document_max_bytes = 512 * 1024;  // support.document_max_bytes
  PlanRules plan_rules;                     // support.plan_*
  FslRules fsl_rules = DefaultFslRules();   // fsl.dNN_*: each département's fund (fsl_rules.h)
  SolutionRules solution_rules;             // [rent] arrears rules, support.visale_* / locapass_* / action_logement_*
};

// What contact staff see of a household's case.
struct CaseSummary {
  int64_t id = 0;
  int64_t household_id = 0;
  int64_t officer_id = 0;
  std::string officer_name;
  bool open = true;
  int64_t opened_at = 0;
  std::optional<int64_t> closed_at;
};

struct CaseEventEntry {
  int64_t id = 0;
  std::string kind;  // opened, transition, officer, task_added, task_closed, note_added, document_added,
                    // plan_completed, outreach_need, fsl_prepared, fsl_sent, fsl_decision, fsl_paid,
                    // guarantee_prepared, guarantee_sent, guarantee_paid, guarantee_closed,
                    // solution_added, solution_outcome, solution_paid
  std::string from_state, to_state;
  std::optional<int64_t> ref_id;
  std::string text;
  int64_t user_id = 0;  // 0: the system
  std::string user_name;
  int64_t at = 0;
};

struct CaseTask {
  int64_t id = 0;
  std::string title;
  std::string due_date;  // YYYY-MM-DD
  int64_t owner_id = 0;
  std::string owner_name;
  std::string status;  // open, done, cancelled
  std::string source;  // officer, system
  int64_t created_at = 0;
  std::optional<int64_t> closed_at;
};

struct CaseNote {
  int64_t id = 0;
  std::string body;
  int64_t author_id = 0;
  std::string author_name;
  int64_t created_at = 0;
};

struct CaseDocument {
  int64_t id = 0;
  std::string filename;
  std::string content_type;
  int64_t size_bytes = 0;
  std::string sha256;
  int64_t uploaded_by = 0;
  std::string uploaded_by_name;
  int64_t uploaded_at = 0;
};

struct SupportCase {
  int64_t id = 0;
  int64_t organisation_id = 0;
  int64_t household_id = 0;
  std::string household_reference;
  std::string household_name;
  int64_t officer_id = 0;
  std::string officer_name;
  std::string state;    // case_state.h codes
  std::string outcome;  // "" until closed
  std::string opened_from;
  std::string reason;
  int64_t opened_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> closed_at;
  std::string follow_up_ended_on;  // YYYY-MM-DD, "" while open
  std::optional<int64_t> anonymised_at;  // set once its content was removed (AnonymiseCaseIn)
  std::vector<CaseEventEntry> events;  // oldest first
  std::vector<CaseTask> tasks;         // open first, by due date
  std::vector<CaseNote> notes;         // newest first
  std::vector<CaseDocument> documents;  // newest first
};

struct OpenCaseInput {
  std::string opened_from = "household";  // household, queue, outreach
  std::optional<int64_t> officer_id;      // default: the actor
  std::string reason;
};

// Opens a case for a household: kNotFound when the household is not the actor's organisation's
// (or for partners, observers, tenants), kForbidden for a role other than the officer's, kInvalid
// (opened_from, officer_id), kConflict (field household_id) when the household already has a case
// not closed.
Result<SupportCase> OfficerOpensSupportCase(db::Database& db, const auth::Actor& actor, int64_t household_id,
                                            const OpenCaseInput& in);
// The same inside the caller's write transaction, after the caller checked the actor may (the
// outreach module, when a money need is recorded on a call). Audited as a creation.
Result<int64_t> OpenSupportCaseIn(db::Connection& c, const auth::Actor& actor, int64_t household_id,
                                  const OpenCaseInput& in);
// A money need found on an outreach call (the outreach module, in its write transaction): the
// household's case not closed gets an event (kind outreach_need, text `reason`), or a new case is
// opened (opened_from outreach) for the organisation's active social-support officer with the
// fewest open cases. Returns the case's id; kConflict (field category) when the organisation has
// no active officer: the caller then keeps the need as it was (a task), never silently.
Result<int64_t> OpenCaseFromOutreachIn(db::Connection& c, const auth::Actor& actor, int64_t household_id,
                                       const std::string& reason);
// The cases of a household as contact staff may see them (existence and officer), newest first.
Result<std::vector<CaseSummary>> StaffListsHouseholdCases(db::Database& db, const auth::Actor& actor,
                                                          int64_t household_id);
// A case with its content (officers and managers): kNotFound outside the organisation, kForbidden
// for the roles that see only the existence of cases.
Result<SupportCase> StaffReadsSupportCase(db::Database& db, const auth::Actor& actor, int64_t id);
// The cases of the organisation, filtered (officer, open only), newest change first, at most `limit`.
struct CaseFilter {
  std::optional<int64_t> officer_id;
  std::optional<std::string> state;  // a state code, or "active" (not closed)
  int limit = 100;
};
Result<std::vector<SupportCase>> StaffListsSupportCases(db::Database& db, const auth::Actor& actor,
                                                        const CaseFilter& filter);  // without content

// A transition (case_state.h event code), with the outcome when closing and an optional comment
// written on the timeline. kInvalid (event, outcome), kConflict (event) from the state machine.
Result<SupportCase> OfficerMovesSupportCase(db::Database& db, const auth::Actor& actor, int64_t id,
                                            const std::string& event, const std::string& outcome,
                                            const std::string& comment);
// Hands the case to another officer of the organisation (kInvalid officer_id otherwise).
Result<SupportCase> OfficerReassignsSupportCase(db::Database& db, const auth::Actor& actor, int64_t id,
                                                int64_t officer_id);
// Tasks: title 1-300 characters, a due date, an owner of the organisation (default: the actor).
Result<SupportCase> OfficerAddsCaseTask(db::Database& db, const auth::Actor& actor, int64_t id,
                                        const std::string& title, CivilDate due_date,
                                        std::optional<int64_t> owner_id);
// status done or cancelled; kConflict when the task is not open, kInvalid task_id when not the case's.
Result<SupportCase> OfficerClosesCaseTask(db::Database& db, const auth::Actor& actor, int64_t id, int64_t task_id,
                                          const std::string& status);
// In the caller's write transaction, as the system (a job): a task for the case's officer.
// Returns the task's id. Written on the case's timeline.
int64_t AddSystemTaskIn(db::Connection& c, int64_t organisation_id, int64_t case_id, const std::string& title,
                        CivilDate due_date);
Result<SupportCase> OfficerAddsCaseNote(db::Database& db, const auth::Actor& actor, int64_t id,
                                        const std::string& body);
// A document (document.h checks); kTooLarge over settings.document_max_bytes.
Result<SupportCase> OfficerAddsCaseDocument(db::Database& db, const auth::Actor& actor, const Settings& settings,
                                            int64_t id, const std::string& filename,
                                            const std::string& content_type, const std::string& content_base64);
// A document's bytes (kNotFound when not the case's).
struct DocumentFile {
  CaseDocument meta;
  std::string bytes;
};
Result<DocumentFile> StaffReadsCaseDocument(db::Database& db, const auth::Actor& actor, int64_t case_id,
                                            int64_t document_id);

// The household timeline's entries of support cases (the outreach module's TimelineSources): one
// per case, at its opening, status "open" or "closed", text the officer's name: only what every
// contact staff may see. Also one entry per close.
struct TimelineItem {
  int64_t id = 0;
  int64_t at = 0;
  std::string status;  // open, closed
  std::string officer_name;
};
std::vector<TimelineItem> HouseholdCaseTimeline(db::Connection& c, int64_t organisation_id, int64_t household_id);

// Everything the support module holds about household `household_id` of organisation `org`, for
// its subject-access export (privacy module, ADR 0010), in the caller's transaction (the caller
// authorises): cases, their timeline, notes, tasks, documents (names, not bytes), payment plans and
// instalments, FSL files, guarantee claims and payments, other solutions. support_privacy.cc.
std::vector<db::ExportSection> HouseholdSupportRecords(db::Connection& c, int64_t org, int64_t household_id);
// The records of household `household_id` of `org` that support holds: its cases whose reads and changes the audit trail names, as the trail names them
// (record type, id), for the subject-access export's audit entries (audit::ListAbout). No I/O.
std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t org, int64_t household_id);

// Retention (docs/adr/0021-support-case-retention.md, docs/privacy.md section 4). Anonymises case
// `case_id` in the caller's transaction, as the system: the reason, the timeline's texts, the
// task titles, the notes and documents (deleted), the FSL file's members and resources and its
// free texts, the guarantee references, the other solutions' free texts; the states, outcome,
// dates, amounts and kinds of solution stay for statistics. `reason`: retention or household.
// Returns false when the case is not the organisation's or is already anonymised. The caller audits.
bool AnonymiseCaseIn(db::Connection& c, int64_t organisation_id, int64_t case_id, const std::string& reason);
// A household's anonymisation reaches its cases (privacy module): each case not anonymised yet
// closes (outcome other; a running plan is cancelled) and is anonymised (reason household).
// Returns the ids of the cases anonymised.
std::vector<int64_t> AnonymiseHouseholdCasesIn(db::Connection& c, int64_t organisation_id, int64_t household_id);
// The closed cases, not anonymised, whose follow-up ended before `ended_before`.
struct CaseRef {
  int64_t organisation_id = 0;
  int64_t case_id = 0;
};
std::vector<CaseRef> CasesPastRetention(db::Connection& c, CivilDate ended_before);

// Registers the routes of support cases (api/openapi.yaml, tag "support").
void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail, const Settings& settings);

}  // namespace relais::support
