// The one list of record types (audit.h): every type the code writes in the trail is in it, and
// api/openapi.yaml's AuditRecordType enum is the same list, so that the trail's filter accepts
// every type an entry can carry (it once refused appointments, ledgers and closures with a 400).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "modules/audit/audit.h"

namespace relais::audit {
namespace {

std::string SourceDir() {
  const char* dir = std::getenv("RELAIS_SOURCE_DIR");
  return dir ? dir : ".";
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> Listed() {
  std::set<std::string> listed;
  for (auto t : RecordTypes()) listed.insert(std::string(t));
  return listed;
}

TEST(RecordTypesTest, AreUniqueSnakeCaseAndKnown) {
  const std::regex snake("[a-z]+(_[a-z]+)*");
  EXPECT_EQ(Listed().size(), RecordTypes().size()) << "a type is listed twice";
  for (auto t : RecordTypes()) {
    EXPECT_TRUE(std::regex_match(std::string(t), snake)) << t;
    EXPECT_TRUE(KnownRecordType(t)) << t;
  }
  for (auto t : {"appointment", "lease_ledger", "arrears_step", "reception_site", "opening_range", "site_closure",
                 "staff_absence", "appointment_reason", "appointment_waitlist", "support_case", "household"}) {
    EXPECT_TRUE(KnownRecordType(t)) << t;
  }
  for (auto t : {"", "appointments", "Household", "household ", "menage"}) EXPECT_FALSE(KnownRecordType(t)) << t;
  const std::string words = RecordTypesInWords();
  EXPECT_TRUE(words.starts_with("household, building, ")) << words;
  EXPECT_TRUE(words.ends_with(" ou staff_absence")) << words;
}

// Reads the sources: every record type written by the modules (audit::Of(actor, "op", "type", id),
// Entry{..., "op", "type", ...}, e.record_type = "type", kRecordType = "type") is in the list.
TEST(RecordTypesTest, EveryTypeTheCodeWritesIsListed) {
  // An operation of the one list of operations (audit.h), then the type.
  std::string operations;
  for (auto op : Operations()) operations += (operations.empty() ? "" : "|") + std::string(op);
  const std::regex written("\"(?:" + operations + R"re()"\s*,\s*"([a-z_]+)")re"
                           R"re(|record_type = "([a-z_]+)"|kRecordType = "([a-z_]+)")re");
  const auto listed = Listed();
  std::set<std::string> seen;
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SourceDir() + "/src")) {
    const auto path = entry.path().string();
    if (!entry.is_regular_file() || !path.ends_with(".cc") || path.ends_with("_test.cc")) continue;
    ++files;
    const std::string text = ReadAll(entry.path());
    for (std::sregex_iterator m(text.begin(), text.end(), written), end; m != end; ++m) {
      for (size_t g = 1; g <= 3; ++g) {
        if (!(*m)[g].matched) continue;
        const std::string type = (*m)[g].str();
        // Two operations in a row are the list of operations itself (audit_routes.cc), not a write.
        if (g == 1 && KnownOperation(type)) continue;
        seen.insert(type);
        EXPECT_TRUE(listed.count(type)) << path << " writes record type \"" << type
                                        << "\" that src/modules/audit/audit_routes.cc does not list";
      }
    }
  }
  EXPECT_GT(files, 100) << "the sources were not found under " << SourceDir();
  EXPECT_GE(seen.size(), 30u);
}

TEST(RecordTypesTest, TheOpenApiEnumIsTheSameList) {
  const std::string spec = ReadAll(SourceDir() + "/api/openapi.yaml");
  const std::regex enum_line(R"(AuditRecordType:\s*\n\s*type: string\s*\n\s*enum: \[([^\]]*)\])");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(spec, m, enum_line)) << "no AuditRecordType schema in api/openapi.yaml";
  std::set<std::string> in_spec;
  std::stringstream items(m[1].str());
  for (std::string item; std::getline(items, item, ',');) {
    const auto b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
    if (b != std::string::npos) in_spec.insert(item.substr(b, e - b + 1));
  }
  EXPECT_EQ(in_spec, Listed());
}

}  // namespace
}  // namespace relais::audit
