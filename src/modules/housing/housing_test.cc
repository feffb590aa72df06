// Use cases of the housing module on both engines, through the same code the API runs.
#include <gtest/gtest.h>

#include <map>

#include "modules/housing/demo_data.h"
#include "modules/housing/housing.h"
#include "modules/housing/housing_repository.h"
#include "platform/core/text.h"
#include "platform/db/testing.h"

namespace relais::housing {
namespace {

class HousingTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    org_a_ = MakeOrg("Habitat A", "732829320");
    org_b_ = MakeOrg("Habitat B", "552100554");
    manager_a_ = Actor(org_a_, auth::Role::kManager);
    agent_a_ = Actor(org_a_, auth::Role::kCallAgent);
    caretaker_a_ = Actor(org_a_, auth::Role::kCaretaker);
    manager_b_ = Actor(org_b_, auth::Role::kManager);
  }
  db::Database& db() { return t_->db(); }
  // A demo landlord of `households` households (deterministic for `seed`) loaded into landlord A.
  demo::LandlordData LoadDemo(int64_t households, uint64_t seed) {
    demo::Options o;
    o.households = households;
    o.seed = seed;
    o.reference_date = {2026, 11, 27};
    auto data = demo::Generate(o, Communes());
    EXPECT_TRUE(data.ok());
    if (!data.ok()) return {};
    demo::LandlordData rows = std::move(data->front());
    auto loaded = db().Write([&](db::Connection& c) -> Result<Unit> {
      if (auto st = UpsertStock(c, org_a_, rows.stock); !st.ok()) return st.error();
      if (auto h = UpsertHouseholds(c, org_a_, rows.households); !h.ok()) return h.error();
      return Unit{};
    });
    EXPECT_TRUE(loaded.ok()) << loaded.error().message;
    return rows;
  }

  int64_t MakeOrg(const std::string& name, const std::string& siren) {
    auto id = db().Write([&](db::Connection& c) { return CreateOrganisation(c, name, siren); });
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
  static auth::Actor Actor(int64_t org, auth::Role role) {
    auth::Actor a;
    a.user_id = 1;
    a.organisation_id = org;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }

  Building SomeBuilding(const std::string& ref, const std::string& insee = "50502") {
    Building b;
    b.reference = ref;
    b.street = "12 rue des Lilas";
    b.postal_code = "50000";
    b.commune_insee = insee;
    b.floors = 4;
    return b;
  }
  Dwelling SomeDwelling(const std::string& ref, int64_t building) {
    Dwelling d;
    d.reference = ref;
    d.building_id = building;
    d.rooms = 3;
    d.surface_cm2 = 6550;
    d.rent_cents = 38000;
    d.charges_cents = 5000;
    return d;
  }
  Household SomeHousehold(const std::string& ref, int64_t dwelling, const std::string& first, const std::string& last) {
    Household h;
    h.reference = ref;
    h.dwelling_id = dwelling;
    Member m;
    m.first_name = first;
    m.last_name = last;
    m.birth_date = CivilDate{1941, 3, 2};
    h.members.push_back(m);
    h.phones.push_back({"+33 6 39 98 12 34", "mobile"});
    Lease l;
    l.start_date = {2001, 5, 1};
    l.rent_cents = 28000;
    l.charges_cents = 2000;
    l.housing_benefit_cents = 5000;
    l.benefit_paid_to_landlord = true;
    h.lease = l;
    return h;
  }

  // A building, a dwelling and a household of `manager`'s organisation.
  Household Seed(const auth::Actor& manager, const std::string& suffix, const std::string& first,
                 const std::string& last, const std::string& insee = "50502") {
    auto b = ManagerCreatesBuilding(db(), manager, SomeBuilding("B" + suffix, insee));
    EXPECT_TRUE(b.ok()) << b.error().message;
    auto d = ManagerCreatesDwelling(db(), manager, SomeDwelling("L" + suffix, b->id));
    EXPECT_TRUE(d.ok()) << d.error().message;
    auto h = AgentCreatesHousehold(db(), manager, SomeHousehold("T" + suffix, d->id, first, last));
    EXPECT_TRUE(h.ok()) << h.error().message;
    return *h;
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t org_a_ = 0, org_b_ = 0;
  auth::Actor manager_a_, agent_a_, caretaker_a_, manager_b_;
};

TEST_P(HousingTest, CreatesAndReadsAHouseholdWithItsLease) {
  Household h = Seed(manager_a_, "1", "Hélène", "Lefèvre");
  auto read = ActorReadsHousehold(db(), agent_a_, h.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->DisplayName(), "Hélène Lefèvre");
  EXPECT_EQ(read->address, "12 rue des Lilas, 50000 Saint-Lô");
  ASSERT_EQ(read->members.size(), 1u);
  EXPECT_EQ(read->members[0].birth_date, (CivilDate{1941, 3, 2}));
  ASSERT_EQ(read->phones.size(), 1u);
  EXPECT_EQ(read->phones[0].number, "0639981234");  // stored in national form
  ASSERT_TRUE(read->lease);
  EXPECT_EQ(read->lease->housing_benefit_cents, 5000);
  EXPECT_TRUE(read->lease->benefit_paid_to_landlord);
  auto dwelling = ActorReadsDwelling(db(), agent_a_, h.dwelling_id);
  ASSERT_TRUE(dwelling.ok());
  EXPECT_EQ(dwelling->household_id, h.id);
}

TEST_P(HousingTest, AnotherLandlordSeesNothingOfIt) {
  Household h = Seed(manager_a_, "1", "Hélène", "Lefèvre");
  Seed(manager_b_, "9", "Marcel", "Dupont");
  EXPECT_EQ(ActorReadsHousehold(db(), manager_b_, h.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ActorReadsBuilding(db(), manager_b_, h.building_id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ActorReadsDwelling(db(), manager_b_, h.dwelling_id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ActorListsDwellingsOfBuilding(db(), manager_b_, h.building_id).error().code, ErrorCode::kNotFound);
  auto search = ActorSearchesHouseholds(db(), manager_b_, "helene", 20);
  ASSERT_TRUE(search.ok());
  EXPECT_TRUE(search->empty());
  auto list = ActorListsHouseholds(db(), manager_b_, {});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->items[0].display_name, "Marcel Dupont");
  auto buildings = ActorListsBuildings(db(), manager_b_, {});
  ASSERT_EQ(buildings->items.size(), 1u);
  EXPECT_EQ(buildings->items[0].reference, "B9");
  // Nor can it change it, or hang its own records on it.
  Household change = h;
  change.notes = "intrusion";
  EXPECT_EQ(AgentUpdatesHousehold(db(), manager_b_, change).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ManagerCreatesDwelling(db(), manager_b_, SomeDwelling("LX", h.building_id)).error().field, "building_id");
  EXPECT_EQ(AgentCreatesHousehold(db(), manager_b_, SomeHousehold("TX", h.dwelling_id, "A", "B")).error().field,
            "dwelling_id");
}

TEST_P(HousingTest, SearchIgnoresCaseAndAccentsAndRanksNamesFirst) {
  Household helene = Seed(manager_a_, "1", "Hélène", "Lefèvre", "50502");           // Saint-Lô
  Household other = Seed(manager_a_, "2", "Marcel", "Hélènebis", "14118");          // Caen
  Household lo = Seed(manager_a_, "3", "Jeanne", "Martin", "50502");
  auto ids = [&](const std::string& q) {
    std::vector<int64_t> out;
    auto found = ActorSearchesHouseholds(db(), agent_a_, q, 20);
    EXPECT_TRUE(found.ok());
    for (const auto& s : *found) out.push_back(s.id);
    return out;
  };
  auto r = ids("helene");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0], helene.id);  // exact word before a prefix
  EXPECT_EQ(ids("HÉLÈNE LEFEVRE"), std::vector<int64_t>{helene.id});
  auto saint_lo = ids("st lo");
  EXPECT_EQ(saint_lo.size(), 2u);
  EXPECT_NE(std::find(saint_lo.begin(), saint_lo.end(), lo.id), saint_lo.end());
  EXPECT_EQ(ids("saint-lô martin"), std::vector<int64_t>{lo.id});
  EXPECT_EQ(ids("06 39 98 12").size(), 3u);
  EXPECT_EQ(ids("T2"), std::vector<int64_t>{other.id});
  EXPECT_TRUE(ids("zzz").empty());
  // A word that matches nothing, whichever word is read first (an index that keeps the households
  // of the first word read must not look into an empty table).
  EXPECT_TRUE(ids("zzzzzzzz helene").empty());
  EXPECT_TRUE(ids("helene zzzzzzzz").empty());
  EXPECT_TRUE(ids("  ").empty());
}

TEST_P(HousingTest, UpdateKeepsMemberIdsAndReindexes) {
  Household h = Seed(manager_a_, "1", "Hélène", "Lefèvre");
  const int64_t holder_id = h.members[0].id;
  Member child;
  child.first_name = "Léa";
  child.last_name = "Lefèvre";
  child.birth_date = CivilDate{2012, 7, 1};
  child.relation = Relation::kChild;
  h.members.push_back(child);
  h.members[0].last_name = "Lefèvre-Durand";
  h.notes = "Préfère être appelée le matin.";
  auto updated = AgentUpdatesHousehold(db(), agent_a_, h);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  ASSERT_EQ(updated->members.size(), 2u);
  EXPECT_EQ(updated->members[0].id, holder_id);
  EXPECT_EQ(updated->members[0].last_name, "Lefèvre-Durand");
  EXPECT_EQ(ActorSearchesHouseholds(db(), agent_a_, "durand", 5)->size(), 1u);
  EXPECT_EQ(ActorSearchesHouseholds(db(), agent_a_, "lea", 5)->size(), 1u);
}

TEST_P(HousingTest, RolesDecideWhoChangesWhat) {
  Household h = Seed(manager_a_, "1", "Hélène", "Lefèvre");
  EXPECT_EQ(ManagerCreatesBuilding(db(), agent_a_, SomeBuilding("B2")).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(AgentUpdatesHousehold(db(), caretaker_a_, h).error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(ActorReadsHousehold(db(), caretaker_a_, h.id).ok());
  EXPECT_TRUE(AgentUpdatesHousehold(db(), agent_a_, h).ok());
}

TEST_P(HousingTest, RefusesDuplicatesAndBadLinks) {
  Household h = Seed(manager_a_, "1", "Hélène", "Lefèvre");
  EXPECT_EQ(ManagerCreatesBuilding(db(), manager_a_, SomeBuilding("B1")).error().code, ErrorCode::kConflict);
  EXPECT_EQ(AgentCreatesHousehold(db(), agent_a_, SomeHousehold("T1", h.dwelling_id, "A", "B")).error().code,
            ErrorCode::kConflict);
  Building bad = SomeBuilding("B3");
  bad.agency_id = 999;
  EXPECT_EQ(ManagerCreatesBuilding(db(), manager_a_, bad).error().field, "agency_id");
  // Same references in another organisation are fine.
  EXPECT_TRUE(ManagerCreatesBuilding(db(), manager_b_, SomeBuilding("B1")).ok());
}

TEST_P(HousingTest, PaginatesByKeyset) {
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(ManagerCreatesBuilding(db(), manager_a_, SomeBuilding("B" + std::to_string(i))).ok());
  BuildingFilter f;
  f.limit = 3;
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    auto p = ActorListsBuildings(db(), agent_a_, f);
    ASSERT_TRUE(p.ok());
    for (const auto& b : p->items) seen.push_back(b.reference);
    if (!p->next_cursor) break;
    f.after = p->next_cursor;
  }
  EXPECT_EQ(seen.size(), 7u);
  f = {};
  f.q = "saint lo lilas";
  EXPECT_EQ(ActorListsBuildings(db(), agent_a_, f)->items.size(), 7u);
  f.q = "caen";
  EXPECT_TRUE(ActorListsBuildings(db(), agent_a_, f)->items.empty());
}

TEST_P(HousingTest, UpsertCreatesThenUpdatesThenLeavesUnchanged) {
  std::vector<StockRow> stock;
  for (int i = 0; i < 4; ++i) {
    StockRow r;
    r.building = SomeBuilding("B" + std::to_string(i / 2));
    r.agency_name = "Agence de Saint-Lô";
    r.dwelling = SomeDwelling("L" + std::to_string(i), 0);
    stock.push_back(r);
  }
  std::vector<HouseholdRow> households;
  for (int i = 0; i < 4; ++i) {
    HouseholdRow r;
    r.household = SomeHousehold("T" + std::to_string(i), 0, "Prénom" + std::to_string(i), "Nom");
    r.household.dwelling_reference = "L" + std::to_string(i);
    households.push_back(r);
  }
  auto load = [&] {
    return db().Write([&](db::Connection& c) -> Result<std::pair<UpsertCounts, UpsertCounts>> {
      auto s = UpsertStock(c, org_a_, stock);
      if (!s.ok()) return s.error();
      auto h = UpsertHouseholds(c, org_a_, households);
      if (!h.ok()) return h.error();
      return std::make_pair(*s, *h);
    });
  };
  auto first = load();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->first.created, 4);
  EXPECT_EQ(first->second.created, 4);
  auto again = load();
  EXPECT_EQ(again->first.unchanged, 4);
  EXPECT_EQ(again->second.unchanged, 4);
  stock[1].dwelling.rent_cents += 100;
  households[2].household.notes = "Nouveau";
  auto changed = load();
  EXPECT_EQ(changed->first.updated, 1);
  EXPECT_EQ(changed->first.unchanged, 3);
  EXPECT_EQ(changed->second.updated, 1);
  EXPECT_EQ(ActorListsAgencies(db(), agent_a_)->size(), 1u);
  EXPECT_EQ(ActorListsHouseholds(db(), agent_a_, {})->items.size(), 4u);
  // A household pointing at an unknown dwelling rolls the whole load back.
  households.push_back(households[0]);
  households.back().household.reference = "T99";
  households.back().household.dwelling_reference = "L404";
  auto bad = load();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "4");
  EXPECT_EQ(ActorListsHouseholds(db(), agent_a_, {})->items.size(), 4u);
}

// An import writes search tokens in key order, a chunk at a time: what a search finds after it
// must be what each household says, including a household given twice in one load (its second
// version replaces the first, whose tokens were still waiting to be written) and a re-import.
TEST_P(HousingTest, ImportedHouseholdsAreSearchableAsTheirLastVersion) {
  std::vector<StockRow> stock(1);
  stock[0].building = SomeBuilding("B1");
  stock[0].dwelling = SomeDwelling("L1", 0);
  std::vector<HouseholdRow> households(3);
  households[0].household = SomeHousehold("T1", 0, "Hélène", "Lefèvre");
  households[1].household = SomeHousehold("T2", 0, "Marcel", "Durand");
  households[2].household = SomeHousehold("T1", 0, "Hélène", "Lefèvre-Morel");  // T1 again, renamed
  for (auto& r : households) r.household.dwelling_reference = "L1";
  auto load = [&] {
    return db().Write([&](db::Connection& c) -> Result<UpsertCounts> {
      if (auto s = UpsertStock(c, org_a_, stock); !s.ok()) return s.error();
      return UpsertHouseholds(c, org_a_, households);
    });
  };
  auto first = load();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->created, 2);
  EXPECT_EQ(first->updated, 1);
  auto count = [&](const std::string& q) { return ActorSearchesHouseholds(db(), agent_a_, q, 20)->size(); };
  EXPECT_EQ(count("morel"), 1u);
  EXPECT_EQ(count("helene lefevre"), 1u);
  EXPECT_EQ(count("durand"), 1u);
  EXPECT_EQ(count("st lo"), 2u);  // 50502: Saint-Lô
  // Re-imported with Marcel renamed: his old name is gone from the index, the new one is there.
  households[1].household.members[0].last_name = "Dupont";
  auto again = load();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(count("durand"), 0u);
  EXPECT_EQ(count("marcel dupont"), 1u);
  EXPECT_EQ(ActorListsHouseholds(db(), agent_a_, {})->items.size(), 2u);
}

// The search reads the token index and ranks in C++ (with a shortcut for one word); its answers
// must be those of its definition in ADR 0004, written here as one SQL statement, on demo data
// with the ties, prefixes and shared phones of a real landlord.
TEST_P(HousingTest, SearchAnswersAsItsDefinitionOnDemoData) {
  const demo::LandlordData rows = LoadDemo(1'200, 3);
  if (HasFailure()) return;

  auto definition = [&](const std::vector<std::string>& words, int limit) {
    std::string sql = "SELECT household_id, SUM(w) AS score FROM (";
    std::vector<db::Param> params;
    std::vector<std::string> uppers;
    uppers.reserve(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
      uppers.push_back(words[i]);
      uppers.back().back() = static_cast<char>(uppers.back().back() + 1);
      if (i) sql += " UNION ALL ";
      sql += "SELECT household_id, MAX(CASE WHEN token = ? THEN weight * 2 ELSE weight END) AS w "
             "FROM household_search WHERE organisation_id = ? AND token >= ? AND token < ? GROUP BY household_id";
      params.insert(params.end(), {db::P(words[i]), db::P(org_a_), db::P(words[i]), db::P(uppers.back())});
    }
    sql += ") m GROUP BY household_id HAVING COUNT(*) = ? ORDER BY score DESC, household_id LIMIT ?";
    params.push_back(db::P(static_cast<int64_t>(words.size())));
    params.push_back(db::P(static_cast<int64_t>(limit)));
    std::vector<std::pair<int64_t, int64_t>> out;
    db().Read([&](db::Connection& c) {
      return c.Query(sql, params, [&](const db::Row& r) { out.emplace_back(r.Int(0), r.Int(1)); });
    });
    return out;
  };
  // Queries as call agents type them, and the words they become (text::QueryTokens).
  std::vector<std::pair<std::string, std::vector<std::string>>> queries = {
      {"st lo", {"saint", "lo"}}, {"a", {"a"}}, {"ma", {"ma"}}, {"rue", {"rue"}}, {"06 39 98 1", {"0639981"}},
      // The longest word (read first) matches nothing, the other words much.
      {"zzzzzzzz martin", {"zzzzzzzz", "martin"}}, {"qqqqqqq a", {"qqqqqqq", "a"}},
  };
  for (size_t i = 0; i < rows.households.size(); i += 97) {
    const Household& h = rows.households[i].household;
    const std::string first = text::Fold(h.members[0].first_name), last = text::Fold(h.members[0].last_name);
    if (first.find(' ') != std::string::npos || last.find(' ') != std::string::npos) continue;
    queries.push_back({first, {first}});
    queries.push_back({last, {last}});
    queries.push_back({first + " " + last, {first, last}});
    queries.push_back({last.substr(0, 3), {last.substr(0, 3)}});
    // Type-ahead: a whole first name and the first letter of the last (checked on the first
    // name's households by index seeks, the letter prefixing far more rows), "st" and a name.
    for (const std::string& q : {first + " " + last.substr(0, 1), last.substr(0, 2) + " " + first.substr(0, 2),
                                 "st " + last}) {
      queries.push_back({q, text::QueryTokens(q)});  // "m" is "monsieur", "st" "saint"
    }
    if (!h.phones.empty()) queries.push_back({h.phones[0].number.substr(0, 8), {h.phones[0].number.substr(0, 8)}});
  }
  int compared = 0;
  for (const auto& [q, words] : queries) {
    for (int limit : {3, 20}) {
      auto found = ActorSearchesHouseholds(db(), agent_a_, q, limit);
      ASSERT_TRUE(found.ok()) << q;
      std::vector<std::pair<int64_t, int64_t>> got;
      for (const auto& s : *found) got.emplace_back(s.id, static_cast<int64_t>(s.score));
      EXPECT_EQ(got, definition(words, limit)) << "query « " << q << " », limit " << limit;
      ++compared;
    }
  }
  EXPECT_GE(compared, 100);
}

// A search whose most selective word is common reads a bounded part of the index (ADR 0004):
// its answer is the best of the first candidates of that word. Small bounds make demo data common.
TEST_P(HousingTest, BoundedSearchAnswersMatchEveryWordBestFirst) {
  const demo::LandlordData rows = LoadDemo(600, 5);
  if (HasFailure()) return;
  auto search = [&](const std::string& q, const repo::SearchBounds& bounds, int limit = 20) {
    std::vector<HouseholdSummary> out;
    db().Read([&](db::Connection& c) {
      out = repo::SearchHouseholds(c, org_a_, q, limit, bounds);
      return Unit{};
    });
    return out;
  };
  repo::SearchBounds small;
  small.word_rows = 40;
  small.candidates = 25;
  int cut = 0;
  for (const std::string q : {"st lo", "a m", "ma l", "rue a", "e"}) {
    const auto all = search(q, {});         // the answer without bounds on this small landlord
    const auto bounded = search(q, small);  // the best of the first candidates
    std::map<int64_t, double> matching;  // every household matching every word
    for (const auto& s : search(q, {}, 100'000)) matching[s.id] = s.score;
    ASSERT_LE(bounded.size(), 20u) << q;
    if (!all.empty()) EXPECT_FALSE(bounded.empty()) << q;
    for (size_t i = 0; i < bounded.size(); ++i) {
      // Each household found matches every word, with at most its full score (the first word's
      // score counts the tokens read), and the list is best first, then lowest id.
      ASSERT_TRUE(matching.count(bounded[i].id)) << q << ": " << bounded[i].id;
      EXPECT_LE(bounded[i].score, matching[bounded[i].id]) << q;
      if (i > 0) {
        EXPECT_TRUE(bounded[i - 1].score > bounded[i].score ||
                    (bounded[i - 1].score == bounded[i].score && bounded[i - 1].id < bounded[i].id))
            << q;
      }
    }
    std::vector<int64_t> a, b;
    for (const auto& s : all) a.push_back(s.id);
    for (const auto& s : bounded) b.push_back(s.id);
    cut += a != b;
  }
  EXPECT_GE(cut, 1);  // the bounds did change some answers: the bounded path ran

  // A common longest word with a rare shorter one ("chloe bernard" on a region): the rare word
  // gives the candidates, and the answer is whole, as without bounds.
  std::string common_word, rare_word;
  db().Read([&](db::Connection& c) {
    c.Query("SELECT token FROM household_search WHERE organisation_id = ? GROUP BY token "
            "HAVING COUNT(*) > 60 ORDER BY LENGTH(token) DESC, token LIMIT 1",
            {db::P(org_a_)}, [&](const db::Row& r) { common_word = r.Str(0); });
    return Unit{};
  });
  ASSERT_FALSE(common_word.empty());
  for (const auto& s : search(common_word, {}, 100'000)) {
    db().Read([&](db::Connection& c) {  // a name token of one of its households, shorter and rare
      c.Query("SELECT t.token FROM household_search t WHERE t.organisation_id = ? AND t.household_id = ? "
              "AND t.weight = 3 AND LENGTH(t.token) < ? AND LENGTH(t.token) > 2 AND (SELECT COUNT(*) FROM "
              "household_search u WHERE u.organisation_id = t.organisation_id AND u.token >= t.token "
              "AND u.token < t.token || '~') < 10 ORDER BY t.token LIMIT 1",
              {db::P(org_a_), db::P(s.id), db::P(static_cast<int64_t>(common_word.size()))},
              [&](const db::Row& r) { rare_word = r.Str(0); });
      return Unit{};
    });
    if (!rare_word.empty()) break;
  }
  ASSERT_FALSE(rare_word.empty()) << common_word;
  const std::string q = rare_word + " " + common_word;
  std::vector<std::pair<int64_t, double>> whole, bounded;
  for (const auto& s : search(q, {})) whole.emplace_back(s.id, s.score);
  for (const auto& s : search(q, small)) bounded.emplace_back(s.id, s.score);
  EXPECT_FALSE(whole.empty()) << q;
  EXPECT_EQ(bounded, whole) << q;
}

INSTANTIATE_TEST_SUITE_P(Engines, HousingTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::housing
