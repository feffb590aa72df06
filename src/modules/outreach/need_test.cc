// Needs, actions, delivery rounds and the timeline on both engines, through the use cases the API
// runs. The call that finds a need is inserted by SQL (the call recorder is another module part).
#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "modules/outreach/delivery_round.h"
#include "modules/outreach/need.h"
#include "platform/db/testing.h"

namespace relais::outreach {
namespace {
using auth::Kind;
using auth::Role;

// The day the timeline is read (its rent entries are computed for it).
constexpr CivilDate kToday{2026, 11, 20};

class NeedTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    landlord_ = Org("Habitat A", "732829320", "landlord");
    other_ = Org("Habitat B", "552100554", "landlord");
    ccas_ = Org("CCAS de Saint-Lô", "130023757", "partner");
    ASSERT_TRUE(db().Write([&](db::Connection& c) { return housing::AttachPartner(c, ccas_, landlord_, "50502"); }).ok());
    agent_ = Staff(landlord_, Role::kCallAgent);
    agent_.user_id = User(landlord_, "agent@a.fr", "Camille Agent");
    agency_ = db().Write([&](db::Connection& c) {
      return *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Agence Centre') RETURNING id",
                         {db::P(landlord_)});
    });
    const auto manager = Staff(landlord_, Role::kManager);
    building_ = Building(manager, "B1", "2 rue des Lilas");
    household_ = Household(manager, building_, "LGT-1", 3, "Dupont");
    neighbour_ = Household(manager, building_, "LGT-2", 1, "Martin");
    far_ = Household(manager, Building(manager, "B2", "9 avenue de Paris"), "LGT-3", 0, "Durand");
  }
  db::Database& db() { return t_->db(); }

  int64_t Org(const std::string& name, const std::string& siren, const std::string& kind) {
    return *db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, name, siren, kind); });
  }
  int64_t User(int64_t org, const std::string& email, const std::string& name) {
    return db().Write([&](db::Connection& c) {
      return *c.QueryInt("INSERT INTO staff_users (organisation_id, email, display_name, password_hash, roles, "
                         "created_at) VALUES (?, ?, ?, 'x', 4, 0) RETURNING id",
                         {db::P(org), db::P(email), db::P(name)});
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
  int64_t Building(const auth::Actor& manager, const std::string& ref, const std::string& street) {
    housing::Building b;
    b.reference = ref;
    b.street = street;
    b.commune_insee = "50502";
    b.agency_id = agency_;
    auto made = housing::ManagerCreatesBuilding(db(), manager, b);
    EXPECT_TRUE(made.ok()) << made.error().message;
    return made->id;
  }
  int64_t Household(const auth::Actor& manager, int64_t building, const std::string& ref, int floor,
                    const std::string& name) {
    housing::Dwelling d;
    d.reference = ref;
    d.building_id = building;
    d.floor = floor;
    d.rooms = 2;
    d.surface_cm2 = 4500;
    auto dwelling = housing::ManagerCreatesDwelling(db(), manager, d);
    EXPECT_TRUE(dwelling.ok());
    housing::Household h;
    h.reference = "TEN-" + ref;
    h.dwelling_id = dwelling->id;
    h.members.push_back({0, "Jeanne", name, CivilDate{1940, 1, 2}, housing::Relation::kHolder});
    h.phones.push_back({"061234567" + std::to_string(floor), "mobile"});
    housing::Lease l;
    l.start_date = {2001, 5, 1};
    l.rent_cents = 30000;
    h.lease = l;
    auto made = housing::AgentCreatesHousehold(db(), manager, h);
    EXPECT_TRUE(made.ok()) << made.error().message;
    return made->id;
  }
  // A call of the household's holder on a heatwave plan, with one reached-needs-help attempt.
  int64_t Call(int64_t household, int64_t at) {
    return db().Write([&](db::Connection& c) {
      const int64_t plan = *c.QueryInt(
          "INSERT INTO crisis_plans (organisation_id, kind, start_date, level1_days, level2_days, level3_days, "
          "call_hours, created_by, created_at, updated_at) VALUES (?, 'heatwave', '2026-07-01', 14, 7, 1, "
          "'09:00-18:00', 1, 0, 0) RETURNING id",
          {db::P(landlord_)});
      const int64_t member = *c.QueryInt("SELECT id FROM members WHERE household_id = ?", {db::P(household)});
      const int64_t call = *c.QueryInt(
          "INSERT INTO outreach_calls (organisation_id, plan_id, member_id, household_id, agency_id, list_date, "
          "level, due_date, state, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2026-07-02', 3, "
          "'2026-07-02', 'reached', 1, ?, ?) RETURNING id",
          {db::P(landlord_), db::P(plan), db::P(member), db::P(household), db::P(agency_), db::P(at), db::P(at)});
      c.Exec("INSERT INTO outreach_call_attempts (organisation_id, call_id, agent_id, outcome, note, attempted_at) "
             "VALUES (?, ?, 1, 'reached_needs_help', 'Plus rien à manger', ?)",
             {db::P(landlord_), db::P(call), db::P(at + 1)});
      return call;
    });
  }
  ActionInput Delivery(const std::string& item = "food_parcel") const {
    ActionInput in;
    in.kind = "delivery";
    in.owner_id = agent_.user_id;
    in.due_date = CivilDate{2026, 7, 3};
    in.item = item;
    return in;
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t landlord_ = 0, other_ = 0, ccas_ = 0, agency_ = 0, building_ = 0;
  int64_t household_ = 0, neighbour_ = 0, far_ = 0;
  auth::Actor agent_;
};

std::string Field(const Result<Need>& r) { return r.ok() ? "ok" : r.error().field; }

TEST_P(NeedTest, ANeedBecomesActionsAndIsMetWhenTheyAreDone) {
  const int64_t call = Call(household_, 1000);
  auto need = StaffRecordsNeed(db(), agent_, household_, {"food", call, "Plus de courses depuis 5 jours"});
  ASSERT_TRUE(need.ok()) << need.error().message;
  EXPECT_EQ(need->status, "open");
  EXPECT_EQ(need->call_id, call);
  // A call of another household does not find this household's need.
  EXPECT_EQ(Field(StaffRecordsNeed(db(), agent_, neighbour_, {"food", call, ""})), "call_id");
  EXPECT_EQ(Field(StaffRecordsNeed(db(), agent_, household_, {"chocolate", std::nullopt, ""})), "category");

  auto with_delivery = StaffAddsAction(db(), agent_, need->id, Delivery());
  ASSERT_TRUE(with_delivery.ok()) << with_delivery.error().message;
  ASSERT_EQ(with_delivery->actions.size(), 1u);
  EXPECT_EQ(with_delivery->actions[0].owner_name, "Camille Agent");
  EXPECT_EQ(with_delivery->actions[0].status, "open");

  ActionInput task;
  task.kind = "task";
  task.owner_id = agent_.user_id;
  task.due_date = CivilDate{2026, 7, 5};
  task.description = "Appeler la fille de Mme Dupont";
  auto with_task = StaffAddsAction(db(), agent_, need->id, task);
  ASSERT_TRUE(with_task.ok());
  const Action t = with_task->actions[1];
  ASSERT_TRUE(t.task_id.has_value());
  EXPECT_EQ(db().Read([&](db::Connection& c) {
    return *c.QueryInt("SELECT COUNT(*) FROM outreach_tasks WHERE id = ? AND kind = 'other' AND status = 'open'",
                       {db::P(*t.task_id)});
  }), 1);

  // The task done: the task row follows; the delivery still open, the need too.
  auto after_task = StaffClosesAction(db(), agent_, need->id, t.id, "done");
  ASSERT_TRUE(after_task.ok()) << after_task.error().message;
  EXPECT_EQ(after_task->actions[1].status, "done");
  EXPECT_EQ(after_task->status, "open");
  EXPECT_EQ(StaffClosesAction(db(), agent_, need->id, t.id, "done").error().code, ErrorCode::kConflict);
  EXPECT_EQ(Field(StaffClosesAction(db(), agent_, need->id, t.id + 1000, "done")), "action_id");
  EXPECT_EQ(Field(StaffClosesAction(db(), agent_, need->id, with_delivery->actions[0].id, "finished")), "status");

  // The delivery through a round: then the need is met.
  bool created = false;
  auto round = StaffBuildsRound(db(), agent_, {2026, 7, 3}, agency_, &created);
  ASSERT_TRUE(round.ok()) << round.error().message;
  EXPECT_TRUE(created);
  ASSERT_TRUE(StaffRecordsDelivery(db(), agent_, round->id, with_delivery->actions[0].id, "delivered", "").ok());
  EXPECT_EQ(StaffReadsNeed(db(), agent_, need->id)->status, "met");
}

TEST_P(NeedTest, DeliveryActionsAndMoneyAndRepairNeeds) {
  auto loneliness = StaffRecordsNeed(db(), agent_, household_, {"loneliness", std::nullopt, ""});
  ASSERT_TRUE(loneliness.ok());
  EXPECT_EQ(Field(StaffAddsAction(db(), agent_, loneliness->id, Delivery())), "kind");  // nothing to deliver
  auto food = StaffRecordsNeed(db(), agent_, household_, {"medicines", std::nullopt, ""});
  EXPECT_EQ(Field(StaffAddsAction(db(), agent_, food->id, Delivery("pizza"))), "item");
  auto no_owner = Delivery();
  no_owner.owner_id = User(other_, "b@b.fr", "Agent de B");  // another landlord's account
  EXPECT_EQ(Field(StaffAddsAction(db(), agent_, food->id, no_owner)), "owner_id");
  auto no_date = Delivery();
  no_date.due_date.reset();
  EXPECT_EQ(Field(StaffAddsAction(db(), agent_, food->id, no_date)), "due_date");

  for (const std::string category : {"money", "repair"}) {
    auto need = StaffRecordsNeed(db(), agent_, household_, {category, std::nullopt, "Fuite sous l'évier"});
    ActionInput task;
    task.kind = "task";
    task.owner_id = agent_.user_id;
    task.due_date = CivilDate{2026, 7, 5};
    auto with = StaffAddsAction(db(), agent_, need->id, task);
    ASSERT_TRUE(with.ok());
    EXPECT_EQ(db().Read([&](db::Connection& c) {
      return *c.QueryInt("SELECT COUNT(*) FROM outreach_tasks WHERE id = ? AND kind = ? AND description = ?",
                         {db::P(*with->actions[0].task_id), db::P(category), db::P("Fuite sous l'évier")});
    }), 1) << category;
  }
  // Cancelled, a need takes no more actions; its open delivery and task are cancelled with it.
  ASSERT_TRUE(StaffCancelsNeed(db(), agent_, loneliness->id).ok());
  EXPECT_EQ(StaffReadsNeed(db(), agent_, loneliness->id)->status, "cancelled");
  EXPECT_EQ(StaffAddsAction(db(), agent_, loneliness->id, Delivery()).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(StaffAddsAction(db(), agent_, food->id, Delivery("medicines")).ok());
  ActionInput task;
  task.kind = "task";
  task.owner_id = agent_.user_id;
  task.due_date = CivilDate{2026, 7, 5};
  ASSERT_TRUE(StaffAddsAction(db(), agent_, food->id, task).ok());
  auto cancelled = StaffCancelsNeed(db(), agent_, food->id);
  ASSERT_TRUE(cancelled.ok());
  for (const auto& a : cancelled->actions) EXPECT_EQ(a.status, "cancelled") << a.kind;
  EXPECT_EQ(StaffCancelsNeed(db(), agent_, food->id).error().code, ErrorCode::kConflict);
}

TEST_P(NeedTest, AReferralIsOpenedOnlyWithTheTenantsConsent) {
  auto need = StaffRecordsNeed(db(), agent_, household_, {"psychological_support", std::nullopt, ""});
  ActionInput in;
  in.kind = "referral";
  in.owner_id = agent_.user_id;
  in.due_date = CivilDate{2026, 7, 10};
  in.partner_id = ccas_;
  in.reason = "Soutien psychologique après un deuil";
  EXPECT_EQ(Field(StaffAddsAction(db(), agent_, need->id, in)), "consent_on");
  in.consent_on = CivilDate{2026, 7, 2};
  EXPECT_EQ(Field(StaffAddsAction(db(), agent_, need->id, in)), "consent_given_by");
  in.consent_given_by = "La locataire, au téléphone";
  EXPECT_EQ(db().Read([](db::Connection& c) { return *c.QueryInt("SELECT COUNT(*) FROM referrals"); }), 0);
  in.partner_id = other_;  // not a partner of the landlord
  EXPECT_EQ(Field(StaffAddsAction(db(), agent_, need->id, in)), "partner_id");
  in.partner_id = ccas_;
  auto with = StaffAddsAction(db(), agent_, need->id, in);
  ASSERT_TRUE(with.ok()) << with.error().message;
  const Action a = with->actions[0];
  EXPECT_EQ(a.partner_name, "CCAS de Saint-Lô");
  auto referral = ActorReadsReferral(db(), agent_, *a.referral_id);
  ASSERT_TRUE(referral.ok());
  EXPECT_EQ(referral->consent_on, "2026-07-02");
  EXPECT_EQ(referral->consent_given_by, "La locataire, au téléphone");
  // The referral's action follows the referral: closed here is refused; the partner closes it.
  EXPECT_EQ(StaffClosesAction(db(), agent_, need->id, a.id, "done").error().code, ErrorCode::kConflict);
  const auto partner = Staff(ccas_, Role::kPartnerWorker, Kind::kPartner);
  ASSERT_TRUE(PartnerAcceptsReferral(db(), partner, *a.referral_id).ok());
  EXPECT_EQ(StaffReadsNeed(db(), agent_, need->id)->actions[0].status, "open");
  ASSERT_TRUE(ActorClosesReferral(db(), partner, *a.referral_id).ok());
  auto met = StaffReadsNeed(db(), agent_, need->id);
  EXPECT_EQ(met->actions[0].status, "done");
  EXPECT_EQ(met->status, "met");
}

TEST_P(NeedTest, ARoundGroupsTheOpenDeliveriesOfTheAgencyByBuilding) {
  std::vector<int64_t> actions;
  for (int64_t h : {far_, household_, neighbour_}) {
    auto need = StaffRecordsNeed(db(), agent_, h, {"food", std::nullopt, ""});
    actions.push_back(StaffAddsAction(db(), agent_, need->id, Delivery())->actions[0].id);
  }
  bool created = false;
  auto round = StaffBuildsRound(db(), agent_, {2026, 7, 3}, agency_, &created);
  ASSERT_TRUE(round.ok()) << round.error().message;
  EXPECT_EQ(round->stops, 3);
  ASSERT_EQ(round->buildings.size(), 2u);
  // By street: "2 rue des Lilas" before "9 avenue de Paris"; dwellings by floor.
  EXPECT_EQ(round->buildings[0].address, "2 rue des Lilas, Saint-Lô");
  ASSERT_EQ(round->buildings[0].stops.size(), 2u);
  EXPECT_EQ(round->buildings[0].stops[0].household_name, "Jeanne Martin");
  EXPECT_EQ(round->buildings[0].stops[0].floor, 1);
  EXPECT_EQ(round->buildings[0].stops[0].phones, std::vector<std::string>{"0612345671"});
  EXPECT_EQ(round->buildings[1].stops[0].household_name, "Jeanne Durand");
  // Building again the same day adds nothing and makes no second round; without any: conflict.
  auto again = StaffBuildsRound(db(), agent_, {2026, 7, 3}, agency_, &created);
  EXPECT_FALSE(created);
  EXPECT_EQ(again->id, round->id);
  EXPECT_EQ(StaffBuildsRound(db(), agent_, {2026, 7, 4}, agency_, &created).error().code, ErrorCode::kConflict);
  EXPECT_EQ(StaffBuildsRound(db(), agent_, {2026, 7, 4}, agency_ + 99, &created).error().field, "agency_id");

  // One failed: it goes into the next round; one delivered: done.
  ASSERT_TRUE(StaffRecordsDelivery(db(), agent_, round->id, actions[0], "failed", "Absent").ok());
  auto rec = StaffRecordsDelivery(db(), agent_, round->id, actions[1], "delivered", "");
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->delivered, 1);
  EXPECT_EQ(rec->failed, 1);
  EXPECT_EQ(StaffRecordsDelivery(db(), agent_, round->id, actions[1], "failed", "").error().code, ErrorCode::kConflict);
  EXPECT_EQ(StaffRecordsDelivery(db(), agent_, round->id, actions[2], "lost", "").error().field, "result");
  auto next = StaffBuildsRound(db(), agent_, {2026, 7, 4}, agency_, &created);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->stops, 1);
  EXPECT_EQ(next->buildings[0].stops[0].action_id, actions[0]);
  auto pdf = RoundPdf(*round);
  if (pdf.ok()) EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  // Another landlord: not found.
  const auto b = Staff(other_, Role::kManager);
  EXPECT_EQ(StaffReadsRound(db(), b, round->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(StaffRecordsDelivery(db(), b, round->id, actions[2], "delivered", "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(StaffReadsRound(db(), Staff(landlord_, Role::kTechnical), round->id).error().code, ErrorCode::kForbidden);
}

TEST_P(NeedTest, TheTimelineIsNewestFirstAndScoped) {
  Call(household_, 1000);
  auto need = StaffRecordsNeed(db(), agent_, household_, {"food", std::nullopt, "Colis"});
  ASSERT_TRUE(StaffAddsAction(db(), agent_, need->id, Delivery()).ok());
  auto timeline = StaffReadsTimeline(db(), agent_, household_, kToday, {});
  ASSERT_TRUE(timeline.ok()) << timeline.error().message;
  std::vector<std::string> types;
  for (const auto& e : *timeline) types.push_back(e.type);
  EXPECT_EQ(types, (std::vector<std::string>{"action", "need", "call_attempt", "call"}));
  EXPECT_EQ((*timeline)[2].text, "Plus rien à manger");
  EXPECT_EQ((*timeline)[0].parent_id, need->id);
  EXPECT_EQ(StaffReadsTimeline(db(), Staff(other_, Role::kManager), household_, kToday, {}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(StaffReadsTimeline(db(), Staff(ccas_, Role::kPartnerWorker, Kind::kPartner), household_, kToday, {}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(StaffReadsTimeline(db(), Staff(landlord_, Role::kCaretaker), household_, kToday, {}).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(StaffListsNeeds(db(), Staff(other_, Role::kManager), household_).error().code, ErrorCode::kNotFound);
}

TEST_P(NeedTest, EscalationsAreInTheTimelineRaisedThenWithTheirOutcome) {
  const int64_t call = Call(household_, 1000);
  db().Write([&](db::Connection& c) {
    const int64_t member = *c.QueryInt("SELECT id FROM members WHERE household_id = ?", {db::P(household_)});
    const int64_t plan = *c.QueryInt("SELECT plan_id FROM outreach_calls WHERE id = ?", {db::P(call)});
    // One closed with its outcome, one still open with no action yet.
    c.Exec("INSERT INTO outreach_escalations (organisation_id, member_id, household_id, agency_id, plan_id, call_id, "
           "unreachable_since, raised_at, status, action, action_at, outcome, closed_at) VALUES (?, ?, ?, ?, ?, ?, "
           "'2026-07-01', 2000, 'closed', 'caretaker_visit', 3000, 'Le gardien l''a trouvée chez sa fille.', 4000)",
           {db::P(landlord_), db::P(member), db::P(household_), db::P(agency_), db::P(plan), db::P(call)});
    c.Exec("INSERT INTO outreach_escalations (organisation_id, member_id, household_id, agency_id, plan_id, "
           "unreachable_since, raised_at) VALUES (?, ?, ?, ?, ?, '2026-07-05', 5000)",
           {db::P(landlord_), db::P(member), db::P(household_), db::P(agency_), db::P(plan)});
    return 0;
  });
  auto timeline = StaffReadsTimeline(db(), agent_, household_, kToday, {});
  ASSERT_TRUE(timeline.ok()) << timeline.error().message;
  std::vector<std::string> types;
  for (const auto& e : *timeline) types.push_back(e.type);
  EXPECT_EQ(types, (std::vector<std::string>{"escalation", "escalation_outcome", "escalation", "call_attempt", "call"}));
  const auto& open = (*timeline)[0];
  EXPECT_EQ(open.status, "open");
  EXPECT_EQ(open.code, "2026-07-05");
  const auto& outcome = (*timeline)[1];
  EXPECT_EQ(outcome.at, 4000);  // closed: at the close
  EXPECT_EQ(outcome.code, "caretaker_visit");
  EXPECT_EQ(outcome.text, "Le gardien l'a trouvée chez sa fille.");
  EXPECT_EQ(outcome.parent_id, (*timeline)[2].id);
  EXPECT_EQ((*timeline)[2].status, "closed");
  // Another household's timeline has none of them.
  auto neighbour = StaffReadsTimeline(db(), agent_, neighbour_, kToday, {});
  ASSERT_TRUE(neighbour.ok());
  EXPECT_TRUE(neighbour->empty());
}

TEST_P(NeedTest, OpenNeedsPerHouseholdLeavesOutTheMetAndTheCancelled) {
  auto met = StaffRecordsNeed(db(), agent_, household_, {"food", std::nullopt, ""});
  auto with_delivery = StaffAddsAction(db(), agent_, met->id, Delivery());
  ASSERT_TRUE(with_delivery.ok());
  ASSERT_TRUE(StaffClosesAction(db(), agent_, met->id, with_delivery->actions[0].id, "done").ok());
  ASSERT_TRUE(StaffRecordsNeed(db(), agent_, household_, {"loneliness", std::nullopt, ""}).ok());  // no action: open
  auto pending = StaffRecordsNeed(db(), agent_, neighbour_, {"food", std::nullopt, ""});
  ASSERT_TRUE(StaffAddsAction(db(), agent_, pending->id, Delivery()).ok());  // an open delivery: open
  auto given_up = StaffRecordsNeed(db(), agent_, far_, {"other", std::nullopt, ""});
  ASSERT_TRUE(StaffCancelsNeed(db(), agent_, given_up->id).ok());
  auto open = db().Read([&](db::Connection& c) { return OpenNeedsPerHousehold(c, landlord_); });
  EXPECT_EQ(open, (std::map<int64_t, int64_t>{{household_, 1}, {neighbour_, 1}}));
  EXPECT_TRUE(db().Read([&](db::Connection& c) { return OpenNeedsPerHousehold(c, other_); }).empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, NeedTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::outreach
