// Support cases on both engines, through the use cases the API runs: opening (one open case per
// household), scoping (another landlord's case does not exist), what each role sees, the state
// machine applied with its timeline, tasks, notes, documents, and the household timeline's items.
#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "modules/housing/policy_table_testing.h"
#include "modules/support/support.h"
#include "platform/core/outcome_testing.h"
#include "platform/db/testing.h"
#include "platform/notify/notify.h"

namespace relais::support {
namespace {
using auth::Kind;
using auth::Role;

class SupportCaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    landlord_ = Org("Habitat A", "732829320", "landlord");
    other_ = Org("Habitat B", "552100554", "landlord");
    officer_ = Staff(landlord_, Role::kSocialSupport);
    officer_.user_id = User(landlord_, "cesf@a.fr", "Claire CESF", Role::kSocialSupport);
    second_officer_ = User(landlord_, "cesf2@a.fr", "Yves CESF", Role::kSocialSupport);
    agent_id_ = User(landlord_, "agent@a.fr", "Camille Agent", Role::kCallAgent);
    other_officer_ = Staff(other_, Role::kSocialSupport);
    other_officer_.user_id = User(other_, "cesf@b.fr", "Bruno CESF", Role::kSocialSupport);
    agency_ = db().Write([&](db::Connection& c) {
      return *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Agence Centre') RETURNING id",
                         {db::P(landlord_)});
    });
    household_ = Household(Staff(landlord_, Role::kManager), "LGT-1", "Dupont");
    neighbour_ = Household(Staff(landlord_, Role::kManager), "LGT-2", "Martin");
  }
  db::Database& db() { return t_->db(); }

  int64_t Org(const std::string& name, const std::string& siren, const std::string& kind) {
    return *db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, name, siren, kind); });
  }
  int64_t User(int64_t org, const std::string& email, const std::string& name, Role role) {
    return db().Write([&](db::Connection& c) {
      return *c.QueryInt("INSERT INTO staff_users (organisation_id, email, display_name, password_hash, roles, "
                         "created_at) VALUES (?, ?, ?, 'x', ?, 0) RETURNING id",
                         {db::P(org), db::P(email), db::P(name), db::P(static_cast<int64_t>(role))});
    });
  }
  static auth::Actor Staff(int64_t org, Role role, Kind kind = Kind::kStaff) {
    auth::Actor a;
    a.kind = kind;
    a.user_id = 7;
    a.organisation_id = org;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }
  int64_t Household(const auth::Actor& manager, const std::string& ref, const std::string& name) {
    housing::Building b;
    b.reference = "B-" + ref;
    b.street = "2 rue des Lilas";
    b.commune_insee = "50502";
    b.agency_id = agency_;
    auto building = housing::ManagerCreatesBuilding(db(), manager, b);
    EXPECT_TRUE(building.ok()) << building.error().message;
    housing::Dwelling d;
    d.reference = ref;
    d.building_id = building->id;
    d.rooms = 2;
    d.surface_cm2 = 4500;
    auto dwelling = housing::ManagerCreatesDwelling(db(), manager, d);
    EXPECT_TRUE(dwelling.ok());
    housing::Household h;
    h.reference = "TEN-" + ref;
    h.dwelling_id = dwelling->id;
    h.members.push_back({0, "Jeanne", name, CivilDate{1970, 1, 2}, housing::Relation::kHolder});
    housing::Lease l;
    l.start_date = {2015, 5, 1};
    l.rent_cents = 30000;
    h.lease = l;
    auto made = housing::AgentCreatesHousehold(db(), manager, h);
    EXPECT_TRUE(made.ok()) << made.error().message;
    return made->id;
  }
  SupportCase Open(int64_t household) {
    auto s = OfficerOpensSupportCase(db(), officer_, household, {"household", std::nullopt, "Dette de 3 mois"});
    EXPECT_TRUE(s.ok()) << s.error().message;
    return *s;
  }
  int64_t AuditCount(const std::string& op) {
    return db().Read([&](db::Connection& c) {
      return *c.QueryInt("SELECT COUNT(*) FROM audit_pending WHERE record_type = 'support_case' AND operation = ?",
                         {db::P(op)});
    });
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t landlord_ = 0, other_ = 0, agency_ = 0, household_ = 0, neighbour_ = 0, second_officer_ = 0, agent_id_ = 0;
  auth::Actor officer_, other_officer_;
};

TEST_P(SupportCaseTest, AnOfficerOpensOneCasePerHousehold) {
  const auto s = Open(household_);
  EXPECT_EQ(s.state, "open");
  EXPECT_EQ(s.officer_id, officer_.user_id);
  EXPECT_EQ(s.officer_name, "Claire CESF");
  EXPECT_EQ(s.household_reference, "TEN-LGT-1");
  ASSERT_EQ(s.events.size(), 1u);
  EXPECT_EQ(s.events[0].kind, "opened");
  EXPECT_EQ(s.events[0].text, "Dette de 3 mois");
  EXPECT_EQ(AuditCount("create"), 1);
  auto again = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "household_id");
  // Another officer of the organisation may be named; a call agent may not.
  auto named = OfficerOpensSupportCase(db(), officer_, neighbour_, {"queue", second_officer_, ""});
  ASSERT_TRUE(named.ok()) << named.error().message;
  EXPECT_EQ(named->officer_name, "Yves CESF");
  EXPECT_EQ(named->opened_from, "queue");
  auto third = Household(Staff(landlord_, Role::kManager), "LGT-3", "Durand");
  EXPECT_EQ(OfficerOpensSupportCase(db(), officer_, third, {"household", agent_id_, ""}).error().field, "officer_id");
  EXPECT_EQ(OfficerOpensSupportCase(db(), officer_, third, {"fax", std::nullopt, ""}).error().field, "opened_from");
  EXPECT_EQ(OfficerOpensSupportCase(db(), officer_, third, {"household", other_officer_.user_id, ""}).error().field,
            "officer_id");
}

TEST_P(SupportCaseTest, WhoSeesWhat) {
  const auto s = Open(household_);
  // Another landlord: nothing exists, for any role.
  EXPECT_EQ(StaffReadsSupportCase(db(), other_officer_, s.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(OfficerOpensSupportCase(db(), other_officer_, household_, {}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(StaffListsHouseholdCases(db(), Staff(other_, Role::kManager), household_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(OfficerAddsCaseNote(db(), other_officer_, s.id, "x").error().code, ErrorCode::kNotFound);
  // Partners and tenants: nothing exists either.
  EXPECT_EQ(StaffReadsSupportCase(db(), Staff(landlord_, Role::kPartnerWorker, Kind::kPartner), s.id).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(StaffListsHouseholdCases(db(), Staff(landlord_, Role::kPartnerWorker, Kind::kPartner), household_)
                .error()
                .code,
            ErrorCode::kNotFound);
  // A call agent sees the case exists and its officer, not its content.
  const auto agent = Staff(landlord_, Role::kCallAgent);
  auto summary = StaffListsHouseholdCases(db(), agent, household_);
  ASSERT_TRUE(summary.ok());
  ASSERT_EQ(summary->size(), 1u);
  EXPECT_EQ((*summary)[0].officer_name, "Claire CESF");
  EXPECT_TRUE((*summary)[0].open);
  EXPECT_EQ(StaffReadsSupportCase(db(), agent, s.id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(OfficerAddsCaseNote(db(), agent, s.id, "x").error().code, ErrorCode::kForbidden);
  // A manager reads the content but does not work on the case.
  const auto manager = Staff(landlord_, Role::kManager);
  EXPECT_TRUE(StaffReadsSupportCase(db(), manager, s.id).ok());
  EXPECT_EQ(OfficerAddsCaseNote(db(), manager, s.id, "x").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(OfficerOpensSupportCase(db(), manager, neighbour_, {}).error().code, ErrorCode::kForbidden);
  // A caretaker does not even see that a case exists.
  EXPECT_EQ(StaffListsHouseholdCases(db(), Staff(landlord_, Role::kCaretaker), household_).error().code,
            ErrorCode::kForbidden);
  // Lists are the organisation's only.
  auto mine = StaffListsSupportCases(db(), officer_, {officer_.user_id, "active", 100});
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 1u);
  EXPECT_TRUE(StaffListsSupportCases(db(), other_officer_, {})->empty());
  EXPECT_EQ(StaffListsSupportCases(db(), officer_, {std::nullopt, "lost", 100}).error().field, "state");
}

// The policy on real records (support_policy.h), as a table: every landlord role of A and of B,
// a partner with an open referral of the household and one without, the regional observer and the
// household's tenant; on A's case: see that cases exist, read the case, add a note, open a case for
// the neighbour. A's contact staff see the case exists, its officers and managers read it, only
// its officers work on it and open cases; A's other roles are told their role may not (403), and
// so are B's (on the role alone); B's roles that may find nothing (404), nor do partners (a
// referral never opens the money file), observers and tenants.
TEST_P(SupportCaseTest, RoleByActionByScope) {
  const auto s = Open(household_);
  const auto partners = housing::CreateTablePartners(db(), landlord_, household_);
  housing::PolicyTable table({"exists", "read", "note", "open"});
  for (const auto& r : housing::LandlordRoles()) {
    const bool officer = r.role == Role::kSocialSupport, manager = r.role == Role::kManager;
    const bool contact = officer || manager || r.role == Role::kAdministrator || r.role == Role::kCallAgent ||
                         r.role == Role::kReception || r.role == Role::kAllocation;
    table.Add("A " + std::string(r.code), officer ? officer_ : Staff(landlord_, r.role),
              {contact ? "ok" : "403", officer || manager ? "ok" : "403", officer ? "ok" : "403",
               officer ? "ok" : "403"});
    // Landlord B: a role that may not is told so before anything is looked up (403, which says
    // nothing of A's records); a role that may finds nothing (404).
    table.Add("B " + std::string(r.code), officer ? other_officer_ : Staff(other_, r.role),
              {contact ? "404" : "403", officer || manager ? "404" : "403", officer || manager ? "404" : "403",
               officer ? "404" : "403"});
  }
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral), {"404", "404", "404", "404"});
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral),
            {"404", "404", "404", "404"});
  table.Add("regional observer", housing::TableObserver(landlord_), {"404", "404", "404", "404"});
  table.Add("the household's tenant", housing::TableTenant(landlord_, household_), {"404", "404", "404", "404"});
  ASSERT_EQ(table.size(), 2 * 9 + 4u);
  table.Check({
      [&](const auth::Actor& a) { return PolicyOutcome(StaffListsHouseholdCases(db(), a, household_)); },
      [&](const auth::Actor& a) { return PolicyOutcome(StaffReadsSupportCase(db(), a, s.id)); },
      [&](const auth::Actor& a) { return PolicyOutcome(OfficerAddsCaseNote(db(), a, s.id, "Appel du jour")); },
      [&](const auth::Actor& a) {
        return PolicyOutcome(OfficerOpensSupportCase(db(), a, neighbour_, {"household", std::nullopt, ""}));
      },
  });
}

TEST_P(SupportCaseTest, TheStateMachineWritesTheTimeline) {
  const auto s = Open(household_);
  auto moved = OfficerMovesSupportCase(db(), officer_, s.id, "start", "", "Premier rendez-vous");
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->state, "in_progress");
  EXPECT_EQ(OfficerMovesSupportCase(db(), officer_, s.id, "start", "", "").error().code, ErrorCode::kConflict);
  EXPECT_EQ(OfficerMovesSupportCase(db(), officer_, s.id, "fly", "", "").error().field, "event");
  EXPECT_EQ(OfficerMovesSupportCase(db(), officer_, s.id, "close", "", "").error().field, "outcome");
  EXPECT_EQ(OfficerMovesSupportCase(db(), officer_, s.id, "refer", "debt_cleared", "").error().field, "outcome");
  EXPECT_EQ(OfficerMovesSupportCase(db(), officer_, s.id, "close", "won", "").error().field, "outcome");
  ASSERT_EQ(OfficerMovesSupportCase(db(), officer_, s.id, "start_plan", "", "")->state, "plan_active");
  ASSERT_EQ(OfficerMovesSupportCase(db(), officer_, s.id, "refer", "", "FSL")->state, "referred");
  auto closed = OfficerMovesSupportCase(db(), officer_, s.id, "close", "debt_cleared", "Dette soldée");
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->state, "closed");
  EXPECT_EQ(closed->outcome, "debt_cleared");
  EXPECT_TRUE(closed->closed_at.has_value());
  EXPECT_EQ(closed->follow_up_ended_on.size(), 10u);
  std::vector<std::string> path;
  for (const auto& e : closed->events) path.push_back(e.kind + ":" + e.to_state);
  EXPECT_EQ(path, (std::vector<std::string>{"opened:open", "transition:in_progress", "transition:plan_active",
                                            "transition:referred", "transition:closed"}));
  EXPECT_EQ(closed->events.back().text, "debt_cleared — Dette soldée");
  // Closed: no task; a new case may be opened; the old one cannot be reopened then.
  EXPECT_EQ(OfficerAddsCaseTask(db(), officer_, s.id, "Appeler", {2026, 12, 1}, std::nullopt).error().code,
            ErrorCode::kConflict);
  const auto second = Open(household_);
  EXPECT_EQ(OfficerMovesSupportCase(db(), officer_, s.id, "reopen", "", "").error().code, ErrorCode::kConflict);
  ASSERT_TRUE(OfficerMovesSupportCase(db(), officer_, second.id, "close", "no_contact", "").ok());
  auto reopened = OfficerMovesSupportCase(db(), officer_, s.id, "reopen", "", "");
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(reopened->state, "in_progress");
  EXPECT_EQ(reopened->outcome, "");
  EXPECT_FALSE(reopened->closed_at.has_value());
  // The household timeline: each case opened, and closed.
  auto items = db().Read([&](db::Connection& c) { return HouseholdCaseTimeline(c, landlord_, household_); });
  int open = 0, closed_items = 0;
  for (const auto& i : items) {
    EXPECT_EQ(i.officer_name, "Claire CESF");
    (i.status == "open" ? open : closed_items)++;
  }
  EXPECT_EQ(open, 2);
  EXPECT_EQ(closed_items, 1);
  EXPECT_TRUE(db().Read([&](db::Connection& c) { return HouseholdCaseTimeline(c, other_, household_); }).empty());
}

TEST_P(SupportCaseTest, TasksNotesAndReassignment) {
  const auto s = Open(household_);
  auto with_task = OfficerAddsCaseTask(db(), officer_, s.id, "  Demander l'avis CAF ", {2026, 12, 15}, std::nullopt);
  ASSERT_TRUE(with_task.ok()) << with_task.error().message;
  ASSERT_EQ(with_task->tasks.size(), 1u);
  const auto task = with_task->tasks[0];
  EXPECT_EQ(task.title, "Demander l'avis CAF");
  EXPECT_EQ(task.due_date, "2026-12-15");
  EXPECT_EQ(task.owner_id, officer_.user_id);
  EXPECT_EQ(task.status, "open");
  EXPECT_EQ(OfficerAddsCaseTask(db(), officer_, s.id, " ", {2026, 12, 15}, std::nullopt).error().field, "title");
  EXPECT_EQ(OfficerAddsCaseTask(db(), officer_, s.id, "x", {2026, 12, 15}, other_officer_.user_id).error().field,
            "owner_id");
  EXPECT_EQ(OfficerClosesCaseTask(db(), officer_, s.id, task.id, "lost").error().field, "status");
  auto done = OfficerClosesCaseTask(db(), officer_, s.id, task.id, "done");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->tasks[0].status, "done");
  EXPECT_EQ(OfficerClosesCaseTask(db(), officer_, s.id, task.id, "done").error().code, ErrorCode::kConflict);
  const auto other_case = Open(neighbour_);
  EXPECT_EQ(OfficerClosesCaseTask(db(), officer_, other_case.id, task.id, "done").error().field, "task_id");
  // A system task (a job) goes to the officer, on the timeline.
  const int64_t system_task = db().Write([&](db::Connection& c) {
    return AddSystemTaskIn(c, landlord_, s.id, "Échéance du plan non payée", {2026, 12, 20});
  });
  auto read = StaffReadsSupportCase(db(), officer_, s.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->tasks[0].id, system_task);  // open first
  EXPECT_EQ(read->tasks[0].source, "system");
  EXPECT_EQ(read->events.back().user_id, 0);
  auto noted = OfficerAddsCaseNote(db(), officer_, s.id, "Le locataire a perdu son emploi.");
  ASSERT_TRUE(noted.ok());
  ASSERT_EQ(noted->notes.size(), 1u);
  EXPECT_EQ(noted->notes[0].author_name, "Claire CESF");
  EXPECT_EQ(noted->events.back().kind, "note_added");
  EXPECT_EQ(noted->events.back().text, "");  // the note's text stays in the notes
  EXPECT_EQ(OfficerAddsCaseNote(db(), officer_, s.id, "  ").error().field, "body");
  auto handed = OfficerReassignsSupportCase(db(), officer_, s.id, second_officer_);
  ASSERT_TRUE(handed.ok());
  EXPECT_EQ(handed->officer_name, "Yves CESF");
  EXPECT_EQ(OfficerReassignsSupportCase(db(), officer_, s.id, agent_id_).error().field, "officer_id");
  EXPECT_GE(AuditCount("update"), 5);
}

TEST_P(SupportCaseTest, DocumentsAreCheckedStoredAndReadBack) {
  const auto s = Open(household_);
  std::string pdf = "%PDF-1.4\n";
  for (int i = 0; i < 300; ++i) pdf.push_back(static_cast<char>(i));  // every byte value, NUL included
  Settings settings{1024};
  auto added = OfficerAddsCaseDocument(db(), officer_, settings, s.id, "avis-caf.pdf", "application/pdf",
                                       notify::Base64(pdf));
  ASSERT_TRUE(added.ok()) << added.error().message;
  ASSERT_EQ(added->documents.size(), 1u);
  const auto meta = added->documents[0];
  EXPECT_EQ(meta.size_bytes, static_cast<int64_t>(pdf.size()));
  EXPECT_EQ(meta.sha256.size(), 64u);
  auto file = StaffReadsCaseDocument(db(), officer_, s.id, meta.id);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->bytes, pdf);
  EXPECT_EQ(file->meta.content_type, "application/pdf");
  EXPECT_EQ(StaffReadsCaseDocument(db(), other_officer_, s.id, meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(StaffReadsCaseDocument(db(), Staff(landlord_, Role::kCallAgent), s.id, meta.id).error().code,
            ErrorCode::kForbidden);
  const auto other_case = Open(neighbour_);
  EXPECT_EQ(StaffReadsCaseDocument(db(), officer_, other_case.id, meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(OfficerAddsCaseDocument(db(), officer_, settings, s.id, "x.png", "image/png", notify::Base64(pdf))
                .error()
                .field,
            "content_type");
  EXPECT_EQ(OfficerAddsCaseDocument(db(), officer_, settings, s.id, "big.pdf", "application/pdf",
                                    notify::Base64(pdf + std::string(1024, 'x')))
                .error()
                .code,
            ErrorCode::kTooLarge);
}

TEST_P(SupportCaseTest, AMoneyNeedFromACallOpensOrJoinsTheCase) {
  auth::Actor agent = Staff(landlord_, Role::kCallAgent);
  agent.user_id = agent_id_;
  // The officer with the fewest open cases gets it: Yves (none) rather than Claire (one).
  Open(neighbour_);
  auto id = db().Write([&](db::Connection& c) { return OpenCaseFromOutreachIn(c, agent, household_, "Ne peut plus payer"); });
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto s = StaffReadsSupportCase(db(), officer_, *id);
  EXPECT_EQ(s->officer_id, second_officer_);
  EXPECT_EQ(s->opened_from, "outreach");
  EXPECT_EQ(s->reason, "Ne peut plus payer");
  // A second money need joins the same case, on its timeline.
  auto again = db().Write([&](db::Connection& c) { return OpenCaseFromOutreachIn(c, agent, household_, "Relance"); });
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *id);
  EXPECT_EQ(StaffReadsSupportCase(db(), officer_, *id)->events.back().kind, "outreach_need");
  // Another landlord's household: not found; a landlord without an officer: a conflict, said.
  EXPECT_EQ(db().Write([&](db::Connection& c) { return OpenCaseFromOutreachIn(c, Staff(other_, Role::kCallAgent), household_, ""); })
                .error().code, ErrorCode::kNotFound);
  db().Write([&](db::Connection& c) { return c.Exec("UPDATE staff_users SET active = 0 WHERE organisation_id = ? AND (roles & 8) <> 0", {db::P(landlord_)}); });
  auto third = Household(Staff(landlord_, Role::kManager), "LGT-9", "Leroy");
  auto none = db().Write([&](db::Connection& c) { return OpenCaseFromOutreachIn(c, agent, third, ""); });
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kConflict);
}

INSTANTIATE_TEST_SUITE_P(Engines, SupportCaseTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::support
