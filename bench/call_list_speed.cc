// Call-list build speed (issue 5): the day's list of a region, on members generated in memory.
// Generates `--households` households (default 330,000) with about 18 % of them holding a member
// with a vulnerability profile (60,000 profiles for 330,000 households), spread over agencies of
// 3,000 households with two call agents each, under two crisis plans in force (the whole region,
// and a shorter cadence on a tenth of the communes). Then times, on one thread:
//   level_s  the effective level of every profile (ComputeLevel from its factors and age, as the
//            store does for each profile it loads);
//   build_s  BuildCallList: the plan of each member, who is due, the order, the assignment;
//   total_s  both.
// Not timed there: reading the rows from the database and writing the calls.
//
// With --sqlite FILE, the same population is written into a fresh SQLite database (migrated, one
// landlord per 330,000 households, one holder per household, its profile, factors and contact
// state; not timed), then `BuildEveryCallList` (call_list_store.h), the morning job, is timed:
// for each landlord the set-based reads, the levels, the builder and the insert of the calls in
// its own write transaction, the next landlord's list prepared on a reader while one is written
// (db_s wall, db_cpu_s the process's CPU on both threads).
// Prints one line of key=value figures for bench/run; asserts nothing.
//   relais_bench_call_list [--households N] [--seed N] [--sqlite FILE]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "modules/outreach/call_list.h"
#include "modules/outreach/call_list_store.h"
#include "modules/outreach/crisis_plan_store.h"
#include "platform/db/db.h"
#include "platform/db/migrate.h"
#include "modules/outreach/vulnerability_level.h"
#include "platform/core/dates.h"

using namespace relais;
using namespace relais::outreach;

namespace {
struct Profile {
  std::optional<int> age;
  std::vector<Factor> factors;
  std::optional<int> override_level;
};

constexpr long long kLandlordHouseholds = 330'000;

int RunOnSqlite(const std::string& file, long long households, const std::vector<CallCandidate>& candidates,
                const std::vector<Profile>& profiles, const std::vector<CallAgent>& agents,
                const std::vector<CrisisPlan>& plans, const VulnerabilityRule& rule, CivilDate today) {
  std::remove(file.c_str());
  auto db = db::Database::Open("sqlite://" + file, 2);
  db::Migrate(*db);
  const int landlords = static_cast<int>((households + kLandlordHouseholds - 1) / kLandlordHouseholds);
  auto org_of = [](int64_t household) { return 1 + (household - 1) / kLandlordHouseholds; };
  const auto g0 = std::chrono::steady_clock::now();
  db->Write([&](db::Connection& c) {
    for (int o = 1; o <= landlords; ++o) {
      c.Exec("INSERT INTO organisations (id, name, siren, created_at) VALUES (?, ?, ?, 0)",
             {db::P(o), db::P("Bailleur " + std::to_string(o)), db::P(std::to_string(100000000 + o))});
      for (const auto& p : plans) InsertCrisisPlan(c, o, p, 0);
    }
    auto agencies = c.Bulk("agencies", {"id", "organisation_id", "name"});
    auto buildings = c.Bulk("buildings", {"id", "organisation_id", "reference", "street", "commune_insee", "agency_id", "updated_at"});
    auto dwellings = c.Bulk("dwellings", {"id", "organisation_id", "building_id", "reference", "rooms", "surface_cm2", "financing", "rent_cents", "charges_cents", "updated_at"});
    auto homes = c.Bulk("households", {"id", "organisation_id", "reference", "dwelling_id", "preferred_language", "updated_at"});
    auto members = c.Bulk("members", {"id", "organisation_id", "household_id", "position", "first_name", "last_name", "birth_date", "relation"});
    auto vp = c.Bulk("vulnerability_profiles", {"member_id", "organisation_id", "override_level", "objection_at", "updated_by", "updated_at"});
    auto vf = c.Bulk("vulnerability_factors", {"member_id", "factor", "source", "recorded_on"});
    auto cs = c.Bulk("outreach_contact_state", {"member_id", "organisation_id", "last_reached_on", "last_agent_id", "updated_at"});
    std::vector<char> agency_seen;
    std::map<int64_t, int64_t> agency_org;  // agency id -> its landlord
    for (size_t i = 0; i < candidates.size(); ++i) {
      const CallCandidate& k = candidates[i];
      const Profile& p = profiles[i];
      const int64_t org = org_of(k.household_id);
      // Each landlord has its own agencies (the generator draws them per landlord).
      const int64_t agency = k.place.agency_id;
      if (agency_seen.size() <= static_cast<size_t>(agency)) agency_seen.resize(agency + 1);
      if (!agency_seen[agency]) {
        agency_seen[agency] = 1;
        agency_org[agency] = org;
        agencies->Add({db::P(agency), db::P(org), db::P("Agence " + std::to_string(agency))});
      }
      const int64_t id = k.household_id;  // one building, dwelling, household and member each
      buildings->Add({db::P(id), db::P(org), db::P("BAT-" + std::to_string(id)), db::P("1 rue des Lilas"),
                      db::P(k.place.commune), db::P(agency), db::P(0)});
      dwellings->Add({db::P(id), db::P(org), db::P(id), db::P("LGT-" + std::to_string(id)), db::P(2), db::P(4500),
                      db::P("PLUS"), db::P(30000), db::P(5000), db::P(0)});
      const char lang[3] = {static_cast<char>(k.language >> 8), static_cast<char>(k.language & 0xff), 0};
      homes->Add({db::P(id), db::P(org), db::P("TEN-" + std::to_string(id)), db::P(id), db::P(std::string(lang)), db::P(0)});
      const std::string birth = p.age ? FormatIso({today.year - *p.age, 1, 1}) : std::string();
      members->Add({db::P(k.member_id), db::P(org), db::P(id), db::P(0), db::P("Prénom"), db::P("Nom"),
                    p.age ? db::P(birth) : db::P(nullptr), db::P("holder")});
      vp->Add({db::P(k.member_id), db::P(org), p.override_level ? db::P(*p.override_level) : db::P(nullptr),
               k.objection ? db::P(int64_t{1}) : db::P(nullptr), db::P(0), db::P(0)});
      for (Factor f : p.factors)
        vf->Add({db::P(k.member_id), db::P(std::string(InfoOf(f).code)), db::P("tenant"), db::P("2026-06-01")});
      if (k.last_reached_day >= 0)
        cs->Add({db::P(k.member_id), db::P(org), db::P(FormatIso(CivilFromDays(k.last_reached_day))),
                 k.last_agent_id ? db::P(k.last_agent_id) : db::P(nullptr), db::P(0)});
    }
    for (auto* b : {agencies.get(), buildings.get(), dwellings.get(), homes.get(), members.get(), vp.get(), vf.get(), cs.get()})
      b->Finish();
    // The call agents, two per agency, as in memory, each with its agency's landlord (an agency no
    // household names has no row, nor its agents).
    for (const auto& a : agents) {
      const auto org = agency_org.find(a.agency_ids.front());
      if (org == agency_org.end()) continue;
      c.Exec("INSERT INTO staff_users (id, organisation_id, email, display_name, password_hash, roles, created_at) "
             "VALUES (?, ?, ?, 'Agent', 'x', 4, 0)",
             {db::P(a.user_id), db::P(org->second), db::P("agent" + std::to_string(a.user_id) + "@bench.test")});
      c.Exec("INSERT INTO staff_user_agencies (user_id, agency_id) VALUES (?, ?)",
             {db::P(a.user_id), db::P(a.agency_ids.front())});
    }
    return 0;
  });
  const double gen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - g0).count();

  CallListSettings settings{rule, 40};
  const std::clock_t c0 = std::clock();
  const auto t0 = std::chrono::steady_clock::now();
  const int64_t calls = BuildEveryCallList(*db, today, settings);
  const double db_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu_s = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  const int64_t unassigned = db->Read([](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM outreach_calls WHERE agent_id IS NULL").value_or(0);
  });
  std::printf("engine=sqlite households=%lld landlords=%d profiles=%zu calls=%lld unassigned=%lld generate_s=%.1f "
              "db_s=%.3f db_cpu_s=%.3f\n",
              households, landlords, candidates.size(), static_cast<long long>(calls),
              static_cast<long long>(unassigned), gen_s, db_s, cpu_s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  long long households = 330'000;
  unsigned seed = 1;
  std::string sqlite;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const long long v = std::atoll(argv[i + 1]);
    if (flag == "--sqlite") sqlite = argv[i + 1];
    else if (flag == "--households") households = v;
    else if (flag == "--seed") seed = static_cast<unsigned>(v);
    else {
      std::fprintf(stderr, "usage: %s [--households N] [--seed N]\n", argv[0]);
      return 2;
    }
  }
  std::mt19937_64 rng(seed);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  const CivilDate today{2026, 7, 10};
  const int64_t day = DaysFromCivil(today);
  const long long communes = std::max(1LL, households / 1500);
  // Agencies of 3,000 households, each landlord its own: landlord o (1-based) has the agencies
  // first_agency[o - 1] .. first_agency[o] - 1, and agency g has the call agents 2g - 1 and 2g.
  std::vector<int64_t> first_agency{1};
  for (long long from = 0; from < households; from += kLandlordHouseholds) {
    const long long in_landlord = std::min(kLandlordHouseholds, households - from);
    first_agency.push_back(first_agency.back() + std::max(1LL, in_landlord / 3000));
  }
  const int64_t agencies = first_agency.back() - 1;

  // Generation (not timed).
  VulnerabilityRule rule;
  rule.age_from = 75;
  rule.weights = {2, 2, 2, 2, 2, 1, 2, 0, 1, 1, 1, 3};
  rule.level_min_score = {1, 3, 5};
  std::vector<CallCandidate> candidates;
  std::vector<Profile> profiles;
  const LanguageCode languages[] = {kFrench, PackLanguage("ar"), PackLanguage("pt"), PackLanguage("tr")};
  for (long long h = 1; h <= households; ++h) {
    if (!chance(0.18)) continue;
    CallCandidate c;
    c.member_id = h * 3;
    c.household_id = h;
    const size_t landlord = static_cast<size_t>((h - 1) / kLandlordHouseholds);
    const int64_t own_agencies = first_agency[landlord + 1] - first_agency[landlord];
    c.place.agency_id = first_agency[landlord] + static_cast<int64_t>(rng() % own_agencies);
    c.place.commune = std::to_string(10000 + rng() % communes);
    c.place.building_id = 1 + h / 40;
    c.objection = chance(0.01);
    if (chance(0.7)) {
      c.last_reached_day = day - static_cast<int64_t>(rng() % 20);
      // The last agent worked for the same landlord, not always in the same agency.
      const int64_t agency = first_agency[landlord] + static_cast<int64_t>(rng() % own_agencies);
      c.last_agent_id = chance(0.8) ? 2 * agency - static_cast<int64_t>(rng() % 2) : 0;
    }
    c.language = chance(0.9) ? kFrench : languages[rng() % 4];
    Profile p;
    if (chance(0.95)) p.age = 40 + static_cast<int>(rng() % 60);
    for (size_t f = 1; f < kFactorCount; ++f)
      if (chance(0.15)) p.factors.push_back(static_cast<Factor>(f));
    if (chance(0.02)) p.override_level = static_cast<int>(rng() % 4);
    candidates.push_back(std::move(c));
    profiles.push_back(std::move(p));
  }
  std::vector<CallAgent> agents;
  for (int64_t a = 0; a < 2 * agencies; ++a) {
    CallAgent g;
    g.user_id = 1 + a;
    g.agency_ids = {1 + a / 2};
    g.remaining = 40;
    g.languages = {kFrench};
    if (a % 5 == 0) g.languages.push_back(PackLanguage("ar"));
    agents.push_back(std::move(g));
  }
  std::vector<CrisisPlan> plans(2);
  plans[0].id = 1;
  plans[0].start_date = "2026-07-01";
  plans[0].cadence = {14, 7, 2};
  plans[1].id = 2;
  plans[1].start_date = "2026-07-05";
  plans[1].end_date = "2026-07-20";
  plans[1].cadence = {7, 3, 1};
  plans[1].perimeter.all = false;
  for (long long k = 0; k < communes; k += 10) plans[1].perimeter.communes.push_back(std::to_string(10000 + k));

  if (!sqlite.empty()) return RunOnSqlite(sqlite, households, candidates, profiles, agents, plans, rule, today);

  // Timed.
  const auto t0 = std::chrono::steady_clock::now();
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Profile& p = profiles[i];
    candidates[i].level = p.override_level ? *p.override_level : ComputeLevel(rule, p.age, p.factors).level;
  }
  const auto t1 = std::chrono::steady_clock::now();
  auto calls = BuildCallList(candidates, plans, FormatIso(today), day, agents);
  const auto t2 = std::chrono::steady_clock::now();

  long long assigned = 0;
  for (const auto& c : calls) assigned += c.agent_id != 0;
  const double level_s = std::chrono::duration<double>(t1 - t0).count();
  const double build_s = std::chrono::duration<double>(t2 - t1).count();
  std::printf("households=%lld profiles=%zu calls=%zu assigned=%lld agents=%zu level_s=%.3f build_s=%.3f total_s=%.3f\n",
              households, candidates.size(), calls.size(), assigned, agents.size(), level_s, build_s,
              level_s + build_s);
  return 0;
}
