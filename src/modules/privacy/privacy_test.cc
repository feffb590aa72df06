// Subject access, anonymisation and retention on both engines, through the code the API and the CLI run.
#include "modules/privacy/privacy.h"

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "modules/housing/policy_table_testing.h"
#include "modules/rent/ledger.h"
#include "modules/tenant/tenant.h"
#include "platform/db/testing.h"
#include "platform/notify/notify.h"
#include "platform/pdf/pdf.h"

namespace relais::privacy {
namespace {
using housing::Household;

class PrivacyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    org_a_ = *db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, "Habitat A", "732829320"); });
    org_b_ = *db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, "Habitat B", "552100554"); });
    manager_a_ = Actor(org_a_, auth::Role::kManager);
    dpo_a_ = Actor(org_a_, auth::Role::kDataProtection);
    admin_a_ = Actor(org_a_, auth::Role::kAdministrator);
    agent_a_ = Actor(org_a_, auth::Role::kCallAgent);
    dpo_b_ = Actor(org_b_, auth::Role::kDataProtection);
  }
  db::Database& db() { return t_->db(); }
  static auth::Actor Actor(int64_t org, auth::Role role) {
    auth::Actor a;
    a.user_id = 7;
    a.organisation_id = org;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }

  Household Seed(const std::string& suffix, const std::string& first, const std::string& last,
                 const std::string& phone = "0639981234") {
    housing::Building b;
    b.reference = "B" + suffix;
    b.street = "12 rue des Lilas";
    b.postal_code = "50000";
    b.commune_insee = "50502";
    auto building = housing::ManagerCreatesBuilding(db(), manager_a_, b);
    EXPECT_TRUE(building.ok()) << building.error().message;
    housing::Dwelling d;
    d.reference = "L" + suffix;
    d.building_id = building->id;
    d.rooms = 3;
    d.surface_cm2 = 6550;
    d.rent_cents = 38000;
    d.charges_cents = 5000;
    auto dwelling = housing::ManagerCreatesDwelling(db(), manager_a_, d);
    EXPECT_TRUE(dwelling.ok()) << dwelling.error().message;
    Household h;
    h.reference = "T" + suffix;
    h.dwelling_id = dwelling->id;
    h.email = first + "@example.org";
    h.notes = "Appeler " + first + " le matin";
    h.members.push_back({0, first, last, CivilDate{1941, 3, 2}, housing::Relation::kHolder});
    h.members.push_back({0, "Zoé", last, CivilDate{2012, 6, 9}, housing::Relation::kChild});
    h.phones.push_back({phone, "mobile"});
    housing::Lease l;
    l.start_date = {2001, 5, 1};
    l.rent_cents = 28000;
    l.charges_cents = 2000;
    h.lease = l;
    auto created = housing::AgentCreatesHousehold(db(), manager_a_, h);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return *created;
  }
  // Ends every lease of household `id` on `day` (the housing API has no move-out yet).
  void EndLease(int64_t id, CivilDate day) {
    auto r = db().Write([&](db::Connection& c) -> Result<Unit> {
      c.Exec("UPDATE leases SET end_date = ? WHERE household_id = ?", {db::P(FormatIso(day)), db::P(id)});
      return Unit{};
    });
    ASSERT_TRUE(r.ok());
  }
  int64_t SearchHits(const std::string& q) {
    auto hits = housing::ActorSearchesHouseholds(db(), manager_a_, q, 10);
    EXPECT_TRUE(hits.ok());
    return hits.ok() ? static_cast<int64_t>(hits->size()) : -1;
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t org_a_ = 0, org_b_ = 0;
  auth::Actor manager_a_, dpo_a_, admin_a_, agent_a_, dpo_b_;
};

TEST_P(PrivacyTest, TheExportHoldsTheHouseholdItsDwellingBuildingAndTheAuditEntriesAboutIt) {
  const Household h = Seed("1", "Hélène", "Dupont");
  auto s = OfficerExportsSubjectAccess(db(), dpo_a_, h.id);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->household.DisplayName(), "Hélène Dupont");
  EXPECT_EQ(s->dwelling.reference, "L1");
  EXPECT_EQ(s->building.reference, "B1");
  EXPECT_EQ(s->organisation.name, "Habitat A");
  audit::SealPending(db());
  s = OfficerExportsSubjectAccess(db(), admin_a_, h.id);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->audit_entries.size(), 1u);  // its creation
  EXPECT_EQ(s->audit_entries[0].operation, "create");
  const auto json = nlohmann::json::parse(SubjectAccessJson(*s));
  EXPECT_EQ(json["household"]["members"][0]["first_name"], "Hélène");
  EXPECT_EQ(json["building"]["reference"], "B1");
  EXPECT_EQ(json["audit_entries"][0]["operation"], "create");
  auto pdf = SubjectAccessPdf(*s);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
}

// Outreach records of a household, written as the outreach module writes them: a profile with a
// factor and an override reason, a call with an attempt's note, an escalation's outcome, a need
// with a delivery and a task, a referral with its texts.
void SeedOutreach(db::Database& db, int64_t org, const Household& h) {
  db.Write([&](db::Connection& c) {
    const int64_t member = h.members[0].id;
    c.Exec("INSERT INTO vulnerability_profiles (member_id, organisation_id, informed_on, override_level, override_reason, "
           "updated_by, updated_at) VALUES (?, ?, '2026-06-01', 3, 'Sort de l''hôpital', 1, 0)",
           {db::P(member), db::P(org)});
    c.Exec("INSERT INTO vulnerability_factors (member_id, factor, source, recorded_on) VALUES (?, 'lives_alone', "
           "'tenant', '2026-06-01')", {db::P(member)});
    const int64_t plan = *c.QueryInt(
        "INSERT INTO crisis_plans (organisation_id, kind, start_date, level1_days, level2_days, level3_days, call_hours, "
        "created_by, created_at, updated_at) VALUES (?, 'heatwave', '2026-07-01', 14, 7, 1, '09:00-18:00', 1, 0, 0) "
        "RETURNING id", {db::P(org)});
    const int64_t agency = *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Centre') RETURNING id",
                                       {db::P(org)});
    const int64_t call = *c.QueryInt(
        "INSERT INTO outreach_calls (organisation_id, plan_id, member_id, household_id, agency_id, list_date, level, "
        "due_date, state, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2026-07-02', 3, '2026-07-02', "
        "'reached', 1, 0, 0) RETURNING id",
        {db::P(org), db::P(plan), db::P(member), db::P(h.id), db::P(agency)});
    c.Exec("INSERT INTO outreach_call_attempts (organisation_id, call_id, agent_id, outcome, note, attempted_at) "
           "VALUES (?, ?, 1, 'reached_needs_help', 'Sa voisine fait ses courses', 1000)", {db::P(org), db::P(call)});
    c.Exec("INSERT INTO outreach_escalations (organisation_id, member_id, household_id, agency_id, plan_id, "
           "unreachable_since, raised_at, status, action, outcome) VALUES (?, ?, ?, ?, ?, '2026-07-05', 2000, 'open', "
           "'caretaker_visit', 'Trouvée chez sa fille')",
           {db::P(org), db::P(member), db::P(h.id), db::P(agency), db::P(plan)});
    const int64_t need = *c.QueryInt(
        "INSERT INTO outreach_needs (organisation_id, household_id, call_id, category, description, created_by, "
        "created_at) VALUES (?, ?, ?, 'food', 'Frigo vide depuis lundi', 1, 3000) RETURNING id",
        {db::P(org), db::P(h.id), db::P(call)});
    const int64_t task = *c.QueryInt(
        "INSERT INTO outreach_tasks (organisation_id, household_id, kind, description, due_date, status, created_by, "
        "created_at) VALUES (?, ?, 'other', 'Rappeler sa fille au 06 11 22 33 44', '2026-07-03', 'open', 1, 3000) "
        "RETURNING id", {db::P(org), db::P(h.id)});
    c.Exec("INSERT INTO outreach_actions (organisation_id, need_id, household_id, kind, owner_id, due_date, task_id, "
           "created_by, created_at) VALUES (?, ?, ?, 'task', 1, '2026-07-03', ?, 1, 3000)",
           {db::P(org), db::P(need), db::P(h.id), db::P(task)});
    const int64_t partner = *housing::CreateOrganisation(c, "CCAS de Saint-Lô", "130023757", "partner");
    c.Exec("INSERT INTO referrals (organisation_id, partner_id, household_id, reason, status, opened_by, opened_at, "
           "consent_on, consent_given_by, outcome) VALUES (?, ?, ?, 'Deuil récent, isolement', 'open', 1, 4000, "
           "'2026-07-02', 'Sa fille Anne', 'Visite faite')",
           {db::P(org), db::P(partner), db::P(h.id)});
    return 0;
  });
}

TEST_P(PrivacyTest, TheExportHoldsTheOutreachRecordsAndAnonymisationClearsTheirFreeTexts) {
  const Household h = Seed("9", "Hélène", "Dupont");
  SeedOutreach(db(), org_a_, h);
  auto s = OfficerExportsSubjectAccess(db(), dpo_a_, h.id);
  ASSERT_TRUE(s.ok()) << s.error().message;
  const auto j = nlohmann::json::parse(SubjectAccessJson(*s));
  const auto& o = j.at("outreach");
  ASSERT_EQ(o.at("vulnerability_profiles").size(), 1u);
  EXPECT_EQ(o["vulnerability_profiles"][0]["override_reason"], "Sort de l'hôpital");
  EXPECT_EQ(o["vulnerability_profiles"][0]["override_level"], "3");
  EXPECT_EQ(o["vulnerability_factors"][0]["factor"], "lives_alone");
  EXPECT_EQ(o["calls"].size(), 1u);
  EXPECT_EQ(o["call_attempts"][0]["note"], "Sa voisine fait ses courses");
  EXPECT_EQ(o["escalations"][0]["outcome"], "Trouvée chez sa fille");
  EXPECT_EQ(o["needs"][0]["description"], "Frigo vide depuis lundi");
  EXPECT_EQ(o["actions"][0]["kind"], "task");
  EXPECT_EQ(o["tasks"][0]["description"], "Rappeler sa fille au 06 11 22 33 44");
  EXPECT_EQ(o["referrals"][0]["reason"], "Deuil récent, isolement");
  EXPECT_EQ(o["referrals"][0]["consent_given_by"], "Sa fille Anne");
  EXPECT_EQ(o["referrals"][0]["partner"], "CCAS de Saint-Lô");
  // The PDF renders them too (its text is checked with pdftotext in tests/api/privacy.test.mjs).
  auto pdf = SubjectAccessPdf(*s);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));

  ASSERT_TRUE(OfficerAnonymisesHousehold(db(), dpo_a_, h.id, "Fin de la durée de conservation").ok());
  auto after = OfficerExportsSubjectAccess(db(), dpo_a_, h.id);
  ASSERT_TRUE(after.ok());
  const auto a = nlohmann::json::parse(SubjectAccessJson(*after)).at("outreach");
  // The profiles and their factors are deleted with the household's personal data (housing).
  EXPECT_TRUE(a.at("vulnerability_profiles").empty());
  EXPECT_TRUE(a.at("vulnerability_factors").empty());
  EXPECT_EQ(a["call_attempts"][0]["note"], "");
  EXPECT_EQ(a["escalations"][0]["outcome"], "");
  EXPECT_EQ(a["needs"][0]["description"], "");
  EXPECT_EQ(a["tasks"][0]["description"], "");
  for (const char* field : {"reason", "consent_given_by", "outcome", "response_reason"})
    EXPECT_EQ(a["referrals"][0][field], "") << field;
  // The facts stay: codes, dates, the partner.
  EXPECT_EQ(a["needs"][0]["category"], "food");
  EXPECT_EQ(a["escalations"][0]["action"], "caretaker_visit");
  EXPECT_EQ(a["referrals"][0]["partner"], "CCAS de Saint-Lô");
}

// A site, a reason and a staff member of `org` for appointments, on `c`; returns {site, reason, staff}.
std::array<int64_t, 3> SeedReceptionIn(db::Connection& c, int64_t org) {
  const int64_t staff = *c.QueryInt(
      "INSERT INTO staff_users (organisation_id, email, display_name, password_hash, roles, created_at) VALUES (?, "
      "'accueil@a.example', 'Agent Accueil', 'x', 1, 1) RETURNING id", {db::P(org)});
  const int64_t site = *c.QueryInt(
      "INSERT INTO reception_sites (organisation_id, name, address, capacity, created_at, updated_at) VALUES (?, "
      "'Agence Centre', '1 place Centrale', 2, 1, 1) RETURNING id", {db::P(org)});
  const int64_t reason = *c.QueryInt(
      "INSERT INTO appointment_reasons (organisation_id, kind, name, duration_minutes, created_at, updated_at) "
      "VALUES (?, 'rental_management', 'Gestion locative', 30, 1, 1) RETURNING id", {db::P(org)});
  return {site, reason, staff};
}

// A record of the household in every other module, written as each module stores it, each free
// text naming the household or telling about it: a support case with its timeline, note, task,
// document, plan and instalment, FSL file, guarantee claim and payment, other solution; a rent
// ledger line, arrears situation and legal step; an appointment with its waiting-list request,
// notice (pending in the outbox) and refusal of SMS; a tenant account with a session and a sign-in.
void SeedEveryModule(db::Database& db, int64_t org, const Household& h) {
  auto done = db.Write([&](db::Connection& c) -> Result<Unit> {
    const int64_t lease = *c.QueryInt("SELECT id FROM leases WHERE household_id = ?", {db::P(h.id)});
    // Support.
    const int64_t kase = *c.QueryInt(
        "INSERT INTO support_cases (organisation_id, household_id, officer_id, state, opened_from, reason, opened_by, "
        "opened_at, updated_at) VALUES (?, ?, 7, 'plan_active', 'household', 'Dettes depuis le décès de son mari', 7, "
        "1000, 1000) RETURNING id",
        {db::P(org), db::P(h.id)});
    c.Exec("INSERT INTO support_case_events (organisation_id, case_id, kind, text, user_id, at) VALUES (?, ?, "
           "'comment', 'Madame Dupontel a appelé en pleurs', 7, 1100)", {db::P(org), db::P(kase)});
    c.Exec("INSERT INTO support_tasks (organisation_id, case_id, title, due_date, owner_id, created_by, created_at) "
           "VALUES (?, ?, 'Rappeler Hélène pour le FSL', '2026-12-01', 7, 7, 1200)", {db::P(org), db::P(kase)});
    c.Exec("INSERT INTO support_notes (organisation_id, case_id, body, author_id, created_at) VALUES (?, ?, "
           "'Son fils Marcellin aide pour les papiers', 7, 1300)", {db::P(org), db::P(kase)});
    c.Exec("INSERT INTO support_documents (organisation_id, case_id, filename, content_type, size_bytes, sha256, "
           "content_base64, uploaded_by, uploaded_at) VALUES (?, ?, 'avis-imposition-dupontel.pdf', 'application/pdf', "
           "4, 'x', 'JVBERg==', 7, 1400)", {db::P(org), db::P(kase)});
    const int64_t plan = *c.QueryInt(
        "INSERT INTO support_plans (organisation_id, case_id, lease_id, debt_cents, months, first_due_on, signed_on, "
        "status, created_by, created_at) VALUES (?, ?, ?, 60000, 6, '2026-12-05', '2026-11-20', 'active', 7, 1500) "
        "RETURNING id", {db::P(org), db::P(kase), db::P(lease)});
    c.Exec("INSERT INTO support_plan_instalments (plan_id, number, organisation_id, due_on, amount_cents) VALUES "
           "(?, 1, ?, '2026-12-05', 10000)", {db::P(plan), db::P(org)});
    c.Exec("INSERT INTO support_fsl_referrals (organisation_id, case_id, lease_id, departement, aid_kind, composition, "
           "household_size, monthly_resources_cents, resources_note, difficulty, debt_cents, rent_cents, charges_cents, "
           "housing_benefit_cents, benefit_paid_to_landlord, requested_cents, prepared_on, created_by, created_at, "
           "updated_at) VALUES (?, ?, ?, '50', 'arrears', '[{\"first_name\":\"Hélène\",\"last_name\":\"Dupontel\"}]', 2, "
           "95000, 'Pension de réversion en attente', 'Perte de revenus après un veuvage', 60000, 28000, 2000, 0, 0, "
           "60000, '2026-11-21', 7, 1600, 1600)", {db::P(org), db::P(kase), db::P(lease)});
    const int64_t claim = *c.QueryInt(
        "INSERT INTO support_guarantee_claims (organisation_id, case_id, lease_id, guarantee, guarantee_reference, "
        "debt_cents, max_claim_cents, rent_cents, charges_cents, housing_benefit_cents, prepared_on, created_by, "
        "created_at, updated_at) VALUES (?, ?, ?, 'visale', 'V-DUPONTEL-123', 60000, 60000, 28000, 2000, 0, "
        "'2026-11-22', 7, 1700, 1700) RETURNING id", {db::P(org), db::P(kase), db::P(lease)});
    c.Exec("INSERT INTO support_guarantee_payments (organisation_id, claim_id, paid_on, amount_cents, ledger_line_id, "
           "created_by, created_at) VALUES (?, ?, '2026-11-25', 20000, 0, 7, 1800)", {db::P(org), db::P(claim)});
    c.Exec("INSERT INTO support_other_solutions (organisation_id, case_id, kind, started_on, detail, outcome_note, "
           "created_by, created_at, updated_at) VALUES (?, ?, 'social_worker', '2026-11-23', 'Assistante sociale "
           "Mme Leblancart', 'Rendez-vous pris avec Hélène', 7, 1900, 1900)", {db::P(org), db::P(kase)});
    // Rent.
    c.Exec("INSERT INTO ledger_lines (organisation_id, lease_id, reference, line_day, kind_code, method, amount_cents, "
           "label, created_at) VALUES (?, ?, 'ACC-1', ?, ?, 'transfer', -15000, 'VIR MME DUPONTEL HELENE', 1)",
           {db::P(org), db::P(lease), db::P(rent::StoredDayOf({2026, 11, 5})),
            db::P(rent::StoredKindOf(rent::LineKind::kPayment))});
    c.Exec("INSERT INTO arrears_situations (lease_id, organisation_id, household_id, computed_on, balance_cents, "
           "arrears_cents, residual_rent_cents, months_hundredths, caf_threshold_cents, next_step, next_due) VALUES "
           "(?, ?, ?, '2026-11-28', 60000, 60000, 30000, 200, 60000, 'caf_report', '2027-01-28')",
           {db::P(lease), db::P(org), db::P(h.id)});
    c.Exec("INSERT INTO arrears_steps (organisation_id, lease_id, step, done_on, note, recorded_by, recorded_at) VALUES "
           "(?, ?, 'reminder', '2026-11-10', 'Promet de payer le 15, son fils Marcellin garant', 7, 2000)",
           {db::P(org), db::P(lease)});
    // Reception: an appointment next week, its notice still in the outbox.
    const auto seeded = SeedReceptionIn(c, org);
    const int64_t site = seeded[0], reason = seeded[1], staff = seeded[2];
    const int64_t start = NowMillis() + 7LL * 24 * 3600 * 1000;
    const int64_t appointment = *c.QueryInt(
        "INSERT INTO appointments (organisation_id, site_id, reason_id, staff_user_id, mode, start_at, end_at, "
        "household_id, applicant_phone, person_key, state, booked_by, booked_by_id, notes, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 'in_person', ?, ?, ?, '0639981234', ?, 'booked', 'staff', 7, 'Vient avec sa fille "
        "Anne-Solange', 1, 1) RETURNING id",
        {db::P(org), db::P(site), db::P(reason), db::P(staff), db::P(start), db::P(start + 1800000), db::P(h.id),
         db::P("h:" + std::to_string(h.id))});
    notify::Message m;
    m.recipient = "helene.dupontel@example.org";
    m.subject = "Votre rendez-vous";
    m.body = "Bonjour Hélène Dupontel, votre rendez-vous est confirmé.";
    const int64_t outbox = notify::Queue(c, m);
    c.Exec("INSERT INTO appointment_notices (organisation_id, appointment_id, kind, channel, outbox_id, created_at) "
           "VALUES (?, ?, 'booked', 'email', ?, 2100)", {db::P(org), db::P(appointment), db::P(outbox)});
    c.Exec("INSERT INTO appointment_waitlist (organisation_id, appointment_id, site_id, reason_id, state, created_at, "
           "updated_at) VALUES (?, ?, ?, ?, 'waiting', 2200, 2200)",
           {db::P(org), db::P(appointment), db::P(site), db::P(reason)});
    c.Exec("INSERT INTO reception_sms_opt_outs (organisation_id, household_id, created_at) VALUES (?, ?, 2300)",
           {db::P(org), db::P(h.id)});
    // Tenant: an account signed in once by code, with its session.
    const int64_t account = *c.QueryInt(
        "INSERT INTO tenant_accounts (organisation_id, household_id, login, status, created_at, activated_at) "
        "SELECT organisation_id, id, reference, 'active', 2400, 2400 FROM households WHERE id = ? RETURNING id",
        {db::P(h.id)});
    c.Exec("INSERT INTO tenant_sessions (id_hash, account_id, organisation_id, household_id, csrf_token, created_at, "
           "last_seen_at, idle_expires_at, absolute_expires_at) VALUES ('x', ?, ?, ?, 'c', 2500, 2600, 9000000000000, "
           "9000000000000)", {db::P(account), db::P(org), db::P(h.id)});
    audit::AppendInTransaction(c, {2500, org, 0, "sign_in_code", "tenant_account", account, "203.0.113.7"});
    // A wrong password tried once against its reference (the login throttle).
    c.Exec("INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) SELECT 'tenant-ref:' || "
           "reference, 1, 2600, 0 FROM households WHERE id = ?", {db::P(h.id)});
    return Unit{};
  });
  ASSERT_TRUE(done.ok()) << done.error().message;
}

// What identifies or tells about the household in the seeds above (lower case: compared without case).
const std::vector<std::string> kSeededPersonalValues = {
    "dupontel", "hélène", "0639981234", "appeler hélène", "sort de l'hôpital", "sa voisine fait ses courses",
    "trouvée chez sa fille", "frigo vide", "06 11 22 33 44", "deuil récent", "sa fille anne", "visite faite",
    "décès de son mari", "en pleurs", "marcellin", "avis-imposition", "réversion", "veuvage", "leblancart",
    "rendez-vous pris avec", "anne-solange", "promet de payer"};

std::string Lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// Every "table.column = value" of the database holding one of `needles` (compared in lower case).
std::vector<std::string> DatabaseRowsHolding(db::Database& db, const std::vector<std::string>& needles) {
  return db.Read([&](db::Connection& c) {
    std::vector<std::string> tables, found;
    c.Query(db.dialect() == db::Dialect::kSqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                  "AND table_type = 'BASE TABLE' ORDER BY table_name",
            {}, [&](const db::Row& r) { tables.push_back(r.Str(0)); });
    EXPECT_GT(tables.size(), 40u);
    for (const auto& t : tables) {
      c.Query("SELECT * FROM " + t, {}, [&](const db::Row& r) {
        for (int i = 0; i < r.columns(); ++i) {
          if (r.IsNull(i)) continue;
          const std::string v = Lower(r.Str(i));
          for (const auto& n : needles)
            if (v.find(n) != std::string::npos) found.push_back(t + "[" + std::to_string(i) + "] = " + r.Str(i));
        }
      });
    }
    return found;
  });
}

TEST_P(PrivacyTest, TheExportHoldsEveryModulesRecordsAndAfterAnonymisationNoPersonalValueRemains) {
  const Household h = Seed("7", "Hélène", "Dupontel");
  const Household other = Seed("8", "Paul", "Martin", "0611223399");  // untouched: its name stays
  SeedOutreach(db(), org_a_, h);
  SeedEveryModule(db(), org_a_, h);
  audit::SealPending(db());  // the sign-in's entry, as the trail's writer commits it
  auto s = OfficerExportsSubjectAccess(db(), dpo_a_, h.id);
  ASSERT_TRUE(s.ok()) << s.error().message;
  const auto j = nlohmann::json::parse(SubjectAccessJson(*s));
  // Every section of every module holds the household's record.
  const std::map<std::string, std::vector<std::string>> expected = {
      {"outreach", {"vulnerability_profiles", "vulnerability_factors", "calls", "call_attempts", "escalations", "needs",
                    "actions", "tasks", "referrals"}},
      {"support", {"cases", "case_events", "notes", "tasks", "documents", "plans", "instalments", "fsl_referrals",
                   "guarantee_claims", "guarantee_payments", "other_solutions"}},
      {"rent", {"ledger_lines", "arrears_situations", "arrears_steps"}},
      {"reception", {"appointments", "waitlist", "notices", "sms_opt_outs"}},
      {"tenant", {"accounts", "sessions", "sign_ins"}}};
  for (const auto& [module, sections] : expected) {
    ASSERT_TRUE(j.contains(module)) << module;
    for (const auto& section : sections) {
      ASSERT_TRUE(j[module].contains(section)) << module << "." << section;
      ASSERT_EQ(j[module][section].size(), 1u) << module << "." << section;
    }
  }
  EXPECT_EQ(j["support"]["cases"][0]["reason"], "Dettes depuis le décès de son mari");
  EXPECT_EQ(j["support"]["notes"][0]["body"], "Son fils Marcellin aide pour les papiers");
  EXPECT_EQ(j["support"]["plans"][0]["debt_cents"], "60000");
  EXPECT_EQ(j["support"]["instalments"][0]["amount_cents"], "10000");
  EXPECT_EQ(j["support"]["fsl_referrals"][0]["difficulty"], "Perte de revenus après un veuvage");
  EXPECT_EQ(j["support"]["guarantee_claims"][0]["guarantee_reference"], "V-DUPONTEL-123");
  EXPECT_EQ(j["support"]["documents"][0]["filename"], "avis-imposition-dupontel.pdf");
  EXPECT_EQ(j["rent"]["ledger_lines"][0]["amount_cents"], "-15000");
  EXPECT_EQ(j["rent"]["ledger_lines"][0]["label"], "VIR MME DUPONTEL HELENE");
  // Stored as a day number and a code, exported as the date and the word.
  EXPECT_EQ(j["rent"]["ledger_lines"][0]["line_date"], "2026-11-05");
  EXPECT_EQ(j["rent"]["ledger_lines"][0]["kind"], "payment");
  EXPECT_EQ(j["rent"]["arrears_situations"][0]["next_step"], "caf_report");
  EXPECT_EQ(j["rent"]["arrears_steps"][0]["note"], "Promet de payer le 15, son fils Marcellin garant");
  EXPECT_EQ(j["reception"]["appointments"][0]["notes"], "Vient avec sa fille Anne-Solange");
  EXPECT_EQ(j["reception"]["appointments"][0]["reason"], "Gestion locative");
  EXPECT_EQ(j["reception"]["notices"][0]["kind"], "booked");
  EXPECT_EQ(j["tenant"]["accounts"][0]["login"], "T7");
  EXPECT_EQ(j["tenant"]["accounts"][0]["has_password"], "false");
  EXPECT_EQ(j["tenant"]["sign_ins"][0]["operation"], "sign_in_code");
  EXPECT_EQ(j["tenant"]["sign_ins"][0]["remote_ip"], "203.0.113.7");
  auto pdf = SubjectAccessPdf(*s);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  // Before: the seeds are found in the database (the scan below sees them).
  EXPECT_FALSE(DatabaseRowsHolding(db(), {"marcellin"}).empty());

  ASSERT_TRUE(OfficerAnonymisesHousehold(db(), dpo_a_, h.id, "Demande d'effacement").ok());
  audit::SealPending(db());
  auto after = OfficerExportsSubjectAccess(db(), dpo_a_, h.id);
  ASSERT_TRUE(after.ok());
  const std::string exported = Lower(SubjectAccessJson(*after));
  for (const auto& needle : kSeededPersonalValues)
    EXPECT_EQ(exported.find(needle), std::string::npos) << needle << " is still in the export";
  // Nor anywhere in the database, whatever the table (the other household keeps its own).
  for (const auto& row : DatabaseRowsHolding(db(), kSeededPersonalValues)) ADD_FAILURE() << "left: " << row;
  EXPECT_FALSE(DatabaseRowsHolding(db(), {"martin"}).empty());
  // The facts stay: the amounts, the ledger, the appointment (cancelled: nobody comes), the audit trail.
  const auto a = nlohmann::json::parse(SubjectAccessJson(*after));
  EXPECT_EQ(a["support"]["plans"][0]["debt_cents"], "60000");
  EXPECT_EQ(a["support"]["cases"][0]["state"], "closed");
  EXPECT_TRUE(a["support"]["notes"].empty());
  EXPECT_EQ(a["rent"]["ledger_lines"][0]["amount_cents"], "-15000");
  EXPECT_EQ(a["reception"]["appointments"][0]["state"], "cancelled_by_landlord");
  EXPECT_EQ(a["reception"]["waitlist"][0]["state"], "withdrawn");
  EXPECT_TRUE(a["reception"]["sms_opt_outs"].empty());
  EXPECT_TRUE(a["tenant"]["accounts"].empty());
  EXPECT_TRUE(a["tenant"]["sessions"].empty());
  const auto outbox = *db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM notify_outbox WHERE status = 'abandoned' AND recipient = '' AND body = ''");
  });
  EXPECT_EQ(outbox, 1);  // the pending notice never goes
  const auto throttled = *db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM login_throttle WHERE throttle_key = 'tenant-ref:T7'");
  });
  EXPECT_EQ(throttled, 0);  // nor does the old reference stay in the login throttle
  EXPECT_TRUE(audit::Verify(db()).ok());
  (void)other;
}

// The export lists the entries about the household's records too, not only about its own record:
// a read of each kind of record (as the routes write them) is found, with its type and id; reads
// of another household's records, of a record of no household and of another landlord are not.
TEST_P(PrivacyTest, TheExportListsTheAuditEntriesAboutEveryRecordOfTheHouseholdAndNoOther) {
  const Household h = Seed("7", "Hélène", "Dupontel");
  const Household other = Seed("8", "Paul", "Martin", "0611223399");
  SeedOutreach(db(), org_a_, h);
  SeedEveryModule(db(), org_a_, h);
  using Ref = std::pair<std::string, int64_t>;
  std::vector<Ref> mine;
  db().Write([&](db::Connection& c) {
    const auto id = [&](const std::string& sql) { return *c.QueryInt(sql, {db::P(h.id)}); };
    mine = {{"household", h.id},
            {"household_timeline", h.id},
            {"vulnerability_profile", h.members[0].id},
            {"outreach_call", id("SELECT id FROM outreach_calls WHERE household_id = ?")},
            {"outreach_escalation", id("SELECT id FROM outreach_escalations WHERE household_id = ?")},
            {"outreach_need", id("SELECT id FROM outreach_needs WHERE household_id = ?")},
            {"outreach_action", id("SELECT id FROM outreach_actions WHERE household_id = ?")},
            {"outreach_task", id("SELECT id FROM outreach_tasks WHERE household_id = ?")},
            {"referral", id("SELECT id FROM referrals WHERE household_id = ?")},
            {"support_case", id("SELECT id FROM support_cases WHERE household_id = ?")},
            {"lease_ledger", id("SELECT id FROM leases WHERE household_id = ?")},
            {"arrears_step", id("SELECT s.id FROM arrears_steps s JOIN leases l ON l.id = s.lease_id WHERE l.household_id = ?")},
            {"appointment", id("SELECT id FROM appointments WHERE household_id = ?")},
            {"appointment_waitlist",
             id("SELECT w.id FROM appointment_waitlist w JOIN appointments a ON a.id = w.appointment_id "
                "WHERE a.household_id = ?")},
            {"tenant_account", id("SELECT id FROM tenant_accounts WHERE household_id = ?")}};
    for (const auto& [type, record] : mine) {
      audit::AppendInTransaction(c, {5000, org_a_, 7, "read", type, record, "203.0.113.50"});
    }
    // Not about the household: the other household's records, ids of no record of it, another landlord.
    const int64_t other_lease = *c.QueryInt("SELECT id FROM leases WHERE household_id = ?", {db::P(other.id)});
    for (const Ref& r : std::vector<Ref>{{"household", other.id},
                                         {"household_timeline", other.id},
                                         {"vulnerability_profile", other.members[0].id},
                                         {"lease_ledger", other_lease},
                                         {"support_case", 999999},
                                         {"appointment", 999999},
                                         {"outreach_escalation", 0}}) {
      audit::AppendInTransaction(c, {6000, org_a_, 7, "read", r.first, r.second, "198.51.100.9"});
    }
    audit::AppendInTransaction(c, {6000, org_b_, 7, "read", "household", h.id, "198.51.100.9"});
    return 0;
  });
  audit::SealPending(db());
  auto s = OfficerExportsSubjectAccess(db(), dpo_a_, h.id);
  ASSERT_TRUE(s.ok()) << s.error().message;
  std::vector<Ref> read;
  int64_t last_seq = 0;
  for (const auto& e : s->audit_entries) {
    EXPECT_NE(e.remote_ip, "198.51.100.9") << e.record_type << " " << e.record_id;
    EXPECT_GT(e.seq, last_seq);  // oldest first
    last_seq = e.seq;
    if (e.operation == "read") read.push_back({e.record_type, e.record_id});
  }
  EXPECT_EQ(read, mine);  // each one, once, in the order written
  const auto j = nlohmann::json::parse(SubjectAccessJson(*s));
  bool found = false;
  for (const auto& e : j["audit_entries"]) {
    if (e["record_type"] == "appointment" && e["operation"] == "read") found = e["record_id"] == mine[12].second;
  }
  EXPECT_TRUE(found);
  auto pdf = SubjectAccessPdf(*s);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  // After anonymisation the entries stay listed (the tenant account, deleted, is no longer named).
  ASSERT_TRUE(OfficerAnonymisesHousehold(db(), dpo_a_, h.id, "Demande d'effacement").ok());
  audit::SealPending(db());
  auto after = OfficerExportsSubjectAccess(db(), dpo_a_, h.id);
  ASSERT_TRUE(after.ok());
  int64_t reads = 0;
  for (const auto& e : after->audit_entries) reads += e.operation == "read" && e.remote_ip == "203.0.113.50";
  EXPECT_EQ(reads, static_cast<int64_t>(mine.size()) - 1);
}

// The housing part lists every lease, the ended ones too, each with its dwelling; not another
// household's lease in the same dwelling.
TEST_P(PrivacyTest, TheExportListsEveryLeaseOfTheHouseholdWithItsDwelling) {
  Household h = Seed("5", "Hélène", "Dupont");
  housing::Dwelling d;
  d.reference = "L5-bis";
  d.building_id = h.building_id;
  d.rooms = 2;
  d.surface_cm2 = 4500;
  d.rent_cents = 30000;
  d.charges_cents = 4000;
  auto second = housing::ManagerCreatesDwelling(db(), manager_a_, d);
  ASSERT_TRUE(second.ok()) << second.error().message;
  const int64_t first_dwelling = h.dwelling_id;
  h.dwelling_id = second->id;  // the household moves: the first lease ends the day the new one starts
  h.lease->start_date = {2019, 9, 1};
  h.lease->rent_cents = 31000;
  auto moved = housing::AgentUpdatesHousehold(db(), manager_a_, h);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  // Someone else then lives in the first dwelling.
  Household next = Seed("6", "Paul", "Martin", "0611223399");
  db().Write([&](db::Connection& c) {
    return c.Exec("UPDATE leases SET dwelling_id = ? WHERE household_id = ?", {db::P(first_dwelling), db::P(next.id)});
  });
  auto s = OfficerExportsSubjectAccess(db(), dpo_a_, h.id);
  ASSERT_TRUE(s.ok()) << s.error().message;
  const auto j = nlohmann::json::parse(SubjectAccessJson(*s));
  const auto& leases = j["housing"]["leases"];
  ASSERT_EQ(leases.size(), 2u) << leases.dump();
  EXPECT_EQ(leases[0]["start_date"], "2001-05-01");
  EXPECT_EQ(leases[0]["end_date"], "2019-09-01");
  EXPECT_EQ(leases[0]["current"], "false");
  EXPECT_EQ(leases[0]["dwelling"], "L5");
  EXPECT_EQ(leases[0]["rent_cents"], "28000");
  EXPECT_EQ(leases[0]["building"], "B5");
  EXPECT_EQ(leases[0]["commune"], "Saint-Lô");
  EXPECT_EQ(leases[1]["start_date"], "2019-09-01");
  EXPECT_EQ(leases[1]["end_date"], "");
  EXPECT_EQ(leases[1]["current"], "true");
  EXPECT_EQ(leases[1]["dwelling"], "L5-bis");
  EXPECT_EQ(leases[1]["rent_cents"], "31000");
  EXPECT_EQ(j["dwelling"]["reference"], "L5-bis");  // the current one
  auto pdf = SubjectAccessPdf(*s);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
}

// A tenant's one-time code still waiting in the outbox when the household is anonymised never goes:
// the message is abandoned and wiped (recipient, text), by SMS or by e-mail; so is any other message
// still queued to its phones or e-mail. Another household's code is untouched.
TEST_P(PrivacyTest, AnonymisationAbandonsAndWipesThePendingCodeAndMessagesToTheHousehold) {
  const Household h = Seed("3", "Hélène", "Dupont");                    // mobile: the code goes by SMS
  const Household by_mail = Seed("4", "Jeanne", "Durand", "0231445566");  // a landline: by e-mail
  const Household other = Seed("8", "Paul", "Martin", "0611223399");
  for (const char* reference : {"T3", "T4", "T8"}) {
    auto sent = tenant::TenantRequestsCode(db(), reference, "");
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    ASSERT_TRUE(sent->queued) << reference;
  }
  db().Write([&](db::Connection& c) {
    notify::Message m;
    m.recipient = "Hélène@Example.org";  // the household's e-mail in other letters' case
    m.subject = "Votre rendez-vous";
    m.body = "Bonjour Hélène Dupont";
    return notify::Queue(c, m);
  });
  const auto pending_to = [&](const std::string& recipient) {
    return *db().Read([&](db::Connection& c) {
      // The housing module keeps e-mail addresses in lower case.
      return c.QueryInt(
          "SELECT COUNT(*) FROM notify_outbox WHERE status = 'pending' AND LOWER(recipient) = LOWER(?)",
          {db::P(recipient)});
    });
  };
  ASSERT_EQ(pending_to("0639981234"), 1);
  ASSERT_EQ(pending_to("Jeanne@example.org"), 1);
  ASSERT_TRUE(OfficerAnonymisesHousehold(db(), dpo_a_, h.id, "Demande d'effacement").ok());
  ASSERT_TRUE(OfficerAnonymisesHousehold(db(), dpo_a_, by_mail.id, "Demande d'effacement").ok());
  EXPECT_EQ(pending_to("0639981234"), 0);
  EXPECT_EQ(pending_to("Jeanne@example.org"), 0);
  EXPECT_EQ(pending_to("Hélène@Example.org"), 0);
  EXPECT_EQ(pending_to("0611223399"), 1);  // the other household's code still goes
  const auto wiped = *db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM notify_outbox WHERE status = 'abandoned' AND recipient = '' AND "
                      "subject = '' AND body = '' AND done_ms IS NOT NULL");
  });
  EXPECT_EQ(wiped, 3);
  for (const auto& row : DatabaseRowsHolding(db(), {"0639981234", "jeanne@", "hélène@"}))
    ADD_FAILURE() << "left: " << row;
}

TEST_P(PrivacyTest, OnlyTheOfficerAndAdministratorsExportAndAnotherLandlordsHouseholdIsNotFound) {
  const Household h = Seed("1", "Hélène", "Dupont");
  EXPECT_EQ(OfficerExportsSubjectAccess(db(), agent_a_, h.id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(OfficerExportsSubjectAccess(db(), dpo_b_, h.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(OfficerAnonymisesHousehold(db(), dpo_b_, h.id, "demande").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(OfficerAnonymisesHousehold(db(), admin_a_, h.id, "demande").error().code, ErrorCode::kForbidden);
  auto no_reason = OfficerAnonymisesHousehold(db(), dpo_a_, h.id, "   ");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().field, "reason");
}

// The policy on real records (privacy_policy.h), as a table: every landlord role of A and of B, a
// partner with an open referral of the household and one without, the regional observer and the
// household's tenant. Export: A's DPO and administrators; A's other roles and the referred
// partner (who sees the household) are told they may not (403); another landlord, the partner
// without referral, observers and tenants find nothing (404). Anonymisation (with a blank reason,
// so that nothing changes): only A's DPO reaches the check of the reason.
TEST_P(PrivacyTest, RoleByActionByScope) {
  const Household h = Seed("1", "Hélène", "Dupont");
  const auto partners = housing::CreateTablePartners(db(), org_a_, h.id);
  housing::PolicyTable table({"export", "anonymise"});
  for (const auto& r : housing::LandlordRoles()) {
    const bool dpo = r.role == auth::Role::kDataProtection, admin = r.role == auth::Role::kAdministrator;
    table.Add("A " + std::string(r.code), housing::TableStaff(org_a_, r.role),
              {dpo || admin ? "ok" : "403", dpo ? "invalid reason" : "403"});
    table.Add("B " + std::string(r.code), housing::TableStaff(org_b_, r.role), {"404", "404"});
  }
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral), {"403", "403"});
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral), {"404", "404"});
  table.Add("regional observer", housing::TableObserver(org_a_), {"404", "404"});
  table.Add("the household's tenant", housing::TableTenant(org_a_, h.id), {"404", "404"});
  ASSERT_EQ(table.size(), 2 * 9 + 4u);
  table.Check({
      [&](const auth::Actor& a) { return PolicyOutcome(OfficerExportsSubjectAccess(db(), a, h.id)); },
      [&](const auth::Actor& a) { return PolicyOutcome(OfficerAnonymisesHousehold(db(), a, h.id, " ")); },
  });
  EXPECT_FALSE(housing::ActorReadsHousehold(db(), manager_a_, h.id)->anonymised_at.has_value());
}

TEST_P(PrivacyTest, AnonymisationClearsEveryPersonalFieldAndTheSearchTokensAndKeepsTheFacts) {
  const Household h = Seed("1", "Hélène", "Dupont");
  const Household other = Seed("2", "Hélène", "Martin");
  ASSERT_EQ(SearchHits("Dupont"), 1);
  auto profiles = [&] {
    return *db().Read([&](db::Connection& c) {
      return c.QueryInt("SELECT (SELECT COUNT(*) FROM vulnerability_profiles p JOIN members m ON m.id = p.member_id "
                        "WHERE m.household_id = ?) + (SELECT COUNT(*) FROM vulnerability_factors f JOIN members m "
                        "ON m.id = f.member_id WHERE m.household_id = ?)",
                        {db::P(h.id), db::P(h.id)});
    });
  };
  ASSERT_TRUE(db().Write([&](db::Connection& c) {
    const int64_t member = c.QueryInt("SELECT MIN(id) FROM members WHERE household_id = ?", {db::P(h.id)}).value_or(0);
    c.Exec("INSERT INTO vulnerability_profiles (member_id, organisation_id, updated_by, updated_at) "
           "SELECT id, organisation_id, 1, 1 FROM members WHERE id = ?", {db::P(member)});
    c.Exec("INSERT INTO vulnerability_factors (member_id, factor, source, recorded_on) VALUES (?, 'lives_alone', "
           "'tenant', '2026-11-01')", {db::P(member)});
    // The household's tenant account, signed in on a phone.
    const int64_t account = *c.QueryInt(
        "INSERT INTO tenant_accounts (organisation_id, household_id, login, status, created_at) "
        "SELECT organisation_id, id, reference, 'active', 1 FROM households WHERE id = ? RETURNING id",
        {db::P(h.id)});
    c.Exec("INSERT INTO tenant_sessions (id_hash, account_id, organisation_id, household_id, csrf_token, created_at, "
           "last_seen_at, idle_expires_at, absolute_expires_at) SELECT 'x', ?, organisation_id, id, 'c', 1, 1, "
           "9000000000000, 9000000000000 FROM households WHERE id = ?",
           {db::P(account), db::P(h.id)});
    return Result<int>(0);
  }).ok());
  ASSERT_EQ(profiles(), 2);
  auto tenant_rows = [&] {
    return *db().Read([&](db::Connection& c) {
      return c.QueryInt("SELECT (SELECT COUNT(*) FROM tenant_accounts WHERE household_id = ?) + "
                        "(SELECT COUNT(*) FROM tenant_sessions WHERE household_id = ?)",
                        {db::P(h.id), db::P(h.id)});
    });
  };
  ASSERT_EQ(tenant_rows(), 2);
  auto a = OfficerAnonymisesHousehold(db(), dpo_a_, h.id, "Demande d'effacement du 2 novembre");
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_TRUE(a->anonymised_at.has_value());
  ASSERT_EQ(a->members.size(), 2u);  // the household size stays, for statistics
  for (const auto& m : a->members) {
    EXPECT_EQ(m.first_name + " " + m.last_name, "Personne anonymisée");
    EXPECT_FALSE(m.birth_date.has_value());
  }
  EXPECT_EQ(a->members[1].relation, housing::Relation::kChild);
  EXPECT_TRUE(a->phones.empty());
  EXPECT_EQ(a->email, "");
  EXPECT_EQ(a->notes, "");
  EXPECT_EQ(a->reference, "ANONYME-" + std::to_string(h.id));
  EXPECT_EQ(a->dwelling_id, h.dwelling_id);
  ASSERT_TRUE(a->lease.has_value());
  EXPECT_EQ(a->lease->rent_cents, 28000);
  // Not found any more by its name, phone or reference; the other household still is.
  EXPECT_EQ(SearchHits("Dupont"), 0);
  EXPECT_EQ(SearchHits("0639981234"), 1);
  EXPECT_EQ(SearchHits("T1"), 0);
  EXPECT_EQ(SearchHits("Hélène"), 1);
  const int64_t tokens = *db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM household_search WHERE household_id = ?", {db::P(h.id)});
  });
  EXPECT_EQ(tokens, 0);
  // Nothing personal left in the household row (display name, e-mail, notes).
  const int64_t left = *db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM households WHERE id = ? AND (display_name LIKE '%Dupont%' OR "
                      "email <> '' OR notes <> '' OR reference = 'T1')",
                      {db::P(h.id)});
  });
  EXPECT_EQ(left, 0);
  EXPECT_EQ(profiles(), 0);  // the vulnerability profile went with the personal data
  EXPECT_EQ(tenant_rows(), 0);  // and the tenant account with its sessions: nobody signs in as it
  (void)other;
}

TEST_P(PrivacyTest, AnAnonymisedHouseholdIsRefusedASecondAnonymisationAndAnyEditAndItsAuditEntriesStay) {
  const Household h = Seed("1", "Hélène", "Dupont");
  ASSERT_TRUE(OfficerAnonymisesHousehold(db(), dpo_a_, h.id, "Demande").ok());
  EXPECT_EQ(OfficerAnonymisesHousehold(db(), dpo_a_, h.id, "Demande").error().code, ErrorCode::kConflict);
  auto current = housing::ActorReadsHousehold(db(), manager_a_, h.id);
  ASSERT_TRUE(current.ok());
  current->notes = "Hélène a rappelé";
  EXPECT_EQ(housing::AgentUpdatesHousehold(db(), manager_a_, *current).error().code, ErrorCode::kConflict);
  // Nor through an import that names it.
  housing::HouseholdRow row{*housing::ActorReadsHousehold(db(), manager_a_, h.id)};
  row.household.notes = "Hélène a rappelé";
  auto imported = db().Write([&](db::Connection& c) { return housing::UpsertHouseholds(c, org_a_, {row}); });
  ASSERT_FALSE(imported.ok());
  EXPECT_NE(imported.error().message.find("anonymisé"), std::string::npos);
  EXPECT_EQ(housing::ActorReadsHousehold(db(), manager_a_, h.id)->notes, "");
  audit::SealPending(db());
  auto s = OfficerExportsSubjectAccess(db(), dpo_a_, h.id);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->audit_entries.size(), 2u);
  EXPECT_EQ(s->audit_entries[0].operation, "create");
  EXPECT_EQ(s->audit_entries[1].operation, "anonymise");
  EXPECT_TRUE(audit::Verify(db()).ok());
}

TEST_P(PrivacyTest, RetentionAnonymisesOnlyHouseholdsWhoseLastLeaseEndedBeforeTheCutoff) {
  const Household old_lease = Seed("1", "Hélène", "Dupont");
  const Household recent = Seed("2", "Paul", "Martin");
  const Household current = Seed("3", "Jeanne", "Leroy");
  EndLease(old_lease.id, {2020, 1, 31});
  EndLease(recent.id, {2026, 6, 1});
  EXPECT_EQ(AnonymiseDue(db(), 0, {2026, 11, 28}), 0);  // off
  EXPECT_EQ(AnonymiseDue(db(), 60, {2026, 11, 28}), 1);
  auto read = [&](int64_t id) { return *housing::ActorReadsHousehold(db(), manager_a_, id); };
  EXPECT_TRUE(read(old_lease.id).anonymised_at.has_value());
  EXPECT_FALSE(read(recent.id).anonymised_at.has_value());
  EXPECT_FALSE(read(current.id).anonymised_at.has_value());
  EXPECT_EQ(AnonymiseDue(db(), 60, {2026, 11, 28}), 0);  // already done
  EXPECT_EQ(AnonymiseDue(db(), 3, {2026, 11, 28}), 1);   // the lease that ended in June
  EXPECT_FALSE(read(current.id).anonymised_at.has_value());
  audit::SealPending(db());
  EXPECT_TRUE(audit::Verify(db()).ok());
}

TEST_P(PrivacyTest, RetentionAnonymisesClosedSupportCasesPastTheirPeriodOnceAndAudited) {
  const Household h = Seed("1", "Hélène", "Dupont");
  // Three cases of the household, written as the support module stores them: closed the day before
  // the cutoff, closed on the cutoff, and still open; each with a note.
  auto add_case = [&](const std::string& state, const char* ended_on) {
    return *db().Write([&](db::Connection& c) {
      const int64_t id = *c.QueryInt(
          "INSERT INTO support_cases (organisation_id, household_id, officer_id, state, outcome, opened_from, reason, "
          "opened_by, opened_at, updated_at, follow_up_ended_on) VALUES (?, ?, 7, ?, ?, 'household', 'Hélène Dupont', 7, "
          "1, 1, ?) RETURNING id",
          {db::P(org_a_), db::P(h.id), db::P(state), state == "closed" ? db::P("debt_cleared") : db::P(nullptr),
           ended_on ? db::P(ended_on) : db::P(nullptr)});
      c.Exec("INSERT INTO support_notes (organisation_id, case_id, body, author_id, created_at) VALUES (?, ?, "
             "'Hélène Dupont pleure au téléphone', 7, 1)",
             {db::P(org_a_), db::P(id)});
      return Result<int64_t>(id);
    });
  };
  const int64_t before = add_case("closed", "2021-11-27");
  const int64_t on_cutoff = add_case("closed", "2021-11-28");
  auto notes = [&](int64_t id) {
    return *db().Read([&](db::Connection& c) {
      return c.QueryInt("SELECT COUNT(*) FROM support_notes WHERE case_id = ?", {db::P(id)});
    });
  };
  EXPECT_EQ(AnonymiseSupportCasesDue(db(), 0, {2026, 11, 28}), 0);  // off
  EXPECT_EQ(notes(before), 1);
  const auto r = RunRetention(db(), {0, 60}, {2026, 11, 28});
  EXPECT_EQ(r.households, 0);
  EXPECT_EQ(r.support_cases, 1);
  EXPECT_EQ(notes(before), 0);
  EXPECT_EQ(notes(on_cutoff), 1);
  EXPECT_EQ(AnonymiseSupportCasesDue(db(), 60, {2026, 11, 28}), 0);  // already done
  EXPECT_EQ(AnonymiseSupportCasesDue(db(), 60, {2026, 11, 29}), 1);  // a day later, the other one
  EXPECT_EQ(notes(on_cutoff), 0);
  audit::SealPending(db());
  const int64_t audited = *db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM audit_entries WHERE operation = 'anonymise' AND record_type = 'support_case' "
                      "AND user_id = 0 AND record_id IN (?, ?)",
                      {db::P(before), db::P(on_cutoff)});
  });
  EXPECT_EQ(audited, 2);
  // The household's own anonymisation reaches an open case of it.
  const int64_t open = add_case("open", nullptr);
  ASSERT_TRUE(OfficerAnonymisesHousehold(db(), dpo_a_, h.id, "Demande d'effacement").ok());
  EXPECT_EQ(notes(open), 0);
  audit::SealPending(db());
  EXPECT_TRUE(audit::Verify(db()).ok());
}

// The retention per category (ADR 0023): each period is a number of calendar months before today;
// a record dated the day before the cutoff is past it, one dated on the cutoff or the day after is
// kept. Today 2026-11-29: 36 months -> cutoff 2023-11-29; 6 months -> 2026-05-29.
constexpr CivilDate kToday{2026, 11, 29};

int64_t Count(db::Database& db, const std::string& sql, const std::vector<db::Param>& params = {}) {
  return db.Read([&](db::Connection& c) {
    int64_t n = -1;
    c.Query(sql, params, [&](const db::Row& r) { n = r.Int(0); });
    return n;
  });
}

int64_t SystemEntries(db::Database& db, const char* operation, const char* record_type) {
  audit::SealPending(db);
  return Count(db, "SELECT COUNT(*) FROM audit_entries WHERE user_id = 0 AND operation = ? AND record_type = ?",
               {db::P(operation), db::P(record_type)});
}

TEST_P(PrivacyTest, RetentionOfLedgerDataClearsLabelsAndStepNotesDatedBeforeTheCutoffOnly) {
  const Household h = Seed("1", "Hélène", "Dupont");
  db().Write([&](db::Connection& c) {
    const int64_t lease = *c.QueryInt("SELECT id FROM leases WHERE household_id = ?", {db::P(h.id)});
    int n = 0;
    for (const char* day : {"2023-11-28", "2023-11-29", "2023-11-30"}) {
      c.Exec("INSERT INTO ledger_lines (organisation_id, lease_id, reference, line_day, kind_code, method, amount_cents, "
             "label, created_at) VALUES (?, ?, ?, ?, ?, 'transfer', -15000, ?, 1)",
             {db::P(org_a_), db::P(lease), db::P("ACC-" + std::to_string(++n)),
              db::P(rent::StoredDayOf(*ParseDate(day))), db::P(rent::StoredKindOf(rent::LineKind::kPayment)),
              db::P(std::string("VIR DUPONT ") + day)});
      c.Exec("INSERT INTO arrears_steps (organisation_id, lease_id, step, done_on, note, recorded_by, recorded_at) "
             "VALUES (?, ?, 'reminder', ?, ?, 7, 1)",
             {db::P(org_a_), db::P(lease), db::P(day), db::P(std::string("Vu Mme Dupont le ") + day)});
    }
    return 0;
  });
  const auto label = [&](const char* day) {
    return *db().Read([&](db::Connection& c) {
      std::string out = "?";
      c.Query("SELECT label FROM ledger_lines WHERE line_day = ?", {db::P(rent::StoredDayOf(*ParseDate(day)))},
              [&](const db::Row& r) { out = r.Str(0); });
      c.Query("SELECT note FROM arrears_steps WHERE done_on = ?", {db::P(day)}, [&](const db::Row& r) { out += "|" + r.Str(0); });
      return Result<std::string>(out);
    });
  };
  EXPECT_EQ(RunRetention(db(), {}, kToday).ledgers, 0);  // off
  EXPECT_EQ(label("2023-11-28"), "VIR DUPONT 2023-11-28|Vu Mme Dupont le 2023-11-28");
  RetentionSettings s;
  s.ledger_months = 36;
  EXPECT_EQ(RunRetention(db(), s, kToday).ledgers, 1);
  EXPECT_EQ(label("2023-11-28"), "|");                                                     // the day before the cutoff
  EXPECT_EQ(label("2023-11-29"), "VIR DUPONT 2023-11-29|Vu Mme Dupont le 2023-11-29");  // exactly at the limit
  EXPECT_EQ(label("2023-11-30"), "VIR DUPONT 2023-11-30|Vu Mme Dupont le 2023-11-30");  // the day after
  // The accounts stay: every amount, date and reference.
  EXPECT_EQ(Count(db(), "SELECT COUNT(*) FROM ledger_lines WHERE amount_cents = -15000"), 3);
  EXPECT_EQ(Count(db(), "SELECT COUNT(*) FROM ledger_lines WHERE reference LIKE 'ACC-%'"), 3);
  EXPECT_EQ(RunRetention(db(), s, kToday).ledgers, 0);  // done once
  EXPECT_EQ(AnonymiseLedgersDue(db(), 36, {2026, 11, 30}), 1);  // a day later, the next day's
  EXPECT_EQ(label("2023-11-29"), "|");
  EXPECT_EQ(label("2023-11-30"), "VIR DUPONT 2023-11-30|Vu Mme Dupont le 2023-11-30");
  EXPECT_EQ(SystemEntries(db(), "anonymise", "lease_ledger"), 2);
  EXPECT_TRUE(audit::Verify(db()).ok());
}

// Seeds a site, a reason and a staff member of `org` for appointments; returns {site, reason, staff}.
std::array<int64_t, 3> SeedReception(db::Database& db, int64_t org) {
  return *db.Write([&](db::Connection& c) { return Result<std::array<int64_t, 3>>(SeedReceptionIn(c, org)); });
}

TEST_P(PrivacyTest, RetentionOfAppointmentsClearsNotesAndApplicantsContactOfThoseEndedBeforeTheCutoff) {
  const Household h = Seed("1", "Hélène", "Dupont");
  const auto seeded = SeedReception(db(), org_a_);
  const int64_t site = seeded[0], reason = seeded[1], staff = seeded[2];
  const int64_t cutoff = ParisMidnightUtcMillis({2026, 5, 29});
  const int64_t day = 24LL * 3600 * 1000;
  // Ends: the last millisecond of the day before the cutoff, the cutoff's first one, the day after.
  auto add = [&](int64_t end, bool applicant) {
    return *db().Write([&](db::Connection& c) {
      return Result<int64_t>(*c.QueryInt(
          "INSERT INTO appointments (organisation_id, site_id, reason_id, staff_user_id, mode, start_at, end_at, "
          "household_id, applicant_name, applicant_phone, applicant_email, person_key, state, booked_by, booked_by_id, "
          "notes, cancel_reason, created_at, updated_at) VALUES (?, ?, ?, ?, 'in_person', ?, ?, ?, ?, ?, ?, ?, 'seen', "
          "'staff', 7, 'Vient avec sa fille Anne', '', 1, 1) RETURNING id",
          {db::P(org_a_), db::P(site), db::P(reason), db::P(staff), db::P(end - 1800000), db::P(end),
           applicant ? db::P(nullptr) : db::P(h.id), db::P(applicant ? "Jean Demandeur" : ""),
           db::P(applicant ? "0677889900" : ""), db::P(applicant ? "jean@example.org" : ""),
           db::P(applicant ? std::string("a:jean@example.org") : "h:" + std::to_string(h.id))}));
    });
  };
  const int64_t before = add(cutoff - 1, false), before_applicant = add(cutoff - day, true);
  const int64_t at_limit = add(cutoff, true), after = add(cutoff + day, false);
  const auto texts = [&](int64_t id) {
    return *db().Read([&](db::Connection& c) {
      std::string out;
      c.Query("SELECT notes || '|' || applicant_name || '|' || applicant_phone || '|' || applicant_email || '|' || "
              "person_key FROM appointments WHERE id = ?",
              {db::P(id)}, [&](const db::Row& r) { out = r.Str(0); });
      return Result<std::string>(out);
    });
  };
  EXPECT_EQ(RunRetention(db(), {}, kToday).appointments, 0);  // no default: off
  RetentionSettings s;
  s.appointment_months = 6;
  EXPECT_EQ(RunRetention(db(), s, kToday).appointments, 2);
  EXPECT_EQ(texts(before), "||||h:" + std::to_string(h.id));  // a household's key names no one
  EXPECT_EQ(texts(before_applicant), "||||");
  EXPECT_EQ(texts(at_limit), "Vient avec sa fille Anne|Jean Demandeur|0677889900|jean@example.org|a:jean@example.org");
  EXPECT_EQ(texts(after), "Vient avec sa fille Anne||||h:" + std::to_string(h.id));
  // The facts stay: the appointment, its state, its date.
  EXPECT_EQ(Count(db(), "SELECT COUNT(*) FROM appointments WHERE state = 'seen'"), 4);
  EXPECT_EQ(RunRetention(db(), s, kToday).appointments, 0);  // done once
  EXPECT_EQ(AnonymiseAppointmentsDue(db(), 6, {2026, 11, 30}), 1);  // a day later: the one at the limit
  EXPECT_EQ(texts(at_limit), "||||");
  EXPECT_EQ(SystemEntries(db(), "anonymise", "appointment"), 3);
}

TEST_P(PrivacyTest, RetentionOfOutreachCallsClearsAttemptNotesAndClosedEscalationOutcomesBeforeTheCutoff) {
  const Household h = Seed("1", "Hélène", "Dupont");
  SeedOutreach(db(), org_a_, h);
  const int64_t cutoff = ParisMidnightUtcMillis({2026, 5, 29});
  const int64_t day = 24LL * 3600 * 1000;
  db().Write([&](db::Connection& c) {
    const int64_t call = *c.QueryInt("SELECT id FROM outreach_calls WHERE household_id = ?", {db::P(h.id)});
    c.Exec("UPDATE outreach_call_attempts SET attempted_at = ?, note = 'à la limite' WHERE call_id = ?",
           {db::P(cutoff), db::P(call)});
    for (const auto& [at, note] : std::vector<std::pair<int64_t, std::string>>{{cutoff - 1, "la veille"},
                                                                              {cutoff + day, "le lendemain"}}) {
      c.Exec("INSERT INTO outreach_call_attempts (organisation_id, call_id, agent_id, outcome, note, attempted_at) "
             "VALUES (?, ?, 1, 'no_answer', ?, ?)", {db::P(org_a_), db::P(call), db::P(note), db::P(at)});
    }
    // The seeded escalation is open (its outcome stays while it runs); another one closed the day before.
    c.Exec("INSERT INTO outreach_escalations (organisation_id, member_id, household_id, agency_id, plan_id, "
           "unreachable_since, raised_at, status, action, outcome, closed_at) SELECT organisation_id, member_id, "
           "household_id, agency_id, plan_id, '2026-05-01', raised_at, 'closed', action, 'Hospitalisée', ? "
           "FROM outreach_escalations WHERE household_id = ?",
           {db::P(cutoff - day), db::P(h.id)});
    return 0;
  });
  const auto notes = [&]() {
    return *db().Read([&](db::Connection& c) {
      std::string out;
      c.Query("SELECT note FROM outreach_call_attempts ORDER BY attempted_at", {},
              [&](const db::Row& r) { out += r.Str(0) + "|"; });
      c.Query("SELECT outcome FROM outreach_escalations ORDER BY id", {}, [&](const db::Row& r) { out += r.Str(0) + "|"; });
      return Result<std::string>(out);
    });
  };
  EXPECT_EQ(RunRetention(db(), {}, kToday).outreach_calls, 0);  // no default: off
  RetentionSettings s;
  s.outreach_call_months = 6;
  EXPECT_EQ(RunRetention(db(), s, kToday).outreach_calls, 2);  // the call and the closed escalation
  EXPECT_EQ(notes(), "|à la limite|le lendemain|Trouvée chez sa fille||");
  EXPECT_EQ(Count(db(), "SELECT COUNT(*) FROM outreach_call_attempts"), 3);  // the attempts and outcomes stay
  EXPECT_EQ(RunRetention(db(), s, kToday).outreach_calls, 0);
  EXPECT_EQ(AnonymiseOutreachCallsDue(db(), 6, {2026, 11, 30}), 1);  // a day later: the one at the limit
  EXPECT_EQ(notes(), "||le lendemain|Trouvée chez sa fille||");
  EXPECT_EQ(SystemEntries(db(), "anonymise", "outreach_call"), 2);
  EXPECT_EQ(SystemEntries(db(), "anonymise", "outreach_escalation"), 1);
}

TEST_P(PrivacyTest, RetentionOfVulnerabilityProfilesDeletesThoseUnchangedSinceBeforeTheCutoffKeepingAnObjection) {
  const Household h = Seed("1", "Hélène", "Dupont");
  const Household g = Seed("2", "Paul", "Martin", "0611223399");
  const int64_t cutoff = ParisMidnightUtcMillis({2026, 5, 29});
  const int64_t day = 24LL * 3600 * 1000;
  const int64_t before = h.members[0].id, objecting = h.members[1].id, at_limit = g.members[0].id,
                after = g.members[1].id;
  db().Write([&](db::Connection& c) {
    for (const auto& [member, updated, objection] : std::vector<std::tuple<int64_t, int64_t, bool>>{
             {before, cutoff - 1, false}, {objecting, cutoff - day, true}, {at_limit, cutoff, false},
             {after, cutoff + day, false}}) {
      c.Exec("INSERT INTO vulnerability_profiles (member_id, organisation_id, informed_on, health_consent_on, "
             "objection_at, override_level, override_reason, updated_by, updated_at) VALUES (?, ?, '2026-01-02', "
             "'2026-01-02', ?, 3, 'Sort de l''hôpital', 1, ?)",
             {db::P(member), db::P(org_a_), objection ? db::P(int64_t{5}) : db::P(nullptr), db::P(updated)});
      c.Exec("INSERT INTO vulnerability_factors (member_id, factor, source, recorded_on) VALUES (?, 'lives_alone', "
             "'tenant', '2026-01-02')", {db::P(member)});
    }
    return 0;
  });
  const auto profile = [&](int64_t member) {
    return *db().Read([&](db::Connection& c) {
      std::string out = "none";
      c.Query("SELECT COALESCE(override_reason, '') || '|' || COALESCE(health_consent_on, '') || '|' || "
              "CASE WHEN objection_at IS NULL THEN '' ELSE 'objection' END FROM vulnerability_profiles "
              "WHERE member_id = ?",
              {db::P(member)}, [&](const db::Row& r) { out = r.Str(0); });
      const auto factors = c.QueryInt("SELECT COUNT(*) FROM vulnerability_factors WHERE member_id = ?", {db::P(member)});
      return Result<std::string>(out + "|" + std::to_string(factors.value_or(-1)));
    });
  };
  EXPECT_EQ(RunRetention(db(), {}, kToday).vulnerability_profiles, 0);  // no default: off
  RetentionSettings s;
  s.vulnerability_profile_months = 6;
  EXPECT_EQ(RunRetention(db(), s, kToday).vulnerability_profiles, 2);
  EXPECT_EQ(profile(before), "none|0");
  EXPECT_EQ(profile(objecting), "||objection|0");  // "ne plus m'appeler" is still honoured
  EXPECT_EQ(profile(at_limit), "Sort de l'hôpital|2026-01-02||1");
  EXPECT_EQ(profile(after), "Sort de l'hôpital|2026-01-02||1");
  EXPECT_EQ(RunRetention(db(), s, kToday).vulnerability_profiles, 0);  // the objection alone is not taken again
  EXPECT_EQ(DeleteVulnerabilityProfilesDue(db(), 6, {2026, 11, 30}), 1);  // a day later: the one at the limit
  EXPECT_EQ(profile(at_limit), "none|0");
  EXPECT_EQ(profile(after), "Sort de l'hôpital|2026-01-02||1");
  EXPECT_EQ(SystemEntries(db(), "delete", "vulnerability_profile"), 3);
  EXPECT_TRUE(audit::Verify(db()).ok());
}

TEST(RetentionCutoff, CountsCalendarMonthsAndClampsTheDay) {
  EXPECT_EQ(RetentionCutoff({2026, 11, 28}, 60), (CivilDate{2021, 11, 28}));
  EXPECT_EQ(RetentionCutoff({2026, 3, 31}, 1), (CivilDate{2026, 2, 28}));
  EXPECT_EQ(RetentionCutoff({2026, 1, 15}, 1), (CivilDate{2025, 12, 15}));
  EXPECT_EQ(RetentionCutoff({2024, 5, 31}, 3), (CivilDate{2024, 2, 29}));
}

INSTANTIATE_TEST_SUITE_P(Engines, PrivacyTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::privacy
