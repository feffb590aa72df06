// The import row mapping of `relais import stock|households` (housing::ReadStockFile,
// ReadHouseholdFile) and the cell readers behind it. First byte: bit 0 chooses the file kind,
// bit 1 reads a mapping file before the first NUL. Whatever the bytes: rows and lines match, every
// problem has a line and a reason, in line order, and rows read without problems pass the rules.
#include <cstdint>

#include "check.h"
#include "modules/housing/housing_import.h"
#include "platform/core/text.h"

using namespace relais;

namespace {

template <class File>
void CheckFile(const File& f) {
  CHECK(f.rows.size() == f.lines.size());
  int64_t line = 0;
  for (const auto& p : f.problems) {
    CHECK(p.line >= line);
    line = p.line;
    CHECK(!p.message.empty());
    CHECK(text::IsValidUtf8(csv::Describe(p)));
  }
  for (size_t i = 1; i < f.lines.size(); ++i) CHECK(f.lines[i] > f.lines[i - 1]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  std::string_view rest = fuzz::View(data + 1, size - 1);
  std::optional<csv::Mapping> mapping;
  if (mode & 2) {
    auto [m, csv_bytes] = fuzz::SplitAtNul(rest);
    if (auto parsed = csv::Mapping::Parse(std::string(m)); parsed.ok()) mapping = std::move(*parsed);
    rest = csv_bytes;
  }
  const csv::Mapping* map = mapping ? &*mapping : nullptr;
  if (mode & 1) {
    const auto f = housing::ReadHouseholdFile(std::string(rest), map);
    CheckFile(f);
    if (f.problems.empty()) {
      for (const auto& row : f.rows) {
        CHECK(!row.household.reference.empty());
        CHECK(!row.household.members.empty());
        for (const auto& p : row.household.phones) CHECK(text::NormalizePhoneFr(p.number) == p.number);
      }
    }
  } else {
    const auto f = housing::ReadStockFile(std::string(rest), map);
    CheckFile(f);
    if (f.problems.empty()) {
      for (const auto& row : f.rows) {
        CHECK(!row.building.reference.empty() && !row.dwelling.reference.empty());
        CHECK(row.dwelling.rooms >= 1 && row.dwelling.rooms <= 6);
      }
    }
  }
  // The cell readers of the households file, on the raw bytes of the input.
  if (text::IsValidUtf8(rest)) {
    auto occupants = housing::ParseOtherOccupants(rest, "DUPONT");
    if (occupants.ok()) {
      for (const auto& m : *occupants) CHECK(!m.first_name.empty() && !m.last_name.empty());
    }
  }
  if (auto t = housing::ParseTypology(rest); t.ok()) CHECK(*t >= 1 && *t <= 6);
  if (auto f = housing::ParseFloor(rest); f.ok()) CHECK(*f >= -1000 && *f <= 1000);
  return 0;
}
