// Use cases of support cases: authorise through support_policy, scope every load to the actor's
// organisation, one transaction, an audit entry for every change (record type support_case).
#include <algorithm>
#include <map>

#include "modules/support/case_state.h"
#include "modules/support/case_store.h"
#include "modules/support/document.h"
#include "modules/support/support.h"
#include "modules/support/support_policy.h"
#include "platform/audit/audit.h"
#include "platform/auth/token.h"
#include "platform/core/text.h"
#include "platform/notify/notify.h"

namespace relais::support {
namespace {

const char* const kHouseholdNotFound = "Ménage introuvable.";
constexpr const char* kRecordType = "support_case";

// Partners, observers and tenants: nothing exists. The landlord's staff: told their role may not.
Error Refused(const auth::Actor& a, const char* not_found, const char* forbidden) {
  if (a.kind == auth::Kind::kStaff && a.organisation_id > 0) return Forbidden(forbidden);
  return NotFound(not_found);
}
const char* const kReadForbidden =
    "Votre rôle ne voit que l'existence du dossier d'accompagnement et son ou sa référent·e, pas son contenu.";
const char* const kWorkForbidden = "Seul·es les conseiller·ères en économie sociale et familiale (CESF) suivent les dossiers.";
const char* const kSeeForbidden = "Votre rôle ne permet pas de voir les dossiers d'accompagnement.";

bool HouseholdIsOrganisations(db::Connection& c, int64_t org, int64_t household_id) {
  return c.QueryInt("SELECT id FROM households WHERE id = ? AND organisation_id = ?", {db::P(household_id), db::P(org)})
      .has_value();
}

// An active staff account of the organisation.
bool IsStaffOf(db::Connection& c, int64_t org, int64_t user_id) {
  return c.QueryInt("SELECT id FROM staff_users WHERE id = ? AND organisation_id = ? AND active = 1",
                    {db::P(user_id), db::P(org)})
      .has_value();
}
// An active social-support officer of the organisation.
bool IsOfficerOf(db::Connection& c, int64_t org, int64_t user_id) {
  return c.QueryInt("SELECT id FROM staff_users WHERE id = ? AND organisation_id = ? AND active = 1 AND (roles & ?) <> 0",
                    {db::P(user_id), db::P(org), db::P(static_cast<int64_t>(auth::Role::kSocialSupport))})
      .has_value();
}

constexpr const char* kCaseSelect =
    "SELECT s.id, s.organisation_id, s.household_id, h.reference, h.display_name, s.officer_id, "
    "COALESCE(u.display_name, ''), s.state, COALESCE(s.outcome, ''), s.opened_from, s.reason, s.opened_at, "
    "s.updated_at, s.closed_at, COALESCE(s.follow_up_ended_on, ''), s.anonymised_at FROM support_cases s "
    "JOIN households h ON h.id = s.household_id LEFT JOIN staff_users u ON u.id = s.officer_id ";

SupportCase ReadCase(const db::Row& r) {
  SupportCase s;
  s.id = r.Int(0);
  s.organisation_id = r.Int(1);
  s.household_id = r.Int(2);
  s.household_reference = r.Str(3);
  s.household_name = r.Str(4);
  s.officer_id = r.Int(5);
  s.officer_name = r.Str(6);
  s.state = r.Str(7);
  s.outcome = r.Str(8);
  s.opened_from = r.Str(9);
  s.reason = r.Str(10);
  s.opened_at = r.Int(11);
  s.updated_at = r.Int(12);
  s.closed_at = r.OptInt(13);
  s.follow_up_ended_on = r.Str(14);
  s.anonymised_at = r.OptInt(15);
  return s;
}

std::optional<SupportCase> FindCase(db::Connection& c, int64_t org, int64_t id) {
  std::optional<SupportCase> out;
  c.Query(std::string(kCaseSelect) + "WHERE s.id = ? AND s.organisation_id = ?", {db::P(id), db::P(org)},
          [&](const db::Row& r) { out = ReadCase(r); });
  return out;
}

// The case with its timeline, tasks, notes and documents (without the documents' bytes).
std::optional<SupportCase> LoadCase(db::Connection& c, int64_t org, int64_t id) {
  auto s = FindCase(c, org, id);
  if (!s) return s;
  c.Query("SELECT e.id, e.kind, COALESCE(e.from_state, ''), COALESCE(e.to_state, ''), e.ref_id, e.text, e.user_id, "
          "COALESCE(u.display_name, ''), e.at FROM support_case_events e LEFT JOIN staff_users u ON u.id = e.user_id "
          "WHERE e.case_id = ? AND e.organisation_id = ? ORDER BY e.id",
          {db::P(id), db::P(org)}, [&](const db::Row& r) {
            s->events.push_back({r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.OptInt(4), r.Str(5), r.Int(6), r.Str(7), r.Int(8)});
          });
  c.Query("SELECT t.id, t.title, t.due_date, t.owner_id, COALESCE(u.display_name, ''), t.status, t.source, t.created_at, "
          "t.closed_at FROM support_tasks t LEFT JOIN staff_users u ON u.id = t.owner_id "
          "WHERE t.case_id = ? AND t.organisation_id = ? "
          "ORDER BY CASE t.status WHEN 'open' THEN 0 ELSE 1 END, t.due_date, t.id",
          {db::P(id), db::P(org)}, [&](const db::Row& r) {
            s->tasks.push_back({r.Int(0), r.Str(1), r.Str(2), r.Int(3), r.Str(4), r.Str(5), r.Str(6), r.Int(7), r.OptInt(8)});
          });
  c.Query("SELECT n.id, n.body, n.author_id, COALESCE(u.display_name, ''), n.created_at FROM support_notes n "
          "LEFT JOIN staff_users u ON u.id = n.author_id WHERE n.case_id = ? AND n.organisation_id = ? ORDER BY n.id DESC",
          {db::P(id), db::P(org)},
          [&](const db::Row& r) { s->notes.push_back({r.Int(0), r.Str(1), r.Int(2), r.Str(3), r.Int(4)}); });
  c.Query("SELECT d.id, d.filename, d.content_type, d.size_bytes, d.sha256, d.uploaded_by, COALESCE(u.display_name, ''), "
          "d.uploaded_at FROM support_documents d LEFT JOIN staff_users u ON u.id = d.uploaded_by "
          "WHERE d.case_id = ? AND d.organisation_id = ? ORDER BY d.id DESC",
          {db::P(id), db::P(org)}, [&](const db::Row& r) {
            s->documents.push_back({r.Int(0), r.Str(1), r.Str(2), r.Int(3), r.Str(4), r.Int(5), r.Str(6), r.Int(7)});
          });
  return s;
}

CivilDate ParisToday() { return ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())); }

// The shape of a change to a case: may read content (else 403/404), the case is the
// organisation's (else 404), may work on it (else 403), then `change` in the transaction, audited.
template <class Change>
Result<SupportCase> ChangeCase(db::Database& db, const auth::Actor& actor, int64_t id, Change change) {
  if (!CanReadCase(actor)) return Refused(actor, kCaseNotFound, kReadForbidden);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<SupportCase> {
    auto s = FindCase(c, org, id);
    if (!s) return NotFound(kCaseNotFound);
    if (!CanWorkOnCase(actor)) return Forbidden(kWorkForbidden);
    if (s->anonymised_at) return Conflict(kCaseAnonymised, "state");
    if (auto e = change(c, *s)) return *e;
    audit::AppendInTransaction(c, audit::Of(actor, "update", kRecordType, id));
    return *LoadCase(c, org, id);
  });
}

}  // namespace

Result<int64_t> OpenSupportCaseIn(db::Connection& c, const auth::Actor& actor, int64_t household_id,
                                  const OpenCaseInput& in) {
  const int64_t org = actor.organisation_id;
  if (!HouseholdIsOrganisations(c, org, household_id)) return NotFound(kHouseholdNotFound);
  if (in.opened_from != "household" && in.opened_from != "queue" && in.opened_from != "outreach")
    return Invalid("opened_from", "opened_from doit valoir household, queue ou outreach.");
  const int64_t officer = in.officer_id.value_or(actor.user_id);
  if (!IsOfficerOf(c, org, officer))
    return Invalid("officer_id", "Choisissez un·e conseiller·ère en économie sociale et familiale de votre organisme.");
  if (c.QueryInt("SELECT id FROM support_cases WHERE household_id = ? AND organisation_id = ? AND state <> 'closed'",
                 {db::P(household_id), db::P(org)}))
    return Conflict("Ce ménage a déjà un dossier d'accompagnement en cours.", "household_id");
  const std::string reason(text::Trim(in.reason));
  const int64_t now = NowMillis();
  const int64_t id = *c.QueryInt(
      "INSERT INTO support_cases (organisation_id, household_id, officer_id, state, opened_from, reason, opened_by, "
      "opened_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?) RETURNING id",
      {db::P(org), db::P(household_id), db::P(officer), db::P(in.opened_from), db::P(reason), db::P(actor.user_id),
       db::P(now), db::P(now)});
  AddCaseEvent(c, org, id, "opened", "", "open", std::nullopt, reason, actor.user_id, now);
  audit::AppendInTransaction(c, audit::Of(actor, "create", kRecordType, id));
  return id;
}

Result<int64_t> OpenCaseFromOutreachIn(db::Connection& c, const auth::Actor& actor, int64_t household_id,
                                       const std::string& reason) {
  const int64_t org = actor.organisation_id;
  if (!HouseholdIsOrganisations(c, org, household_id)) return NotFound(kHouseholdNotFound);
  if (auto open = c.QueryInt("SELECT id FROM support_cases WHERE household_id = ? AND organisation_id = ? AND state <> 'closed'",
                             {db::P(household_id), db::P(org)})) {
    AddCaseEvent(c, org, *open, "outreach_need", "", "", std::nullopt, std::string(text::Trim(reason)), actor.user_id, NowMillis());
    audit::AppendInTransaction(c, audit::Of(actor, "update", kRecordType, *open));
    return *open;
  }
  auto officer = c.QueryInt(
      "SELECT u.id FROM staff_users u WHERE u.organisation_id = ? AND u.active = 1 AND (u.roles & ?) <> 0 "
      "ORDER BY (SELECT COUNT(*) FROM support_cases s WHERE s.officer_id = u.id AND s.state <> 'closed'), u.id LIMIT 1",
      {db::P(org), db::P(static_cast<int64_t>(auth::Role::kSocialSupport))});
  if (!officer)
    return Conflict("Aucun·e CESF actif·ve dans votre organisme : le dossier d'accompagnement n'a pas pu être ouvert.",
                    "category");
  return OpenSupportCaseIn(c, actor, household_id, {"outreach", *officer, reason});
}

Result<SupportCase> OfficerOpensSupportCase(db::Database& db, const auth::Actor& actor, int64_t household_id,
                                            const OpenCaseInput& in) {
  if (!CanOpenCase(actor)) return Refused(actor, kHouseholdNotFound, kWorkForbidden);
  return db.Write([&](db::Connection& c) -> Result<SupportCase> {
    auto id = OpenSupportCaseIn(c, actor, household_id, in);
    if (!id.ok()) return id.error();
    return *LoadCase(c, actor.organisation_id, *id);
  });
}

Result<std::vector<CaseSummary>> StaffListsHouseholdCases(db::Database& db, const auth::Actor& actor,
                                                          int64_t household_id) {
  if (!CanSeeCaseExists(actor)) return Refused(actor, kHouseholdNotFound, kSeeForbidden);
  return db.Read([&](db::Connection& c) -> Result<std::vector<CaseSummary>> {
    if (!HouseholdIsOrganisations(c, actor.organisation_id, household_id)) return NotFound(kHouseholdNotFound);
    std::vector<CaseSummary> out;
    c.Query("SELECT s.id, s.household_id, s.officer_id, COALESCE(u.display_name, ''), s.state, s.opened_at, s.closed_at "
            "FROM support_cases s LEFT JOIN staff_users u ON u.id = s.officer_id "
            "WHERE s.household_id = ? AND s.organisation_id = ? ORDER BY s.id DESC",
            {db::P(household_id), db::P(actor.organisation_id)}, [&](const db::Row& r) {
              out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Str(3), r.Str(4) != "closed", r.Int(5), r.OptInt(6)});
            });
    return out;
  });
}

Result<SupportCase> StaffReadsSupportCase(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadCase(actor)) return Refused(actor, kCaseNotFound, kReadForbidden);
  return db.Read([&](db::Connection& c) -> Result<SupportCase> {
    auto s = LoadCase(c, actor.organisation_id, id);
    if (!s) return NotFound(kCaseNotFound);
    return *s;
  });
}

Result<std::vector<SupportCase>> StaffListsSupportCases(db::Database& db, const auth::Actor& actor,
                                                        const CaseFilter& filter) {
  if (!CanReadCase(actor)) return Refused(actor, kCaseNotFound, kReadForbidden);
  if (filter.state && *filter.state != "active" && !StateFromCode(*filter.state))
    return Invalid("state", "state doit valoir active, open, in_progress, plan_active, referred ou closed.");
  return db.Read([&](db::Connection& c) -> Result<std::vector<SupportCase>> {
    std::string where = "WHERE s.organisation_id = ?";
    std::vector<db::Param> params{db::P(actor.organisation_id)};
    if (filter.officer_id) {
      where += " AND s.officer_id = ?";
      params.push_back(db::P(*filter.officer_id));
    }
    if (filter.state) {
      if (*filter.state == "active") {
        where += " AND s.state <> 'closed'";
      } else {
        where += " AND s.state = ?";
        params.push_back(db::P(*filter.state));
      }
    }
    params.push_back(db::P(static_cast<int64_t>(std::clamp(filter.limit, 1, 500))));
    std::vector<SupportCase> out;
    c.Query(std::string(kCaseSelect) + where + " ORDER BY s.updated_at DESC, s.id DESC LIMIT ?", params,
            [&](const db::Row& r) { out.push_back(ReadCase(r)); });
    return out;
  });
}

Result<SupportCase> OfficerMovesSupportCase(db::Database& db, const auth::Actor& actor, int64_t id,
                                            const std::string& event_code, const std::string& outcome_code,
                                            const std::string& comment) {
  return ChangeCase(db, actor, id, [&](db::Connection& c, const SupportCase& s) -> std::optional<Error> {
    auto event = EventFromCode(event_code);
    if (!event) return Invalid("event", "event doit valoir start, start_plan, refer, resume, close ou reopen.");
    TransitionFacts facts;
    if (!outcome_code.empty()) {
      facts.outcome = OutcomeFromCode(outcome_code);
      if (!facts.outcome)
        return Invalid("outcome", "outcome doit valoir debt_cleared, plan_completed, referred_elsewhere, "
                                  "tenant_declined, no_contact, tenant_left ou other.");
      if (*event != CaseEvent::kClose) return Invalid("outcome", "L'issue ne se donne qu'à la clôture du dossier.");
    }
    if (*event == CaseEvent::kReopen) {
      facts.household_has_other_open_case =
          c.QueryInt("SELECT id FROM support_cases WHERE household_id = ? AND organisation_id = ? AND state <> 'closed' "
                     "AND id <> ?",
                     {db::P(s.household_id), db::P(s.organisation_id), db::P(id)})
              .has_value();
    }
    auto from = StateFromCode(s.state);
    auto to = NextCaseState(*from, *event, facts);
    if (!to.ok()) return to.error();
    const int64_t now = NowMillis();
    const std::string to_code(CodeOf(*to));
    if (*to == CaseState::kClosed) {
      c.Exec("UPDATE support_cases SET state = ?, outcome = ?, closed_by = ?, closed_at = ?, follow_up_ended_on = ? "
             "WHERE id = ?",
             {db::P(to_code), db::P(std::string(CodeOf(*facts.outcome))), db::P(actor.user_id), db::P(now),
              db::P(FormatIso(ParisToday())), db::P(id)});
    } else {
      c.Exec("UPDATE support_cases SET state = ?, outcome = NULL, closed_by = NULL, closed_at = NULL, "
             "follow_up_ended_on = NULL WHERE id = ?",
             {db::P(to_code), db::P(id)});
    }
    std::string text(text::Trim(comment));
    if (facts.outcome) text = std::string(CodeOf(*facts.outcome)) + (text.empty() ? "" : " — " + text);
    AddCaseEvent(c, s.organisation_id, id, "transition", s.state, to_code, std::nullopt, text, actor.user_id, now);
    return std::nullopt;
  });
}

Result<SupportCase> OfficerReassignsSupportCase(db::Database& db, const auth::Actor& actor, int64_t id,
                                                int64_t officer_id) {
  return ChangeCase(db, actor, id, [&](db::Connection& c, const SupportCase& s) -> std::optional<Error> {
    if (!IsOfficerOf(c, s.organisation_id, officer_id))
      return Invalid("officer_id", "Choisissez un·e conseiller·ère en économie sociale et familiale de votre organisme.");
    if (s.state == "closed") return Conflict("Ce dossier est clos.", "officer_id");
    if (officer_id == s.officer_id) return std::nullopt;
    c.Exec("UPDATE support_cases SET officer_id = ? WHERE id = ?", {db::P(officer_id), db::P(id)});
    AddCaseEvent(c, s.organisation_id, id, "officer", "", "", officer_id, "", actor.user_id, NowMillis());
    return std::nullopt;
  });
}

Result<SupportCase> OfficerAddsCaseTask(db::Database& db, const auth::Actor& actor, int64_t id,
                                        const std::string& title_in, CivilDate due_date,
                                        std::optional<int64_t> owner_id) {
  return ChangeCase(db, actor, id, [&](db::Connection& c, const SupportCase& s) -> std::optional<Error> {
    if (s.state == "closed") return Conflict("Ce dossier est clos : rouvrez-le pour y ajouter une tâche.", "state");
    const std::string title(text::Trim(title_in));
    if (title.empty()) return Invalid("title", "L'intitulé de la tâche est obligatoire.");
    const int64_t owner = owner_id.value_or(actor.user_id);
    if (!IsStaffOf(c, s.organisation_id, owner)) return Invalid("owner_id", "Choisissez un responsable de votre organisme.");
    const int64_t now = NowMillis();
    const int64_t task = *c.QueryInt(
        "INSERT INTO support_tasks (organisation_id, case_id, title, due_date, owner_id, status, source, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, 'open', 'officer', ?, ?) RETURNING id",
        {db::P(s.organisation_id), db::P(id), db::P(title), db::P(FormatIso(due_date)), db::P(owner),
         db::P(actor.user_id), db::P(now)});
    AddCaseEvent(c, s.organisation_id, id, "task_added", "", "", task, title, actor.user_id, now);
    return std::nullopt;
  });
}

int64_t AddSystemTaskIn(db::Connection& c, int64_t org, int64_t case_id, const std::string& title, CivilDate due_date) {
  const int64_t now = NowMillis();
  const int64_t officer = *c.QueryInt("SELECT officer_id FROM support_cases WHERE id = ? AND organisation_id = ?",
                                      {db::P(case_id), db::P(org)});
  const int64_t task = *c.QueryInt(
      "INSERT INTO support_tasks (organisation_id, case_id, title, due_date, owner_id, status, source, created_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, 'open', 'system', 0, ?) RETURNING id",
      {db::P(org), db::P(case_id), db::P(title), db::P(FormatIso(due_date)), db::P(officer), db::P(now)});
  AddCaseEvent(c, org, case_id, "task_added", "", "", task, title, 0, now);
  audit::AppendInTransaction(c, audit::Entry{now, org, 0, "update", kRecordType, case_id, ""});
  return task;
}

Result<SupportCase> OfficerClosesCaseTask(db::Database& db, const auth::Actor& actor, int64_t id, int64_t task_id,
                                          const std::string& status) {
  return ChangeCase(db, actor, id, [&](db::Connection& c, const SupportCase& s) -> std::optional<Error> {
    if (status != "done" && status != "cancelled") return Invalid("status", "status doit valoir done ou cancelled.");
    std::optional<std::string> current, title;
    c.Query("SELECT status, title FROM support_tasks WHERE id = ? AND case_id = ? AND organisation_id = ?",
            {db::P(task_id), db::P(id), db::P(s.organisation_id)}, [&](const db::Row& r) {
              current = r.Str(0);
              title = r.Str(1);
            });
    if (!current) return Invalid("task_id", "Cette tâche n'est pas une tâche de ce dossier.");
    if (*current != "open") return Conflict("Cette tâche est déjà terminée.", "task_id");
    const int64_t now = NowMillis();
    c.Exec("UPDATE support_tasks SET status = ?, closed_by = ?, closed_at = ? WHERE id = ?",
           {db::P(status), db::P(actor.user_id), db::P(now), db::P(task_id)});
    AddCaseEvent(c, s.organisation_id, id, "task_closed", "", status, task_id, *title, actor.user_id, now);
    return std::nullopt;
  });
}

Result<SupportCase> OfficerAddsCaseNote(db::Database& db, const auth::Actor& actor, int64_t id, const std::string& body_in) {
  return ChangeCase(db, actor, id, [&](db::Connection& c, const SupportCase& s) -> std::optional<Error> {
    const std::string body(text::Trim(body_in));
    if (body.empty()) return Invalid("body", "La note est vide.");
    const int64_t now = NowMillis();
    const int64_t note = *c.QueryInt(
        "INSERT INTO support_notes (organisation_id, case_id, body, author_id, created_at) VALUES (?, ?, ?, ?, ?) "
        "RETURNING id",
        {db::P(s.organisation_id), db::P(id), db::P(body), db::P(actor.user_id), db::P(now)});
    // The timeline says a note was written; its text stays in the notes.
    AddCaseEvent(c, s.organisation_id, id, "note_added", "", "", note, "", actor.user_id, now);
    return std::nullopt;
  });
}

Result<SupportCase> OfficerAddsCaseDocument(db::Database& db, const auth::Actor& actor, const Settings& settings,
                                            int64_t id, const std::string& filename, const std::string& content_type,
                                            const std::string& content_base64) {
  return ChangeCase(db, actor, id, [&](db::Connection& c, const SupportCase& s) -> std::optional<Error> {
    auto doc = CheckDocument(filename, content_type, content_base64, settings.document_max_bytes);
    if (!doc.ok()) return doc.error();
    const int64_t now = NowMillis();
    // Stored re-encoded: one canonical form whatever padding the client sent.
    const int64_t d = *c.QueryInt(
        "INSERT INTO support_documents (organisation_id, case_id, filename, content_type, size_bytes, sha256, "
        "content_base64, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {db::P(s.organisation_id), db::P(id), db::P(doc->filename), db::P(doc->content_type),
         db::P(static_cast<int64_t>(doc->bytes.size())), db::P(auth::Sha256Hex(doc->bytes)),
         db::P(notify::Base64(doc->bytes)), db::P(actor.user_id), db::P(now)});
    AddCaseEvent(c, s.organisation_id, id, "document_added", "", "", d, doc->filename, actor.user_id, now);
    return std::nullopt;
  });
}

Result<DocumentFile> StaffReadsCaseDocument(db::Database& db, const auth::Actor& actor, int64_t case_id,
                                            int64_t document_id) {
  if (!CanReadCase(actor)) return Refused(actor, kCaseNotFound, kReadForbidden);
  return db.Read([&](db::Connection& c) -> Result<DocumentFile> {
    if (!FindCase(c, actor.organisation_id, case_id)) return NotFound(kCaseNotFound);
    std::optional<DocumentFile> out;
    std::string b64;
    c.Query("SELECT d.id, d.filename, d.content_type, d.size_bytes, d.sha256, d.uploaded_by, COALESCE(u.display_name, ''), "
            "d.uploaded_at, d.content_base64 FROM support_documents d LEFT JOIN staff_users u ON u.id = d.uploaded_by "
            "WHERE d.id = ? AND d.case_id = ? AND d.organisation_id = ?",
            {db::P(document_id), db::P(case_id), db::P(actor.organisation_id)}, [&](const db::Row& r) {
              out = DocumentFile{{r.Int(0), r.Str(1), r.Str(2), r.Int(3), r.Str(4), r.Int(5), r.Str(6), r.Int(7)}, {}};
              b64 = r.Str(8);
            });
    if (!out) return NotFound("Document introuvable.");
    auto bytes = DecodeBase64(b64);
    if (!bytes) return Error{ErrorCode::kInternal, "Document illisible.", {}};
    out->bytes = std::move(*bytes);
    return *out;
  });
}

std::vector<TimelineItem> HouseholdCaseTimeline(db::Connection& c, int64_t org, int64_t household_id) {
  std::vector<TimelineItem> out;
  c.Query("SELECT s.id, s.opened_at, s.closed_at, COALESCE(u.display_name, '') FROM support_cases s "
          "LEFT JOIN staff_users u ON u.id = s.officer_id WHERE s.organisation_id = ? AND s.household_id = ?",
          {db::P(org), db::P(household_id)}, [&](const db::Row& r) {
            out.push_back({r.Int(0), r.Int(1), "open", r.Str(3)});
            if (auto closed = r.OptInt(2)) out.push_back({r.Int(0), *closed, "closed", r.Str(3)});
          });
  return out;
}

}  // namespace relais::support
