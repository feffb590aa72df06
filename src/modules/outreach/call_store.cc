#include "modules/outreach/call_store.h"

#include <algorithm>
#include <array>
#include <map>

#include "modules/outreach/call_policy.h"
#include "modules/outreach/crisis_plan.h"
#include "modules/outreach/outreach.h"
#include "modules/outreach/vulnerability_profile.h"
#include "platform/audit/audit.h"
#include "platform/core/dates.h"
#include "platform/log/log.h"
#include "platform/notify/notify.h"

namespace relais::outreach {
namespace {

const char* const kCallNotFound = "Appel introuvable.";
const char* const kTaskNotFound = "Tâche introuvable.";
const char* const kEscalationNotFound = "Alerte introuvable.";

constexpr const char* kCallColumns =
    "SELECT id, organisation_id, plan_id, member_id, household_id, agency_id, list_date, level, due_date, agent_id, "
    "state, attempts, next_attempt_at, closed_at FROM outreach_calls ";

Call CallOf(const db::Row& r) {
  Call c;
  c.id = r.Int(0);
  c.organisation_id = r.Int(1);
  c.plan_id = r.Int(2);
  c.member_id = r.Int(3);
  c.household_id = r.Int(4);
  c.agency_id = r.Int(5);
  c.list_date = r.Str(6);
  c.level = static_cast<int>(r.Int(7));
  c.due_date = r.Str(8);
  c.agent_id = r.OptInt(9).value_or(0);
  c.state = CallStateFromCode(r.Str(10)).value_or(CallState::kDue);
  c.attempts = static_cast<int>(r.Int(11));
  c.next_attempt_at = r.OptInt(12);
  c.closed_at = r.OptInt(13);
  return c;
}

std::optional<Call> FindCall(db::Connection& c, int64_t org, int64_t id) {
  std::optional<Call> out;
  c.Query(std::string(kCallColumns) + "WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(org)},
          [&](const db::Row& r) { out = CallOf(r); });
  return out;
}

std::string StaffName(db::Connection& c, int64_t org, int64_t id) {
  std::string name;
  if (id == 0) return name;
  c.Query("SELECT display_name FROM staff_users WHERE id = ? AND organisation_id = ?", {db::P(id), db::P(org)},
          [&](const db::Row& r) { name = r.Str(0); });
  return name;
}

std::vector<Phone> PhonesOf(db::Connection& c, int64_t household_id) {
  std::vector<Phone> out;
  c.Query("SELECT number, label FROM phones WHERE household_id = ? ORDER BY position", {db::P(household_id)},
          [&](const db::Row& r) { out.push_back({r.Str(0), r.Str(1)}); });
  return out;
}

struct PlanBits {
  std::string name;
  std::string kind;
  std::string script;
  CallingHours hours;
  int escalation_days = DefaultEscalationDays(CrisisKind::kCustom);
};
std::optional<PlanBits> PlanOf(db::Connection& c, int64_t org, int64_t plan_id) {
  std::optional<PlanBits> out;
  c.Query("SELECT name, kind, call_script, call_hours, saturday, escalation_days FROM crisis_plans "
          "WHERE id = ? AND organisation_id = ?",
          {db::P(plan_id), db::P(org)}, [&](const db::Row& r) {
            PlanBits p;
            p.name = r.Str(0);
            p.kind = r.Str(1);
            p.script = r.Str(2);
            const std::string hours = r.Str(3);
            for (size_t at = 0; at + 11 <= hours.size(); at += 12) {
              auto start = ParseClock(std::string_view(hours).substr(at, 5));
              auto end = ParseClock(std::string_view(hours).substr(at + 6, 5));
              if (start && end) p.hours.windows.push_back({*start, *end});
            }
            p.hours.saturday = r.Bool(4);
            p.escalation_days = static_cast<int>(r.Int(5));
            out = p;
          });
  return out;
}

int AgeOnDate(const std::optional<std::string>& birth, const std::string& on) {
  auto b = birth ? ParseDate(*birth) : std::nullopt;
  auto d = ParseDate(on);
  return b && d ? AgeOn(*b, *d) : -1;
}

CallDetail DetailOf(db::Connection& c, const Call& call, const CallSettings& s) {
  CallDetail d;
  d.call = call;
  d.agent_name = StaffName(c, call.organisation_id, call.agent_id);
  c.Query("SELECT m.first_name, m.last_name, m.birth_date, h.reference, b.street, b.postal_code "
          "FROM members m JOIN households h ON h.id = m.household_id JOIN dwellings dw ON dw.id = h.dwelling_id "
          "JOIN buildings b ON b.id = dw.building_id WHERE m.id = ?",
          {db::P(call.member_id)}, [&](const db::Row& r) {
            d.member_name = r.Str(0) + " " + r.Str(1);
            d.member_birth_date = r.OptStr(2);
            d.household_reference = r.Str(3);
            d.address = r.Str(4) + (r.Str(5).empty() ? "" : ", " + r.Str(5));
          });
  d.phones = PhonesOf(c, call.household_id);
  std::vector<Factor> factors;
  c.Query("SELECT factor FROM vulnerability_factors WHERE member_id = ?", {db::P(call.member_id)},
          [&](const db::Row& r) {
            if (auto f = FactorFromCode(r.Str(0))) factors.push_back(*f);
          });
  const int age = AgeOnDate(d.member_birth_date, call.list_date);
  d.level_reasons = ComputeLevel(s.vulnerability, age >= 0 ? std::optional<int>(age) : std::nullopt, factors).reasons;
  if (auto p = PlanOf(c, call.organisation_id, call.plan_id)) {
    d.plan_name = p->name;
    d.plan_kind = p->kind;
    d.call_script = p->script;
    d.call_hours = p->hours.windows;
    d.saturday = p->hours.saturday;
  }
  std::map<int64_t, std::string> names;
  c.Query("SELECT a.id, a.agent_id, a.outcome, a.note, a.callback_at, a.attempted_at, u.display_name "
          "FROM outreach_call_attempts a LEFT JOIN staff_users u ON u.id = a.agent_id WHERE a.call_id = ? ORDER BY a.id",
          {db::P(call.id)}, [&](const db::Row& r) {
            CallAttempt a;
            a.id = r.Int(0);
            a.agent_id = r.Int(1);
            a.outcome = CallOutcomeFromCode(r.Str(2)).value_or(CallOutcome::kNoAnswer);
            a.note = r.Str(3);
            a.callback_at = r.OptInt(4);
            a.attempted_at = r.Int(5);
            a.agent_name = r.OptStr(6).value_or("");
            d.attempts.push_back(std::move(a));
          });
  return d;
}

int64_t DaysOf(const std::string& iso) {
  auto d = ParseDate(iso);
  return d ? DaysFromCivil(*d) : 0;
}

std::string ParisToday(int64_t now_ms) {
  return FormatIso(ParisDateOf(std::chrono::sys_seconds(std::chrono::seconds(now_ms / 1000))));
}

audit::Entry SystemEntry(int64_t org, std::string_view operation, std::string_view type, int64_t id) {
  audit::Entry e;
  e.organisation_id = org;
  e.operation = std::string(operation);
  e.record_type = std::string(type);
  e.record_id = id;
  return e;
}

void ContactState(db::Connection& c, int64_t org, int64_t member_id, int64_t now) {
  c.Exec("INSERT INTO outreach_contact_state (member_id, organisation_id, updated_at) VALUES (?, ?, ?) "
         "ON CONFLICT (member_id) DO NOTHING",
         {db::P(member_id), db::P(org), db::P(now)});
}

// The agency's managers (with no agency limit, or limited to this agency), active, by e-mail.
void MailManagers(db::Connection& c, int64_t org, int64_t agency_id, const std::string& member_name,
                  const std::string& since, int64_t days) {
  std::vector<std::string> emails;
  c.Query("SELECT u.email FROM staff_users u WHERE u.organisation_id = ? AND u.active = 1 AND (u.roles & ?) <> 0 "
          "AND (NOT EXISTS (SELECT 1 FROM staff_user_agencies a WHERE a.user_id = u.id) "
          "OR EXISTS (SELECT 1 FROM staff_user_agencies a WHERE a.user_id = u.id AND a.agency_id = ?)) ORDER BY u.id",
          {db::P(org), db::P(static_cast<int64_t>(auth::Role::kManager)), db::P(agency_id)},
          [&](const db::Row& r) { emails.push_back(r.Str(0)); });
  for (const auto& email : emails) {
    notify::Message m;
    m.channel = notify::Channel::kEmail;
    m.recipient = email;
    m.subject = "Relais : alerte, locataire injoignable depuis " + std::to_string(days) + " jours";
    m.body = "Bonjour,\n\n" + member_name + " (fragilité de niveau 3) n'a pas pu être joint·e depuis le " + since +
             " (" + std::to_string(days) +
             " jours). Choisissez une action dans Relais, page Alertes : visite du gardien, contact d'urgence, "
             "service social de la mairie ou services d'urgence.\n";
    notify::Queue(c, m);
  }
}

// The call became unreachable: the member's unreachable run starts (if it had not), and a level-3
// run that reaches the plan's escalation days raises one escalation (never two for a run).
// Returns whether an escalation was raised.
bool AfterUnreachable(db::Connection& c, const Call& call, int64_t now, bool mail) {
  ContactState(c, call.organisation_id, call.member_id, now);
  c.Exec("UPDATE outreach_contact_state SET unreachable_since = COALESCE(unreachable_since, ?), updated_at = ? "
         "WHERE member_id = ?",
         {db::P(call.list_date), db::P(now), db::P(call.member_id)});
  std::string since;
  c.Query("SELECT unreachable_since FROM outreach_contact_state WHERE member_id = ?", {db::P(call.member_id)},
          [&](const db::Row& r) { since = r.OptStr(0).value_or(""); });
  if (call.level < 3 || since.empty()) return false;
  auto plan = PlanOf(c, call.organisation_id, call.plan_id);
  const int threshold = plan ? plan->escalation_days : DefaultEscalationDays(CrisisKind::kCustom);
  const int64_t run = DaysOf(call.list_date) - DaysOf(since) + 1;
  if (run < threshold) return false;
  if (c.QueryInt("SELECT id FROM outreach_escalations WHERE member_id = ? AND unreachable_since = ?",
                 {db::P(call.member_id), db::P(since)}))
    return false;
  const int64_t id = *c.QueryInt(
      "INSERT INTO outreach_escalations (organisation_id, member_id, household_id, agency_id, plan_id, call_id, "
      "unreachable_since, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {db::P(call.organisation_id), db::P(call.member_id), db::P(call.household_id), db::P(call.agency_id),
       db::P(call.plan_id), db::P(call.id), db::P(since), db::P(now)});
  audit::AppendInTransaction(c, SystemEntry(call.organisation_id, "create", "outreach_escalation", id));
  if (mail) {
    std::string name;
    c.Query("SELECT first_name, last_name FROM members WHERE id = ?", {db::P(call.member_id)},
            [&](const db::Row& r) { name = r.Str(0) + " " + r.Str(1); });
    MailManagers(c, call.organisation_id, call.agency_id, name, since, run);
  }
  return true;
}

void SetCall(db::Connection& c, const Call& call, const CallTransition& t, int64_t now) {
  c.Exec("UPDATE outreach_calls SET state = ?, attempts = ?, next_attempt_at = ?, closed_at = ?, updated_at = ? "
         "WHERE id = ? AND organisation_id = ?",
         {db::P(std::string(CallStateCode(t.state))), db::P(t.attempts),
          t.next_attempt_at ? db::P(*t.next_attempt_at) : db::P(nullptr), t.closed ? db::P(now) : db::P(nullptr),
          db::P(now), db::P(call.id), db::P(call.organisation_id)});
}

}  // namespace

int64_t InsertCall(db::Connection& c, const NewCall& n) {
  const int64_t now = NowMillis();
  int64_t household = 0, agency = 0;
  c.Query("SELECT m.household_id, COALESCE(b.agency_id, 0) FROM members m JOIN households h ON h.id = m.household_id "
          "JOIN dwellings dw ON dw.id = h.dwelling_id JOIN buildings b ON b.id = dw.building_id "
          "WHERE m.id = ? AND m.organisation_id = ?",
          {db::P(n.member_id), db::P(n.organisation_id)}, [&](const db::Row& r) {
            household = r.Int(0);
            agency = r.Int(1);
          });
  return *c.QueryInt(
      "INSERT INTO outreach_calls (organisation_id, plan_id, member_id, household_id, agency_id, list_date, level, "
      "due_date, agent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {db::P(n.organisation_id), db::P(n.plan_id), db::P(n.member_id), db::P(household), db::P(agency),
       db::P(n.list_date), db::P(n.level), db::P(n.due_date.empty() ? n.list_date : n.due_date),
       n.agent_id ? db::P(n.agent_id) : db::P(nullptr), db::P(now), db::P(now)});
}

Result<CallDetail> StaffReadsCall(db::Database& db, const auth::Actor& actor, int64_t id, const CallSettings& s) {
  if (!CanReadCalls(actor)) return NotFound(kCallNotFound);
  return db.Read([&](db::Connection& c) -> Result<CallDetail> {
    auto call = FindCall(c, actor.organisation_id, id);
    if (!call || !CanSeeCallOfAgency(actor, call->agency_id)) return NotFound(kCallNotFound);
    return DetailOf(c, *call, s);
  });
}

Result<CallDetail> AgentRecordsAttempt(db::Database& db, const auth::Actor& actor, int64_t id,
                                       const AttemptInput& in, const CallSettings& s, int64_t now) {
  if (!CanReadCalls(actor)) return NotFound(kCallNotFound);
  if (in.note.size() > 4000) return Invalid("note", "La note ne doit pas dépasser 4000 caractères.");
  return db.Write([&](db::Connection& c) -> Result<CallDetail> {
    auto call = FindCall(c, actor.organisation_id, id);
    if (!call || !CanSeeCallOfAgency(actor, call->agency_id)) return NotFound(kCallNotFound);
    if (!CanRecordAttempt(actor, call->agent_id))
      return Forbidden("Cet appel est attribué à un·e autre chargé·e : seul·e cette personne ou un·e responsable "
                       "enregistre ses tentatives.");
    auto plan = PlanOf(c, call->organisation_id, call->plan_id);
    auto t = Apply({call->state, call->attempts}, {CallEvent::Kind::kAttempt, in.outcome, in.callback_at}, now,
                   plan ? plan->hours : CallingHours{}, s.rules);
    if (!t.ok()) return t.error();
    c.Exec("INSERT INTO outreach_call_attempts (organisation_id, call_id, agent_id, outcome, note, callback_at, "
           "attempted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
           {db::P(call->organisation_id), db::P(call->id), db::P(actor.user_id),
            db::P(std::string(CallOutcomeCode(in.outcome))), db::P(in.note),
            in.callback_at ? db::P(*in.callback_at) : db::P(nullptr), db::P(now)});
    SetCall(c, *call, *t, now);
    audit::AppendInTransaction(c, audit::Of(actor, "update", "outreach_call", call->id));
    ContactState(c, call->organisation_id, call->member_id, now);
    c.Exec("UPDATE outreach_contact_state SET last_agent_id = ?, updated_at = ? WHERE member_id = ?",
           {db::P(actor.user_id), db::P(now), db::P(call->member_id)});
    if (IsReached(in.outcome)) {
      c.Exec("UPDATE outreach_contact_state SET last_reached_on = ?, unreachable_since = NULL WHERE member_id = ?",
             {db::P(call->list_date), db::P(call->member_id)});
    }
    // The objection ("ne plus m'appeler") on the profile, and no other call of the member.
    if (in.outcome == CallOutcome::kReachedRefuses) {
      RecordObjectionIn(c, actor, call->member_id, now);
      audit::AppendInTransaction(c, audit::Of(actor, "update", "vulnerability_profile", call->member_id));
    }
    if (in.outcome == CallOutcome::kWrongNumber) {
      const int64_t task = *c.QueryInt(
          "INSERT INTO outreach_tasks (organisation_id, household_id, kind, description, due_date, call_id, "
          "created_by, created_at) VALUES (?, ?, 'update_contact', ?, ?, ?, ?, ?) RETURNING id",
          {db::P(call->organisation_id), db::P(call->household_id),
           db::P("Numéro erroné lors de l'appel du " + call->list_date + (in.note.empty() ? "" : " : " + in.note)),
           db::P(ParisToday(now)), db::P(call->id), db::P(actor.user_id), db::P(now)});
      audit::AppendInTransaction(c, audit::Of(actor, "create", "outreach_task", task));
    }
    Call updated = *FindCall(c, actor.organisation_id, id);
    if (updated.state == CallState::kUnreachable) AfterUnreachable(c, updated, now, s.email_escalations);
    return DetailOf(c, updated, s);
  });
}

int64_t EndOfParisDay(CivilDate d) { return ParisMidnightUtcMillis(CivilFromDays(DaysFromCivil(d) + 1)) - 1; }

DayEndReport EndCallingDay(db::Database& db, int64_t now, bool email_escalations) {
  DayEndReport report;
  const std::string today = ParisToday(now);
  // The open calls of earlier days, and today's whose plan's calling hours are over: chosen in one
  // read (each plan's hours read once), so that a run during the calling hours writes nothing.
  std::vector<Call> due = db.Read([&](db::Connection& c) {
    std::vector<Call> open;
    c.Query(std::string(kCallColumns) + "WHERE list_date <= ? AND state IN ('due', 'retry', 'callback') ORDER BY id",
            {db::P(today)}, [&](const db::Row& r) { open.push_back(CallOf(r)); });
    std::map<int64_t, bool> over;  // plan -> today's calling hours are over
    std::vector<Call> out;
    for (const Call& call : open) {
      if (call.list_date == today) {
        auto [it, fresh] = over.try_emplace(call.plan_id, false);
        if (fresh) {
          auto plan = PlanOf(c, call.organisation_id, call.plan_id);
          auto next = NextCallingTime(now, plan ? plan->hours : CallingHours{});
          it->second = !next || ParisToday(*next) != today;
        }
        if (!it->second) continue;
      }
      out.push_back(call);
    }
    return out;
  });
  for (const Call& candidate : due) {
    db.Write([&](db::Connection& c) {
      auto call = FindCall(c, candidate.organisation_id, candidate.id);
      if (!call || !IsOpen(call->state)) return 0;  // an attempt closed it meanwhile
      auto t = Apply({call->state, call->attempts}, {CallEvent::Kind::kDayEnd, CallOutcome::kNoAnswer, std::nullopt},
                     now, CallingHours{}, CallRules{});
      if (!t.ok()) return 0;
      SetCall(c, *call, *t, now);
      audit::AppendInTransaction(c, SystemEntry(call->organisation_id, "update", "outreach_call", call->id));
      call->state = t->state;
      ++report.closed;
      if (AfterUnreachable(c, *call, now, email_escalations)) ++report.escalations;
      return 0;
    });
  }
  return report;
}

// ---- Escalations ----

namespace {
constexpr std::array<std::pair<EscalationAction, std::string_view>, 4> kActions{{
    {EscalationAction::kCaretakerVisit, "caretaker_visit"},
    {EscalationAction::kEmergencyContact, "emergency_contact"},
    {EscalationAction::kTownSocialService, "town_social_service"},
    {EscalationAction::kEmergencyServices, "emergency_services"},
}};

constexpr const char* kEscalationSelect =
    "SELECT e.id, e.member_id, m.first_name, m.last_name, e.household_id, h.reference, e.agency_id, "
    "COALESCE(ag.name, ''), e.plan_id, p.name, p.kind, e.call_id, e.unreachable_since, e.raised_at, e.status, "
    "e.action, e.action_at, e.outcome, e.closed_at, COALESCE(u.display_name, '') "
    "FROM outreach_escalations e JOIN members m ON m.id = e.member_id JOIN households h ON h.id = e.household_id "
    "LEFT JOIN agencies ag ON ag.id = e.agency_id JOIN crisis_plans p ON p.id = e.plan_id "
    "LEFT JOIN staff_users u ON u.id = e.closed_by ";

Escalation EscalationOf(const db::Row& r) {
  Escalation e;
  e.id = r.Int(0);
  e.member_id = r.Int(1);
  e.member_name = r.Str(2) + " " + r.Str(3);
  e.household_id = r.Int(4);
  e.household_reference = r.Str(5);
  e.agency_id = r.Int(6);
  e.agency_name = r.Str(7);
  e.plan_id = r.Int(8);
  e.plan_name = r.Str(9).empty() ? r.Str(10) : r.Str(9);
  e.call_id = r.OptInt(11);
  e.unreachable_since = r.Str(12);
  e.raised_at = r.Int(13);
  e.status = r.Str(14);
  e.action = r.OptStr(15);
  e.action_at = r.OptInt(16);
  e.outcome = r.Str(17);
  e.closed_at = r.OptInt(18);
  e.closed_by_name = r.Str(19);
  return e;
}

std::optional<Escalation> FindEscalation(db::Connection& c, const auth::Actor& actor, int64_t id) {
  std::optional<Escalation> out;
  c.Query(std::string(kEscalationSelect) + "WHERE e.id = ? AND e.organisation_id = ?",
          {db::P(id), db::P(actor.organisation_id)}, [&](const db::Row& r) { out = EscalationOf(r); });
  if (out && !actor.agency_ids.empty() &&
      std::find(actor.agency_ids.begin(), actor.agency_ids.end(), out->agency_id) == actor.agency_ids.end())
    return std::nullopt;
  if (out) out->phones = PhonesOf(c, out->household_id);
  return out;
}

std::optional<Error> CheckOutcome(const std::string& outcome, bool required) {
  if (outcome.size() > 4000) return Invalid("outcome", "Le résultat ne doit pas dépasser 4000 caractères.");
  if (required && outcome.find_first_not_of(" \t\r\n") == std::string::npos)
    return Invalid("outcome", "Indiquez le résultat (outcome) avant de clore l'alerte.");
  return std::nullopt;
}
}  // namespace

std::string_view EscalationActionCode(EscalationAction a) {
  for (const auto& [action, code] : kActions)
    if (action == a) return code;
  return "caretaker_visit";
}
std::optional<EscalationAction> EscalationActionFromCode(std::string_view code) {
  for (const auto& [action, c] : kActions)
    if (c == code) return action;
  return std::nullopt;
}

Result<std::vector<Escalation>> ManagerListsEscalations(db::Database& db, const auth::Actor& actor,
                                                        const EscalationFilter& f) {
  if (!CanManageEscalations(actor)) return NotFound(kEscalationNotFound);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Escalation>> {
    std::string sql = std::string(kEscalationSelect) + "WHERE e.organisation_id = ?";
    std::vector<db::Param> params{db::P(actor.organisation_id)};
    if (f.status) {
      sql += " AND e.status = ?";
      params.push_back(db::P(*f.status));
    }
    if (f.agency_id) {
      sql += " AND e.agency_id = ?";
      params.push_back(db::P(*f.agency_id));
    }
    sql += " ORDER BY CASE WHEN e.status = 'open' THEN 0 ELSE 1 END, e.raised_at DESC, e.id DESC LIMIT 500";
    std::vector<Escalation> out;
    c.Query(sql, params, [&](const db::Row& r) { out.push_back(EscalationOf(r)); });
    std::vector<Escalation> visible;
    for (auto& e : out) {
      if (!actor.agency_ids.empty() &&
          std::find(actor.agency_ids.begin(), actor.agency_ids.end(), e.agency_id) == actor.agency_ids.end())
        continue;
      e.phones = PhonesOf(c, e.household_id);
      visible.push_back(std::move(e));
    }
    return visible;
  });
}

Result<std::vector<OpenEscalation>> ManagerListsOpenEscalations(db::Database& db, const auth::Actor& actor) {
  EscalationFilter f;
  f.status = "open";
  auto list = ManagerListsEscalations(db, actor, f);
  if (!list.ok()) return list.error();
  std::vector<OpenEscalation> out;
  for (const auto& e : *list) {
    out.push_back({e.id, e.member_name, e.household_id, e.household_reference, e.agency_id, e.agency_name, e.plan_name,
                   e.unreachable_since, e.raised_at, e.action});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.raised_at < b.raised_at; });
  return out;
}

Result<Escalation> ManagerRecordsEscalationAction(db::Database& db, const auth::Actor& actor, int64_t id,
                                                  EscalationAction action, const std::string& outcome) {
  if (!CanManageEscalations(actor)) return NotFound(kEscalationNotFound);
  if (auto e = CheckOutcome(outcome, false)) return *e;
  return db.Write([&](db::Connection& c) -> Result<Escalation> {
    auto e = FindEscalation(c, actor, id);
    if (!e) return NotFound(kEscalationNotFound);
    if (e->status != "open") return Conflict("Cette alerte est close.", "status");
    c.Exec("UPDATE outreach_escalations SET action = ?, action_by = ?, action_at = ?, outcome = ? WHERE id = ?",
           {db::P(std::string(EscalationActionCode(action))), db::P(actor.user_id), db::P(NowMillis()), db::P(outcome),
            db::P(id)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "outreach_escalation", id));
    return *FindEscalation(c, actor, id);
  });
}

Result<Escalation> ManagerClosesEscalation(db::Database& db, const auth::Actor& actor, int64_t id,
                                           const std::string& outcome) {
  if (!CanManageEscalations(actor)) return NotFound(kEscalationNotFound);
  if (auto e = CheckOutcome(outcome, true)) return *e;
  return db.Write([&](db::Connection& c) -> Result<Escalation> {
    auto e = FindEscalation(c, actor, id);
    if (!e) return NotFound(kEscalationNotFound);
    if (e->status != "open") return Conflict("Cette alerte est déjà close.", "status");
    c.Exec("UPDATE outreach_escalations SET status = 'closed', outcome = ?, closed_by = ?, closed_at = ? WHERE id = ?",
           {db::P(outcome), db::P(actor.user_id), db::P(NowMillis()), db::P(id)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "outreach_escalation", id));
    return *FindEscalation(c, actor, id);
  });
}

// ---- Tasks ----

namespace {
constexpr const char* kTaskSelect =
    "SELECT t.id, t.household_id, h.reference, h.display_name, t.kind, t.description, t.owner_id, t.due_date, "
    "t.status, t.call_id, t.created_at, t.closed_at, COALESCE(b.agency_id, 0) FROM outreach_tasks t "
    "JOIN households h ON h.id = t.household_id JOIN dwellings dw ON dw.id = h.dwelling_id "
    "JOIN buildings b ON b.id = dw.building_id ";

std::pair<OutreachTask, int64_t> TaskOf(const db::Row& r) {
  OutreachTask t;
  t.id = r.Int(0);
  t.household_id = r.Int(1);
  t.household_reference = r.Str(2);
  t.household_name = r.Str(3);
  t.kind = r.Str(4);
  t.description = r.Str(5);
  t.owner_id = r.OptInt(6).value_or(0);
  t.due_date = r.Str(7);
  t.status = r.Str(8);
  t.call_id = r.OptInt(9);
  t.created_at = r.Int(10);
  t.closed_at = r.OptInt(11);
  return {t, r.Int(12)};
}
}  // namespace

Result<std::vector<OutreachTask>> StaffListsOutreachTasks(db::Database& db, const auth::Actor& actor,
                                                          const TaskFilter& f) {
  if (!CanReadCalls(actor)) return NotFound(kTaskNotFound);
  return db.Read([&](db::Connection& c) -> Result<std::vector<OutreachTask>> {
    std::string sql = std::string(kTaskSelect) + "WHERE t.organisation_id = ?";
    std::vector<db::Param> params{db::P(actor.organisation_id)};
    if (f.status) {
      sql += " AND t.status = ?";
      params.push_back(db::P(*f.status));
    }
    sql += " ORDER BY CASE WHEN t.status = 'open' THEN 0 ELSE 1 END, t.due_date, t.id LIMIT 500";
    std::vector<OutreachTask> out;
    c.Query(sql, params, [&](const db::Row& r) {
      auto [t, agency] = TaskOf(r);
      if (CanSeeCallOfAgency(actor, agency)) out.push_back(std::move(t));
    });
    return out;
  });
}

Result<OutreachTask> StaffClosesOutreachTask(db::Database& db, const auth::Actor& actor, int64_t id,
                                             const std::string& status) {
  if (!CanReadCalls(actor)) return NotFound(kTaskNotFound);
  if (status != "done" && status != "cancelled") return Invalid("status", "status doit valoir done ou cancelled.");
  return db.Write([&](db::Connection& c) -> Result<OutreachTask> {
    std::optional<std::pair<OutreachTask, int64_t>> found;
    c.Query(std::string(kTaskSelect) + "WHERE t.id = ? AND t.organisation_id = ?",
            {db::P(id), db::P(actor.organisation_id)}, [&](const db::Row& r) { found = TaskOf(r); });
    if (!found || !CanSeeCallOfAgency(actor, found->second)) return NotFound(kTaskNotFound);
    if (!CanCloseTask(actor, found->first.owner_id))
      return Forbidden("Seul·e la personne chargée de la tâche ou un·e responsable la clôt.");
    if (found->first.status != "open") return Conflict("Cette tâche est déjà close.", "status");
    const int64_t now = NowMillis();
    c.Exec("UPDATE outreach_tasks SET status = ?, closed_by = ?, closed_at = ? WHERE id = ?",
           {db::P(status), db::P(actor.user_id), db::P(now), db::P(id)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "outreach_task", id));
    found->first.status = status;
    found->first.closed_at = now;
    return found->first;
  });
}

}  // namespace relais::outreach
