// Use cases of needs and their actions: authorise through need_policy, validate, one transaction,
// an audit entry for every change.
#include "modules/outreach/need.h"

#include <algorithm>
#include <map>

#include "modules/outreach/need_policy.h"
#include "modules/support/support.h"
#include "platform/audit/audit.h"
#include "platform/core/text.h"

namespace relais::outreach {
namespace {

const char* const kNeedNotFound = "Besoin introuvable.";
const char* const kHouseholdNotFound = "Ménage introuvable.";

// The refusal of a use case: the landlord's staff is told its role may not (403); for anyone
// else the needs of households do not exist (404).
Error Refused(const auth::Actor& a) {
  if (a.kind == auth::Kind::kStaff) return Forbidden("Votre rôle ne permet pas de suivre les besoins des ménages.");
  return NotFound(kHouseholdNotFound);
}

bool HouseholdIsOrganisations(db::Connection& c, int64_t org, int64_t household_id) {
  return c.QueryInt("SELECT id FROM households WHERE id = ? AND organisation_id = ?",
                    {db::P(household_id), db::P(org)})
      .has_value();
}

// The status of an action: a delivery's is kept on the action; a referral's follows the referral
// (declined: cancelled; closed: done); a task's follows the task.
constexpr const char* kActionSelect =
    "SELECT a.id, a.need_id, a.kind, "
    "CASE a.kind WHEN 'referral' THEN (CASE WHEN r.status = 'open' THEN 'open' "
    "  WHEN r.response = 'declined' THEN 'cancelled' ELSE 'done' END) "
    "WHEN 'task' THEN t.status ELSE a.status END, "
    "a.owner_id, COALESCE(u.display_name, ''), a.due_date, COALESCE(a.item, ''), a.referral_id, "
    "COALESCE(po.name, ''), a.task_id, COALESCE(t.description, r.reason, ''), a.created_at "
    "FROM outreach_actions a LEFT JOIN staff_users u ON u.id = a.owner_id "
    "LEFT JOIN referrals r ON r.id = a.referral_id LEFT JOIN organisations po ON po.id = r.partner_id "
    "LEFT JOIN outreach_tasks t ON t.id = a.task_id ";

Action ReadAction(const db::Row& r) {
  Action a;
  a.id = r.Int(0);
  a.need_id = r.Int(1);
  a.kind = r.Str(2);
  a.status = r.Str(3);
  a.owner_id = r.Int(4);
  a.owner_name = r.Str(5);
  a.due_date = r.Str(6);
  a.item = r.Str(7);
  a.referral_id = r.OptInt(8);
  a.partner_name = r.Str(9);
  a.task_id = r.OptInt(10);
  a.description = r.Str(11);
  a.created_at = r.Int(12);
  return a;
}

// Met when every action not cancelled is done (and there is one).
std::string StatusOf(bool cancelled, const std::vector<Action>& actions) {
  if (cancelled) return "cancelled";
  bool any = false;
  for (const auto& a : actions) {
    if (a.status == "cancelled") continue;
    if (a.status != "done") return "open";
    any = true;
  }
  return any ? "met" : "open";
}

// The needs of the organisation matching `where` (on n), with their actions.
std::vector<Need> LoadNeeds(db::Connection& c, int64_t org, const std::string& where, int64_t value) {
  std::vector<Need> out;
  std::map<int64_t, bool> cancelled;
  c.Query("SELECT n.id, n.household_id, n.call_id, n.category, n.description, n.created_at, n.cancelled_at, "
          "n.support_case_id FROM outreach_needs n WHERE n.organisation_id = ? AND " + where + " ORDER BY n.id DESC",
          {db::P(org), db::P(value)}, [&](const db::Row& r) {
            Need n;
            n.id = r.Int(0);
            n.household_id = r.Int(1);
            n.call_id = r.OptInt(2);
            n.category = r.Str(3);
            n.description = r.Str(4);
            n.created_at = r.Int(5);
            cancelled[n.id] = !r.IsNull(6);
            n.support_case_id = r.OptInt(7);
            out.push_back(std::move(n));
          });
  if (out.empty()) return out;
  std::map<int64_t, std::vector<Action>> actions;
  c.Query(std::string(kActionSelect) + "JOIN outreach_needs n ON n.id = a.need_id WHERE n.organisation_id = ? AND " +
              where + " ORDER BY a.id",
          {db::P(org), db::P(value)}, [&](const db::Row& r) {
            Action a = ReadAction(r);
            actions[a.need_id].push_back(std::move(a));
          });
  for (auto& n : out) {
    n.actions = std::move(actions[n.id]);
    n.status = StatusOf(cancelled[n.id], n.actions);
  }
  return out;
}

std::optional<Need> FindNeed(db::Connection& c, int64_t org, int64_t id) {
  auto list = LoadNeeds(c, org, "n.id = ?", id);
  if (list.empty()) return std::nullopt;
  return list.front();
}

bool IsOneOf(const std::string& v, const std::vector<std::string>& codes) {
  return std::find(codes.begin(), codes.end(), v) != codes.end();
}

// The staff user who owns an action: an active account of the organisation.
bool IsOwner(db::Connection& c, int64_t org, int64_t user_id) {
  return c.QueryInt("SELECT id FROM staff_users WHERE id = ? AND organisation_id = ? AND active = 1",
                    {db::P(user_id), db::P(org)})
      .has_value();
}



}  // namespace

const std::vector<std::string>& NeedCategories() {
  static const std::vector<std::string> kCodes{"food",       "medicines", "shopping", "psychological_support",
                                               "health_concern", "loneliness", "money",  "repair",
                                               "other"};
  return kCodes;
}

const std::vector<std::string>& DeliveryItems() {
  static const std::vector<std::string> kCodes{"food_parcel", "medicines"};
  return kCodes;
}

std::map<int64_t, int64_t> OpenNeedsPerHousehold(db::Connection& c, int64_t organisation_id) {
  std::map<int64_t, int64_t> out;
  for (const auto& n : LoadNeeds(c, organisation_id, "n.cancelled_at IS NULL AND n.organisation_id = ?", organisation_id)) {
    if (n.status == "open") out[n.household_id] += 1;
  }
  return out;
}

Result<Need> StaffRecordsNeed(db::Database& db, const auth::Actor& actor, int64_t household_id, const NeedInput& in) {
  if (!CanRecordNeeds(actor)) return Refused(actor);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<Need> {
    // The household first: another landlord's is 404 whatever the body says.
    if (!HouseholdIsOrganisations(c, org, household_id)) return NotFound(kHouseholdNotFound);
    if (!IsOneOf(in.category, NeedCategories())) {
      return Invalid("category",
                     "category doit valoir food, medicines, shopping, psychological_support, health_concern, "
                     "loneliness, money, repair ou other.");
    }
    if (in.call_id && !c.QueryInt("SELECT id FROM outreach_calls WHERE id = ? AND organisation_id = ? AND household_id = ?",
                                  {db::P(*in.call_id), db::P(org), db::P(household_id)})) {
      return Invalid("call_id", "Cet appel ne concerne pas ce ménage.");
    }
    const std::string description(text::Trim(in.description));
    const int64_t id = *c.QueryInt(
        "INSERT INTO outreach_needs (organisation_id, household_id, call_id, category, description, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {db::P(org), db::P(household_id), in.call_id ? db::P(*in.call_id) : db::P(nullptr), db::P(in.category),
         db::P(description), db::P(actor.user_id), db::P(NowMillis())});
    audit::AppendInTransaction(c, audit::Of(actor, "create", "outreach_need", id));
    // A money need goes to the household's support case (opened for a CESF when none is open).
    // Without any officer in the organisation the need stays as before: a task is added to it.
    if (in.category == "money") {
      auto support_case = support::OpenCaseFromOutreachIn(c, actor, household_id, description);
      if (support_case.ok()) {
        c.Exec("UPDATE outreach_needs SET support_case_id = ? WHERE id = ?", {db::P(*support_case), db::P(id)});
      }
    }
    return *FindNeed(c, org, id);
  });
}

Result<std::vector<Need>> StaffListsNeeds(db::Database& db, const auth::Actor& actor, int64_t household_id) {
  if (!CanReadNeeds(actor)) return Refused(actor);
  return db.Read([&](db::Connection& c) -> Result<std::vector<Need>> {
    if (!HouseholdIsOrganisations(c, actor.organisation_id, household_id)) return NotFound(kHouseholdNotFound);
    return LoadNeeds(c, actor.organisation_id, "n.household_id = ?", household_id);
  });
}

Result<Need> StaffReadsNeed(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanReadNeeds(actor)) return actor.kind == auth::Kind::kStaff ? Refused(actor) : NotFound(kNeedNotFound);
  return db.Read([&](db::Connection& c) -> Result<Need> {
    auto n = FindNeed(c, actor.organisation_id, id);
    if (!n) return NotFound(kNeedNotFound);
    return *n;
  });
}

Result<Need> StaffAddsAction(db::Database& db, const auth::Actor& actor, int64_t need_id, const ActionInput& in) {
  if (!CanRecordNeeds(actor)) return actor.kind == auth::Kind::kStaff ? Refused(actor) : NotFound(kNeedNotFound);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<Need> {
    auto need = FindNeed(c, org, need_id);
    if (!need) return NotFound(kNeedNotFound);
    if (need->status == "cancelled") return Conflict("Ce besoin est abandonné.", "status");
    if (in.kind != "delivery" && in.kind != "referral" && in.kind != "task") {
      return Invalid("kind", "kind doit valoir delivery, referral ou task.");
    }
    if (!IsOwner(c, org, in.owner_id)) return Invalid("owner_id", "Choisissez un responsable de votre organisme.");
    if (!in.due_date) return Invalid("due_date", "L'échéance est obligatoire.");
    std::optional<int64_t> referral_id, task_id;
    if (in.kind == "delivery") {
      if (need->category != "food" && need->category != "medicines" && need->category != "shopping") {
        return Invalid("kind", "Une livraison répond à un besoin alimentaire, de médicaments ou de courses.");
      }
      if (!IsOneOf(in.item, DeliveryItems())) return Invalid("item", "item doit valoir food_parcel ou medicines.");
    } else if (in.kind == "referral") {
      if (!in.partner_id) return Invalid("partner_id", "Choisissez le partenaire.");
      // The tenant's consent is checked where every referral is opened (OpenReferralIn).
      auto id = OpenReferralIn(c, actor, need->household_id, *in.partner_id, in.reason,
                               Consent{in.consent_on, in.consent_given_by});
      if (!id.ok()) return id.error();
      referral_id = *id;
    } else {
      // A task keeps the need's kind for money (beside its support case) and repair (until a works
      // module opens work orders); any other need's task is of kind "other".
      const std::string task_kind = need->category == "money" || need->category == "repair" ? need->category : "other";
      std::string description(text::Trim(in.description));
      if (description.empty()) description = need->description;
      task_id = *c.QueryInt(
          "INSERT INTO outreach_tasks (organisation_id, household_id, kind, description, owner_id, due_date, "
          "status, call_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id",
          {db::P(org), db::P(need->household_id), db::P(task_kind), db::P(description), db::P(in.owner_id),
           db::P(FormatIso(*in.due_date)), need->call_id ? db::P(*need->call_id) : db::P(nullptr),
           db::P(actor.user_id), db::P(NowMillis())});
    }
    const int64_t id = *c.QueryInt(
        "INSERT INTO outreach_actions (organisation_id, need_id, household_id, kind, owner_id, due_date, item, "
        "referral_id, task_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {db::P(org), db::P(need_id), db::P(need->household_id), db::P(in.kind), db::P(in.owner_id),
         db::P(FormatIso(*in.due_date)), in.kind == "delivery" ? db::P(in.item) : db::P(nullptr),
         referral_id ? db::P(*referral_id) : db::P(nullptr), task_id ? db::P(*task_id) : db::P(nullptr),
         db::P(actor.user_id), db::P(NowMillis())});
    audit::AppendInTransaction(c, audit::Of(actor, "create", "outreach_action", id));
    return *FindNeed(c, org, need_id);
  });
}

Result<Need> StaffClosesAction(db::Database& db, const auth::Actor& actor, int64_t need_id, int64_t action_id,
                               const std::string& status) {
  if (!CanRecordNeeds(actor)) return actor.kind == auth::Kind::kStaff ? Refused(actor) : NotFound(kNeedNotFound);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<Need> {
    auto need = FindNeed(c, org, need_id);
    if (!need) return NotFound(kNeedNotFound);
    auto a = std::find_if(need->actions.begin(), need->actions.end(), [&](const Action& x) { return x.id == action_id; });
    if (a == need->actions.end()) return Invalid("action_id", "Cette action n'est pas une action de ce besoin.");
    if (status != "done" && status != "cancelled") return Invalid("status", "status doit valoir done ou cancelled.");
    if (a->kind == "referral") {
      return Conflict("Une orientation se suit dans la page Orientations : le partenaire y répond et la clôt.", "action_id");
    }
    if (a->status != "open") return Conflict("Cette action est déjà terminée.", "action_id");
    const int64_t now = NowMillis();
    if (a->kind == "task") {
      c.Exec("UPDATE outreach_tasks SET status = ?, closed_by = ?, closed_at = ? WHERE id = ?",
             {db::P(status), db::P(actor.user_id), db::P(now), db::P(*a->task_id)});
    }
    c.Exec("UPDATE outreach_actions SET status = ?, closed_by = ?, closed_at = ? WHERE id = ?",
           {db::P(status), db::P(actor.user_id), db::P(now), db::P(action_id)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "outreach_action", action_id));
    return *FindNeed(c, org, need_id);
  });
}

Result<Need> StaffCancelsNeed(db::Database& db, const auth::Actor& actor, int64_t id) {
  if (!CanRecordNeeds(actor)) return actor.kind == auth::Kind::kStaff ? Refused(actor) : NotFound(kNeedNotFound);
  const int64_t org = actor.organisation_id;
  return db.Write([&](db::Connection& c) -> Result<Need> {
    auto need = FindNeed(c, org, id);
    if (!need) return NotFound(kNeedNotFound);
    if (need->status != "open") return Conflict("Ce besoin n'est plus ouvert.", "status");
    const int64_t now = NowMillis();
    c.Exec("UPDATE outreach_needs SET cancelled_by = ?, cancelled_at = ? WHERE id = ?",
           {db::P(actor.user_id), db::P(now), db::P(id)});
    // Its open deliveries and tasks go with it; a referral stays the partner's to answer or close.
    c.Exec("UPDATE outreach_tasks SET status = 'cancelled', closed_by = ?, closed_at = ? WHERE status = 'open' "
           "AND id IN (SELECT task_id FROM outreach_actions WHERE need_id = ? AND kind = 'task')",
           {db::P(actor.user_id), db::P(now), db::P(id)});
    c.Exec("UPDATE outreach_actions SET status = 'cancelled', closed_by = ?, closed_at = ? WHERE need_id = ? "
           "AND kind IN ('delivery', 'task') AND status = 'open'",
           {db::P(actor.user_id), db::P(now), db::P(id)});
    audit::AppendInTransaction(c, audit::Of(actor, "update", "outreach_need", id));
    return *FindNeed(c, org, id);
  });
}

// ---- Timeline ----

namespace {

void CallsOf(const TimelineQuery& q, std::vector<TimelineEntry>& out) {
  db::Connection& c = q.c;
  const int64_t org = q.actor.organisation_id, household = q.household_id;
  c.Query("SELECT id, created_at, state, list_date FROM outreach_calls WHERE organisation_id = ? AND household_id = ?",
          {db::P(org), db::P(household)},
          [&](const db::Row& r) { out.push_back({"call", r.Int(0), r.Int(1), r.Str(2), "", r.Str(3), std::nullopt}); });
  c.Query("SELECT a.id, a.attempted_at, a.outcome, a.note, a.call_id FROM outreach_call_attempts a "
          "JOIN outreach_calls k ON k.id = a.call_id WHERE k.organisation_id = ? AND k.household_id = ?",
          {db::P(org), db::P(household)}, [&](const db::Row& r) {
            out.push_back({"call_attempt", r.Int(0), r.Int(1), r.Str(2), "", r.Str(3), r.Int(4)});
          });
}

void NeedsOf(const TimelineQuery& q, std::vector<TimelineEntry>& out) {
  db::Connection& c = q.c;
  const int64_t org = q.actor.organisation_id, household = q.household_id;
  for (const auto& n : LoadNeeds(c, org, "n.household_id = ?", household)) {
    out.push_back({"need", n.id, n.created_at, n.status, n.category, n.description, std::nullopt});
    for (const auto& a : n.actions) {
      const std::string text = a.kind == "referral" ? a.partner_name : a.description;
      out.push_back({"action", a.id, a.created_at, a.status, a.kind == "delivery" ? a.item : a.kind, text, n.id});
    }
  }
}

void ReferralsOf(const TimelineQuery& q, std::vector<TimelineEntry>& out) {
  db::Connection& c = q.c;
  const int64_t org = q.actor.organisation_id, household = q.household_id;
  c.Query("SELECT r.id, r.opened_at, r.status, r.response, o.name FROM referrals r JOIN organisations o "
          "ON o.id = r.partner_id WHERE r.organisation_id = ? AND r.household_id = ?",
          {db::P(org), db::P(household)}, [&](const db::Row& r) {
            // open (not answered yet), accepted, declined, closed.
            std::string status = r.Str(2) == "open" ? (r.IsNull(3) ? "open" : r.Str(3)) : (r.IsNull(3) || r.Str(3) != "declined" ? "closed" : "declined");
            out.push_back({"referral", r.Int(0), r.Int(1), status, "", r.Str(4), std::nullopt});
          });
}

void TasksOf(const TimelineQuery& q, std::vector<TimelineEntry>& out) {
  db::Connection& c = q.c;
  const int64_t org = q.actor.organisation_id, household = q.household_id;
  c.Query("SELECT id, created_at, status, kind, description FROM outreach_tasks WHERE organisation_id = ? AND household_id = ?",
          {db::P(org), db::P(household)},
          [&](const db::Row& r) { out.push_back({"task", r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Str(4), std::nullopt}); });
}

// An escalation when it was raised (status open or closed, code: the first unreachable day), and
// its outcome when one was recorded (code: the action chosen, text: the outcome; at the close if
// closed, else when the action was recorded).
void EscalationsOf(const TimelineQuery& q, std::vector<TimelineEntry>& out) {
  db::Connection& c = q.c;
  const int64_t org = q.actor.organisation_id, household = q.household_id;
  c.Query("SELECT id, raised_at, status, unreachable_since, COALESCE(action, ''), outcome, action_at, closed_at "
          "FROM outreach_escalations WHERE organisation_id = ? AND household_id = ?",
          {db::P(org), db::P(household)}, [&](const db::Row& r) {
            out.push_back({"escalation", r.Int(0), r.Int(1), r.Str(2), r.Str(3), "", std::nullopt});
            const std::optional<int64_t> at = r.IsNull(7) ? r.OptInt(6) : r.OptInt(7);
            if (at) out.push_back({"escalation_outcome", r.Int(0), *at, r.Str(2), r.Str(4), r.Str(5), r.Int(0)});
          });
}

// The household's support cases (modules/support): only that a case was opened or closed and its
// officer, what every contact staff may see; the content is on the case's own page.
void SupportCasesOf(const TimelineQuery& q, std::vector<TimelineEntry>& out) {
  for (const auto& s : support::HouseholdCaseTimeline(q.c, q.actor.organisation_id, q.household_id))
    out.push_back({"support_case", s.id, s.at, s.status, "", s.officer_name, std::nullopt});
}

// The household's rent debt (modules/rent), for those the rent policy lets read the lease's
// ledger; nobody else gets any entry (rent::HouseholdDebtFor says why). Per current lease in
// arrears: when the arrears began (rent_arrears, at its first unpaid charge's due date, with the
// debt today and the next step of the legal clock in words), when the CAF/MSA threshold was
// reached (rent_caf_threshold: "impayé constitué"), and each legal step recorded (rent_step).
void RentDebtOf(const TimelineQuery& q, std::vector<TimelineEntry>& out) {
  for (const auto& d : rent::HouseholdDebtFor(q.c, q.actor, q.household_id, q.today, q.rent)) {
    const rent::Situation& s = d.situation;
    const TimelineEntry::Reveals ledger{"lease_ledger", s.lease_id};
    const TimelineEntry::Debt debt{s.facts.balance_cents, s.facts.arrears_cents, s.facts.months_hundredths,
                                   s.caf_threshold_cents};
    if (s.facts.arrears_cents > 0 && s.facts.arrears_since) {
      TimelineEntry e{"rent_arrears", s.lease_id, ParisMidnightUtcMillis(*s.facts.arrears_since),
                      s.next && s.next->paused ? "paused" : "current", s.next ? std::string(rent::CodeOf(s.next->step)) : "",
                      s.next ? s.next->reason : "", std::nullopt};
      e.debt = debt;
      e.reveals = ledger;
      out.push_back(std::move(e));
      if (s.facts.caf_threshold_since) {
        TimelineEntry caf{"rent_caf_threshold", s.lease_id, ParisMidnightUtcMillis(*s.facts.caf_threshold_since),
                          "reached", "", "", std::nullopt};
        caf.debt = debt;
        caf.reveals = ledger;
        out.push_back(std::move(caf));
      }
    }
    for (const auto& step : d.steps) {
      auto on = ParseDate(step.done_on);
      if (!on) continue;
      TimelineEntry e{"rent_step", step.id, ParisMidnightUtcMillis(*on), "done", std::string(rent::CodeOf(step.step)),
                      step.note, s.lease_id};
      e.reveals = ledger;
      out.push_back(std::move(e));
    }
  }
}

// Every source of the timeline.
const std::vector<TimelineSource>& TimelineSources() {
  static const std::vector<TimelineSource> kSources{CallsOf, NeedsOf, ReferralsOf, TasksOf, SupportCasesOf, RentDebtOf, EscalationsOf};
  return kSources;
}

}  // namespace

Result<std::vector<TimelineEntry>> StaffReadsTimeline(db::Database& db, const auth::Actor& actor, int64_t household_id,
                                                      CivilDate today, const rent::ClockSettings& rent_rules) {
  if (!CanReadNeeds(actor)) return Refused(actor);
  return db.Read([&](db::Connection& c) -> Result<std::vector<TimelineEntry>> {
    if (!HouseholdIsOrganisations(c, actor.organisation_id, household_id)) return NotFound(kHouseholdNotFound);
    std::vector<TimelineEntry> out;
    const TimelineQuery query{c, actor, household_id, today, rent_rules};
    for (auto source : TimelineSources()) source(query, out);
    // Newest first; at the same instant (an action and the referral or task it opens; a step
    // recorded on the day the arrears began), what follows from the other first, then the later
    // record.
    auto rank = [](const std::string& type) {
      int i = 0;
      for (const char* t : {"rent_step", "rent_caf_threshold", "rent_arrears", "support_case", "escalation_outcome", "escalation", "action", "referral", "task", "need", "call_attempt", "call"}) {
        if (type == t) return i;
        ++i;
      }
      return i;
    };
    std::stable_sort(out.begin(), out.end(), [&](const TimelineEntry& a, const TimelineEntry& b) {
      if (a.at != b.at) return a.at > b.at;
      if (rank(a.type) != rank(b.type)) return rank(a.type) < rank(b.type);
      return a.id > b.id;
    });
    return out;
  });
}

}  // namespace relais::outreach
