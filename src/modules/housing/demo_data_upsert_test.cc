// The demo rows go through the real bulk upserts (SQLite): chunk by chunk, stock then
// households, and a second run of the same seed changes nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "modules/housing/demo_data.h"
#include "platform/db/migrate.h"

namespace relais::housing::demo {
namespace {

class DemoUpsert : public testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("relais_demo_upsert_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
             std::to_string(reinterpret_cast<uintptr_t>(this)) + ".db");
    std::filesystem::remove(path_);
    db_ = db::Database::Open("sqlite://" + path_.string(), 2);
    db::Migrate(*db_);
  }
  void TearDown() override {
    db_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }

  // Loads the demo the way the composition root will; returns the summed counts.
  UpsertCounts Load(const Options& o) {
    UpsertCounts total;
    std::map<int, int64_t> org;
    auto r = GenerateChunks(o, Communes(), [&](Chunk& chunk) {
      auto w = db_->Write([&](db::Connection& c) -> Result<Unit> {
        if (chunk.first) {
          auto id = c.QueryInt("SELECT id FROM organisations WHERE siren = ?", {db::P(chunk.landlord->organisation.siren)});
          if (!id) {
            auto made = CreateOrganisation(c, chunk.landlord->organisation.name, chunk.landlord->organisation.siren);
            if (!made) return made.error();
            id = *made;
          }
          org[chunk.landlord->index] = *id;
        }
        auto s = UpsertStock(c, org.at(chunk.landlord->index), chunk.stock);
        if (!s) return s.error();
        auto h = UpsertHouseholds(c, org.at(chunk.landlord->index), chunk.households);
        if (!h) return h.error();
        total.created += s->created + h->created;
        total.updated += s->updated + h->updated;
        total.unchanged += s->unchanged + h->unchanged;
        return Unit{};
      });
      EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message);
    });
    EXPECT_TRUE(r.ok());
    return total;
  }

  std::filesystem::path path_;
  std::unique_ptr<db::Database> db_;
};

TEST_F(DemoUpsert, RowsLoadChunkByChunkAndReloadingTheSameSeedChangesNothing) {
  Options o;
  o.households = 1'200;
  o.landlords = 2;
  o.seed = 11;
  o.reference_date = {2026, 11, 27};
  o.chunk_households = 250;
  int64_t dwellings = 0;
  const auto all = Generate(o, Communes());  // kept alive: the loop below borrows from it
  ASSERT_TRUE(all.ok());
  for (const auto& l : all.value()) dwellings += static_cast<int64_t>(l.stock.size());

  const UpsertCounts first = Load(o);
  EXPECT_EQ(first.created, dwellings + 1'200);
  EXPECT_EQ(first.updated, 0);

  auto counts = db_->Read([](db::Connection& c) {
    return std::vector<int64_t>{*c.QueryInt("SELECT COUNT(*) FROM organisations"),
                                *c.QueryInt("SELECT COUNT(*) FROM households"),
                                *c.QueryInt("SELECT COUNT(*) FROM dwellings"),
                                *c.QueryInt("SELECT COUNT(*) FROM members"),
                                *c.QueryInt("SELECT COUNT(*) FROM agencies")};
  });
  EXPECT_EQ(counts[0], 2);
  EXPECT_EQ(counts[1], 1'200);
  EXPECT_EQ(counts[2], dwellings);
  EXPECT_GT(counts[3], 2'400);
  EXPECT_GE(counts[4], 2);

  const UpsertCounts again = Load(o);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.updated, 0);
  EXPECT_EQ(again.unchanged, dwellings + 1'200);
}

}  // namespace
}  // namespace relais::housing::demo
