// Reception on both engines through the use cases the API runs: configuration with its rights,
// free slots, bookings by staff and tenants with the double-booking rules, attendance, the
// waiting list, the day view, another landlord's records (404), and the last seat taken by
// several threads at once (exactly one wins).
#include "modules/reception/appointment_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "modules/housing/housing.h"
#include "modules/housing/policy_table_testing.h"
#include "modules/reception/crisis_switch.h"
#include "modules/reception/holidays.h"
#include "platform/db/testing.h"

namespace relais::reception {
namespace {
using auth::Kind;
using auth::Role;

class AppointmentStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    a_ = Org("Habitat A", "732829320");
    b_ = Org("Habitat B", "552100554");
    staff1_ = Staff(a_, "un@a.test", "Agnès Accueil");
    staff2_ = Staff(a_, "deux@a.test", "Bruno Accueil");
    staff_b_ = Staff(b_, "un@b.test", "Claire B");
    household_ = Household(a_, "H1", "Famille Martin");
    household2_ = Household(a_, "H2", "Famille Diallo");
    // The first working Monday at least a week ahead, so that every slot is in the future.
    const CivilDate today = ParisDateOf(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    int64_t d = DaysFromCivil(today) + 7;
    while ((d + 3) % 7 != 0 || IsFrenchPublicHoliday(CivilFromDays(d))) ++d;
    monday_ = CivilFromDays(d);
    now_ = NowMillis();

    Site s;
    s.name = "Accueil Saint-Lô";
    s.address = "2 place du Champ de Mars";
    s.capacity = 1;
    auto site = ManagerCreatesSite(db(), Manager(a_), s);
    ASSERT_TRUE(site.ok()) << site.error().message;
    site_ = site->id;
    Reason r;
    r.kind = ReasonKind::kKeyHandover;
    r.name = "Remise des clés";
    r.duration_minutes = 30;
    r.by_phone = true;
    r.open_to_tenants = true;
    r.min_delay_minutes = 60;
    r.documents = {"Pièce d'identité", "Attestation d'assurance"};
    auto reason = ManagerCreatesReason(db(), Manager(a_), r);
    ASSERT_TRUE(reason.ok()) << reason.error().message;
    reason_ = reason->id;
    for (int64_t staff : {staff1_, staff2_}) {
      OpeningRange o;
      o.site_id = site_;
      o.staff_user_id = staff;
      o.weekday = 1;
      o.start_minute = 9 * 60;
      o.end_minute = 10 * 60;
      auto added = ManagerAddsOpeningRange(db(), Manager(a_), o);
      ASSERT_TRUE(added.ok()) << added.error().message;
    }
  }
  db::Database& db() { return t_->db(); }
  int64_t Org(const std::string& name, const std::string& siren) {
    auto id = db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, name, siren, "landlord"); });
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
  int64_t Staff(int64_t org, const std::string& email, const std::string& name) {
    return db().Write([&](db::Connection& c) -> Result<int64_t> {
      return *c.QueryInt("INSERT INTO staff_users (organisation_id, email, display_name, password_hash, roles, created_at) "
                         "VALUES (?, ?, ?, 'x', ?, 0) RETURNING id",
                         {db::P(org), db::P(email), db::P(name), db::P(int64_t{static_cast<int64_t>(Role::kReception)})});
    }).value();
  }
  int64_t Household(int64_t org, const std::string& ref, const std::string& name) {
    return db().Write([&](db::Connection& c) -> Result<int64_t> {
      const int64_t b = *c.QueryInt("INSERT INTO buildings (organisation_id, reference, street, commune_insee, updated_at) "
                                    "VALUES (?, ?, '1 rue des Lilas', '50502', 0) RETURNING id", {db::P(org), db::P("B" + ref)});
      const int64_t d = *c.QueryInt("INSERT INTO dwellings (organisation_id, building_id, reference, rooms, surface_cm2, financing, "
                                    "rent_cents, charges_cents, updated_at) VALUES (?, ?, ?, 3, 600000, 'PLUS', 40000, 5000, 0) "
                                    "RETURNING id", {db::P(org), db::P(b), db::P("D" + ref)});
      return *c.QueryInt("INSERT INTO households (organisation_id, reference, dwelling_id, display_name, updated_at) "
                         "VALUES (?, ?, ?, ?, 0) RETURNING id", {db::P(org), db::P(ref), db::P(d), db::P(name)});
    }).value();
  }
  static auth::Actor Actor(int64_t org, Role role, int64_t user = 7) {
    auth::Actor a;
    a.kind = Kind::kStaff;
    a.user_id = user;
    a.organisation_id = org;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }
  static auth::Actor Manager(int64_t org) { return Actor(org, Role::kManager); }
  auth::Actor Desk() const { return Actor(a_, Role::kReception, staff1_); }
  auth::Actor Tenant(int64_t household) const {
    auth::Actor t;
    t.kind = Kind::kTenant;
    t.user_id = 99;
    t.organisation_id = a_;
    t.household_id = household;
    return t;
  }
  int64_t At(int h, int m = 0) const { return ParisLocalToUtcMillis(monday_, h * 60 + m); }
  BookingRequest ForHousehold(int64_t household, int h, int m = 0, int64_t staff = 0) const {
    BookingRequest r;
    r.reason_id = reason_;
    r.site_id = site_;
    r.start_ms = At(h, m);
    r.staff_user_id = staff;
    r.household_id = household;
    return r;
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t a_ = 0, b_ = 0, staff1_ = 0, staff2_ = 0, staff_b_ = 0, household_ = 0, household2_ = 0;
  int64_t site_ = 0, reason_ = 0, now_ = 0;
  CivilDate monday_;
};

TEST_P(AppointmentStoreTest, ConfigurationRightsAndValidation) {
  Site bad;
  bad.name = "Sans adresse";
  bad.capacity = 2;
  auto refused = ManagerCreatesSite(db(), Manager(a_), bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "address");
  bad.address = "1 rue";
  EXPECT_EQ(ManagerCreatesSite(db(), Desk(), bad).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ManagerCreatesSite(db(), Actor(a_, Role::kPartnerWorker), bad).error().code, ErrorCode::kNotFound);
  Site dup = bad;
  dup.name = "Accueil Saint-Lô";
  EXPECT_EQ(ManagerCreatesSite(db(), Manager(a_), dup).error().code, ErrorCode::kConflict);
  // Another landlord sees none of it, and cannot change it.
  EXPECT_TRUE(StaffListsSites(db(), Manager(b_))->empty());
  Site other = *ActorReadsSite(db(), Manager(a_), site_);
  other.capacity = 5;
  EXPECT_EQ(ManagerChangesSite(db(), Manager(b_), other).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(StaffReadsReason(db(), Manager(b_), reason_).error().code, ErrorCode::kNotFound);
  // An opening range of another landlord's staff member is refused with its field.
  OpeningRange o;
  o.site_id = site_;
  o.staff_user_id = staff_b_;
  o.weekday = 2;
  o.start_minute = 540;
  o.end_minute = 600;
  EXPECT_EQ(ManagerAddsOpeningRange(db(), Manager(a_), o).error().field, "staff_user_id");
  Reason r = *StaffReadsReason(db(), Desk(), reason_);
  EXPECT_EQ(r.documents.size(), 2u);
  r.in_person = r.by_phone = r.by_video = false;
  EXPECT_EQ(ManagerChangesReason(db(), Manager(a_), r).error().field, "modes");
}

TEST_P(AppointmentStoreTest, FreeSlotsFromTheDatabase) {
  SlotRequest q{reason_, site_, Mode::kInPerson, monday_, monday_, 1};
  auto slots = ActorFindsFreeSlots(db(), Desk(), q, now_);
  ASSERT_TRUE(slots.ok()) << slots.error().message;
  EXPECT_EQ(slots->size(), 4u);  // 09:00 and 09:30, with each of the two staff members
  ASSERT_TRUE(ManagerAddsAbsence(db(), Manager(a_), {0, staff2_, At(9), At(10), "Formation"}).ok());
  EXPECT_EQ(ActorFindsFreeSlots(db(), Desk(), q, now_)->size(), 2u);
  ASSERT_TRUE(ManagerAddsClosure(db(), Manager(a_), {0, site_, FormatIso(monday_), FormatIso(monday_), "Inventaire"}).ok());
  EXPECT_TRUE(ActorFindsFreeSlots(db(), Desk(), q, now_)->empty());
  EXPECT_EQ(ActorFindsFreeSlots(db(), Manager(b_), q, now_).error().code, ErrorCode::kNotFound);
}

TEST_P(AppointmentStoreTest, StaffBookAndTheRulesHold) {
  auto first = StaffBooksAppointment(db(), Desk(), ForHousehold(household_, 9, 0, staff1_), now_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->state, AppointmentState::kBooked);
  EXPECT_EQ(first->person_name, "Famille Martin");
  EXPECT_EQ(first->site_name, "Accueil Saint-Lô");
  // The same household, the same reason, another time: refused.
  auto twice = StaffBooksAppointment(db(), Desk(), ForHousehold(household_, 9, 30, staff1_), now_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().field, "reason_id");
  // The same staff member at the same time: refused.
  auto same_staff = StaffBooksAppointment(db(), Desk(), ForHousehold(household2_, 9, 0, staff1_), now_);
  ASSERT_FALSE(same_staff.ok());
  EXPECT_EQ(same_staff.error().field, "start_at");
  // The other staff member at the same time: the only seat (capacity 1) is taken in person...
  EXPECT_EQ(StaffBooksAppointment(db(), Desk(), ForHousehold(household2_, 9, 0, staff2_), now_).error().code,
            ErrorCode::kConflict);
  // ...but by phone there is no seat to take.
  auto phone = ForHousehold(household2_, 9, 0, staff2_);
  phone.mode = Mode::kPhone;
  ASSERT_TRUE(StaffBooksAppointment(db(), Desk(), phone, now_).ok());
  // An applicant without a household needs a way to be reached.
  BookingRequest applicant = ForHousehold(0, 9, 30, staff1_);
  applicant.household_id.reset();
  applicant.applicant_name = "Mme Petit";
  EXPECT_EQ(StaffBooksAppointment(db(), Desk(), applicant, now_).error().field, "applicant_phone");
  applicant.applicant_phone = "06 12 34 56 78";
  auto booked = StaffBooksAppointment(db(), Desk(), applicant, now_);
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  EXPECT_EQ(booked->person_key, "a:0612345678");
  EXPECT_EQ(booked->person_name, "Mme Petit");
  // A caretaker may not book; another landlord's staff do not see the household.
  EXPECT_EQ(StaffBooksAppointment(db(), Actor(a_, Role::kCaretaker), ForHousehold(household_, 9, 30), now_).error().code,
            ErrorCode::kForbidden);
  auto foreign = ForHousehold(household_, 9, 30);
  EXPECT_EQ(StaffBooksAppointment(db(), Manager(b_), foreign, now_).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(StaffReadsAppointment(db(), Manager(b_), first->id).error().code, ErrorCode::kNotFound);
}

TEST_P(AppointmentStoreTest, TenantBooksOwnHouseholdAndCancels) {
  BookingRequest r = ForHousehold(household2_, 9, 30);  // the household given is ignored
  auto mine = TenantBooksAppointment(db(), Tenant(household_), r, now_);
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  EXPECT_EQ(*mine->household_id, household_);
  EXPECT_EQ(mine->booked_by, "tenant");
  EXPECT_EQ(TenantListsAppointments(db(), Tenant(household_))->size(), 1u);
  EXPECT_TRUE(TenantListsAppointments(db(), Tenant(household2_))->empty());
  EXPECT_EQ(TenantCancelsAppointment(db(), Tenant(household2_), mine->id, now_).error().code, ErrorCode::kNotFound);
  // A reason closed to tenants is refused.
  Reason closed = *StaffReadsReason(db(), Manager(a_), reason_);
  closed.open_to_tenants = false;
  ASSERT_TRUE(ManagerChangesReason(db(), Manager(a_), closed).ok());
  EXPECT_EQ(TenantBooksAppointment(db(), Tenant(household2_), ForHousehold(0, 9, 0), now_).error().field, "reason_id");
  auto cancelled = TenantCancelsAppointment(db(), Tenant(household_), mine->id, now_);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(cancelled->state, AppointmentState::kCancelledByTenant);
}

TEST_P(AppointmentStoreTest, DeskRecordsArrivalAndAttendance) {
  auto a = StaffBooksAppointment(db(), Desk(), ForHousehold(household_, 9, 0, staff1_), now_);
  ASSERT_TRUE(a.ok());
  // Before the start the person cannot be marked absent.
  EXPECT_EQ(StaffChangesAppointment(db(), Desk(), a->id, AppointmentEvent::kMarkNoShow, now_, "").error().code,
            ErrorCode::kConflict);
  // A call agent books but does not record attendance.
  EXPECT_EQ(StaffChangesAppointment(db(), Actor(a_, Role::kCallAgent), a->id, AppointmentEvent::kArrive, now_, "").error().code,
            ErrorCode::kForbidden);
  auto arrived = StaffChangesAppointment(db(), Desk(), a->id, AppointmentEvent::kArrive, At(8, 55), "");
  ASSERT_TRUE(arrived.ok()) << arrived.error().message;
  EXPECT_EQ(arrived->state, AppointmentState::kConfirmed);
  EXPECT_EQ(*arrived->arrived_ms, At(8, 55));
  auto seen = StaffChangesAppointment(db(), Desk(), a->id, AppointmentEvent::kMarkSeen, At(9, 5), "");
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->state, AppointmentState::kSeen);
  auto view = StaffReadsDayView(db(), Desk(), monday_, 0);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->appointments.size(), 1u);
  EXPECT_EQ(view->appointments[0].state, AppointmentState::kSeen);
  EXPECT_TRUE(StaffReadsDayView(db(), Manager(b_), monday_, 0)->appointments.empty());
}

TEST_P(AppointmentStoreTest, WaitingListOffersTheFreedSlotToTheFirstInLine) {
  std::vector<WaitlistOffer> offers;
  SetAppointmentHooks({nullptr, [&](db::Connection&, const WaitlistOffer& o) { offers.push_back(o); }});
  auto early = StaffBooksAppointment(db(), Desk(), ForHousehold(household_, 9, 0, staff1_), now_);
  auto late = StaffBooksAppointment(db(), Desk(), ForHousehold(household2_, 9, 30, staff1_), now_);
  ASSERT_TRUE(early.ok() && late.ok());
  auto entry = ActorJoinsWaitlist(db(), Tenant(household2_), late->id);
  ASSERT_TRUE(entry.ok()) << entry.error().message;
  EXPECT_EQ(ActorJoinsWaitlist(db(), Tenant(household2_), late->id).error().code, ErrorCode::kConflict);
  EXPECT_EQ(ActorJoinsWaitlist(db(), Tenant(household_), late->id).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(StaffChangesAppointment(db(), Desk(), early->id, AppointmentEvent::kCancelByLandlord, now_, "Agent malade").ok());
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].appointment_id, late->id);
  EXPECT_EQ(offers[0].start_ms, At(9));
  auto moved = ActorAcceptsWaitlistOffer(db(), Tenant(household2_), entry->id, now_);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->start_ms, At(9));
  auto old = StaffReadsAppointment(db(), Desk(), late->id);
  EXPECT_EQ(old->state, AppointmentState::kRescheduled);
  EXPECT_EQ(*old->rescheduled_to, moved->id);
  EXPECT_EQ((*ActorReadsWaitlistOf(db(), Tenant(household2_), late->id))->state, "accepted");
  SetAppointmentHooks({});
}

TEST_P(AppointmentStoreTest, LastSeatTakenByManyThreadsAtOnceExactlyOneWins) {
  // One staff member, one slot at 09:00, eight households trying at once.
  std::vector<int64_t> households;
  for (int i = 0; i < 8; ++i) households.push_back(Household(a_, "R" + std::to_string(i), "Ménage " + std::to_string(i)));
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int64_t h : households)
    threads.emplace_back([&, h] {
      auto r = StaffBooksAppointment(db(), Desk(), ForHousehold(h, 9, 0), now_);
      if (r.ok()) ++wins;
      else if (r.error().code == ErrorCode::kConflict) ++conflicts;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);  // capacity 1: one seat at 09:00 whichever staff member
  EXPECT_EQ(conflicts.load(), 7);
}

TEST_P(AppointmentStoreTest, RescheduleMovesAndFreesTheOldSlot) {
  auto a = StaffBooksAppointment(db(), Desk(), ForHousehold(household_, 9, 0, staff1_), now_);
  ASSERT_TRUE(a.ok());
  auto moved = ActorReschedulesAppointment(db(), Desk(), a->id, At(9, 30), staff2_, now_);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->staff_user_id, staff2_);
  // The 09:00 slot is free again for someone else.
  EXPECT_TRUE(StaffBooksAppointment(db(), Desk(), ForHousehold(household2_, 9, 0, staff1_), now_).ok());
  // Moving onto a taken slot fails and leaves the appointment where it was.
  EXPECT_EQ(ActorReschedulesAppointment(db(), Desk(), moved->id, At(9, 0), staff1_, now_).error().code, ErrorCode::kConflict);
  EXPECT_EQ(StaffReadsAppointment(db(), Desk(), moved->id)->state, AppointmentState::kBooked);
}

TEST_P(AppointmentStoreTest, CrisisSwitchOffersAndBooksTheRemoteModeThatDay) {
  // An in-person appointment the week after, to be moved onto the switched day.
  int64_t d = DaysFromCivil(monday_) + 7;
  while (IsFrenchPublicHoliday(CivilFromDays(d))) d += 7;
  BookingRequest later = ForHousehold(household2_, 9, 0, staff1_);
  later.start_ms = ParisLocalToUtcMillis(CivilFromDays(d), 9 * 60);
  auto next_week = StaffBooksAppointment(db(), Desk(), later, now_);
  ASSERT_TRUE(next_week.ok()) << next_week.error().message;

  CrisisSwitch sw;
  sw.site_id = site_;
  sw.start_date = sw.end_date = FormatIso(monday_);
  sw.mode = Mode::kPhone;
  ASSERT_TRUE(ManagerSwitchesToRemote(db(), Manager(a_), sw, now_).ok());

  // The search in person offers the day's slots by phone, for staff and tenants alike.
  SlotRequest q{reason_, site_, Mode::kInPerson, monday_, monday_, 1};
  auto staff_slots = ActorFindsFreeSlots(db(), Desk(), q, now_);
  ASSERT_TRUE(staff_slots.ok()) << staff_slots.error().message;
  ASSERT_EQ(staff_slots->size(), 4u);
  for (const auto& s : *staff_slots) EXPECT_EQ(s.mode, Mode::kPhone);
  auto tenant_slots = ActorFindsFreeSlots(db(), Tenant(household_), q, now_);
  ASSERT_TRUE(tenant_slots.ok());
  ASSERT_FALSE(tenant_slots->empty());
  EXPECT_EQ(tenant_slots->front().mode, Mode::kPhone);

  // Booking in person that day is refused on the mode; by phone it is taken.
  auto in_person = StaffBooksAppointment(db(), Desk(), ForHousehold(household_, 9, 0, staff1_), now_);
  ASSERT_FALSE(in_person.ok());
  EXPECT_EQ(in_person.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(in_person.error().field, "mode");
  EXPECT_NE(in_person.error().message.find("par téléphone"), std::string::npos);
  BookingRequest by_phone = ForHousehold(household_, 9, 0);
  by_phone.mode = Mode::kPhone;
  auto tenant_in_person = TenantBooksAppointment(db(), Tenant(household_), ForHousehold(0, 9, 0), now_);
  EXPECT_EQ(tenant_in_person.error().field, "mode");
  auto phone = TenantBooksAppointment(db(), Tenant(household_), by_phone, now_);
  ASSERT_TRUE(phone.ok()) << phone.error().message;
  EXPECT_EQ(phone->mode, Mode::kPhone);

  // Moved onto the switched day, the in-person appointment of the next week is held by phone.
  auto moved = ActorReschedulesAppointment(db(), Desk(), next_week->id, At(9, 30), staff1_, now_);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->mode, Mode::kPhone);

  // A reason held only in person is not bookable that day.
  Reason only_here;
  only_here.kind = ReasonKind::kInspection;
  only_here.name = "État des lieux";
  only_here.duration_minutes = 30;
  auto reason = ManagerCreatesReason(db(), Manager(a_), only_here);
  ASSERT_TRUE(reason.ok()) << reason.error().message;
  SlotRequest q2{reason->id, site_, Mode::kInPerson, monday_, monday_, 1};
  EXPECT_TRUE(ActorFindsFreeSlots(db(), Desk(), q2, now_)->empty());
  BookingRequest inspection = ForHousehold(household2_, 9, 30, staff2_);
  inspection.reason_id = reason->id;
  auto refused = StaffBooksAppointment(db(), Desk(), inspection, now_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "mode");
  EXPECT_NE(refused.error().message.find("choisissez un autre jour"), std::string::npos);
  // The week after, without a switch, it is in person again.
  SlotRequest q3{reason->id, site_, Mode::kInPerson, CivilFromDays(d), CivilFromDays(d), 1};
  auto after = ActorFindsFreeSlots(db(), Desk(), q3, now_);
  ASSERT_FALSE(after->empty());
  EXPECT_EQ(after->front().mode, Mode::kInPerson);
}

TEST_P(AppointmentStoreTest, AStaffMemberOfOneAgencyNeitherSeesNorBooksTheSitesOfAnother) {
  auto agency = [&](const char* name) {
    return db().Write([&](db::Connection& c) -> Result<int64_t> {
      return *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, ?) RETURNING id", {db::P(a_), db::P(name)});
    }).value();
  };
  const int64_t north = agency("Agence Nord"), south = agency("Agence Sud");
  Site s;
  s.name = "Accueil Sud";
  s.address = "1 quai Sud";
  s.capacity = 2;
  s.agency_id = south;
  auto other = ManagerCreatesSite(db(), Manager(a_), s);
  ASSERT_TRUE(other.ok()) << other.error().message;
  OpeningRange o;
  o.site_id = other->id;
  o.staff_user_id = staff2_;
  o.weekday = 1;
  o.start_minute = 14 * 60;
  o.end_minute = 15 * 60;
  ASSERT_TRUE(ManagerAddsOpeningRange(db(), Manager(a_), o).ok());
  auth::Actor north_desk = Desk();
  north_desk.agency_ids = {north};

  // The sites: the shared one (no agency) and not the south's.
  auto sites = StaffListsSites(db(), north_desk);
  ASSERT_TRUE(sites.ok());
  ASSERT_EQ(sites->size(), 1u);
  EXPECT_EQ(sites->front().id, site_);
  EXPECT_EQ(ActorReadsSite(db(), north_desk, other->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(StaffListsSites(db(), Desk())->size(), 2u);
  // The slots: none there, and a search of every site leaves it out.
  SlotRequest there{reason_, other->id, Mode::kInPerson, monday_, monday_, 1};
  EXPECT_EQ(ActorFindsFreeSlots(db(), north_desk, there, now_).error().code, ErrorCode::kNotFound);
  SlotRequest everywhere{reason_, 0, Mode::kInPerson, monday_, monday_, 1};
  auto north_slots = ActorFindsFreeSlots(db(), north_desk, everywhere, now_);
  ASSERT_TRUE(north_slots.ok());
  EXPECT_FALSE(north_slots->empty());
  for (const auto& slot : *north_slots) EXPECT_EQ(slot.site_id, site_);
  EXPECT_EQ(ActorFindsFreeSlots(db(), Desk(), there, now_)->size(), 2u);
  // Booking there is refused on the site; someone of the whole organisation books it.
  BookingRequest south_booking = ForHousehold(household_, 14, 0, staff2_);
  south_booking.site_id = other->id;
  auto refused = StaffBooksAppointment(db(), north_desk, south_booking, now_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "site_id");
  auto booked = StaffBooksAppointment(db(), Desk(), south_booking, now_);
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  // Its appointment is not the north desk's: not listed, not read, not changed, not in the day view.
  EXPECT_EQ(StaffReadsAppointment(db(), north_desk, booked->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(StaffChangesAppointment(db(), north_desk, booked->id, AppointmentEvent::kConfirm, now_, "").error().code,
            ErrorCode::kNotFound);
  AppointmentFilter f;
  f.from_ms = now_;
  EXPECT_TRUE(StaffListsAppointments(db(), north_desk, f)->empty());
  EXPECT_EQ(StaffListsAppointments(db(), Desk(), f)->size(), 1u);
  auto day = StaffReadsDayView(db(), north_desk, monday_, 0);
  ASSERT_TRUE(day.ok());
  EXPECT_TRUE(day->appointments.empty());
  EXPECT_EQ(StaffReadsDayView(db(), north_desk, monday_, other->id).error().code, ErrorCode::kNotFound);
  // A manager of the north switches only the north's sites, and names one.
  auth::Actor north_manager = Manager(a_);
  north_manager.agency_ids = {north};
  CrisisSwitch sw;
  sw.site_id = other->id;
  sw.start_date = sw.end_date = FormatIso(monday_);
  EXPECT_EQ(ManagerSwitchesToRemote(db(), north_manager, sw, now_).error().code, ErrorCode::kNotFound);
  sw.site_id = 0;
  EXPECT_EQ(ManagerSwitchesToRemote(db(), north_manager, sw, now_).error().field, "site_id");
}

// The policy on real records (reception_policy.h), as a table: every landlord role of A and of B,
// a partner with an open referral of the household and one without, the regional observer, the
// household's tenant and another household's tenant; on A's site and an appointment of the
// household: read the site, change the site, read the appointment, list the tenant's
// appointments. Every staff member of A reads the setup, its managers change it (the others are
// told their role may not, 403), its bookers read appointments (for the others an appointment does
// not exist, 404). Another landlord, whatever the role, partners (a referral does not share
// appointments) and observers find nothing (404); a tenant reads the sites of their landlord and
// only their own household's appointments.
TEST_P(AppointmentStoreTest, RoleByActionByScope) {
  auto booked = StaffBooksAppointment(db(), Desk(), ForHousehold(household_, 9, 0, staff1_), now_);
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  const auto partners = housing::CreateTablePartners(db(), a_, household_);
  const Site site = *ActorReadsSite(db(), Manager(a_), site_);
  housing::PolicyTable table({"read site", "change site", "read appointment", "tenant list"});
  for (const auto& r : housing::LandlordRoles()) {
    const bool manager = r.role == Role::kManager || r.role == Role::kAdministrator;
    const bool booker = manager || r.role == Role::kReception || r.role == Role::kCallAgent ||
                        r.role == Role::kSocialSupport || r.role == Role::kAllocation;
    // An appointment names a person: a staff member who may not book does not learn it exists (404).
    table.Add("A " + std::string(r.code), Actor(a_, r.role),
              {"ok", manager ? "ok" : "403", booker ? "ok" : "404", "404"});
    table.Add("B " + std::string(r.code), Actor(b_, r.role), {"404", "404", "404", "404"});
  }
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral), {"404", "404", "404", "404"});
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral),
            {"404", "404", "404", "404"});
  table.Add("regional observer", housing::TableObserver(a_), {"404", "404", "404", "404"});
  table.Add("the household's tenant", Tenant(household_), {"ok", "404", "404", "ok"});
  table.Add("another household's tenant", Tenant(household2_), {"ok", "404", "404", "ok"});
  ASSERT_EQ(table.size(), 2 * 9 + 5u);
  table.Check({
      [&](const auth::Actor& a) { return PolicyOutcome(ActorReadsSite(db(), a, site_)); },
      [&](const auth::Actor& a) { return PolicyOutcome(ManagerChangesSite(db(), a, site)); },
      [&](const auth::Actor& a) { return PolicyOutcome(StaffReadsAppointment(db(), a, booked->id)); },
      [&](const auth::Actor& a) {
        auto mine = TenantListsAppointments(db(), a);
        // A tenant's list is their own household's: the booking shows for its tenant only.
        if (mine.ok()) {
          EXPECT_EQ(mine->size(), a.household_id == household_ ? 1u : 0u);
        }
        return PolicyOutcome(mine);
      },
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, AppointmentStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::reception
