// Civil dates (platform/core/dates.h) and the date cells of CSV exports (csv::ParseDateValue):
// whatever they accept is a real date that formats and parses back to itself; day arithmetic
// round-trips over the years Relais can meet.
#include <chrono>
#include <cstdint>
#include <cstring>

#include "check.h"
#include "platform/core/dates.h"
#include "platform/csv/csv.h"

using namespace relais;

namespace {

void CheckDate(CivilDate d) {
  CHECK(IsValid(d));
  const std::string iso = FormatIso(d);
  CHECK(iso.size() == 10);
  CHECK(ParseDate(iso) == d);
  CHECK(CivilFromDays(DaysFromCivil(d)) == d);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view s = fuzz::View(data, size);
  const auto parsed = ParseDate(s);
  if (parsed) CheckDate(*parsed);
  const auto cell = csv::ParseDateValue(s);
  if (cell.ok()) {
    CheckDate(*cell);
  } else {
    CHECK(cell.error().code == ErrorCode::kInvalid);
    CHECK(!cell.error().message.empty());
  }
  if (parsed && cell.ok()) CHECK(*parsed == *cell);  // the two readers of a date agree

  if (size >= 16) {
    int64_t a = 0, b = 0;
    std::memcpy(&a, data, 8);
    std::memcpy(&b, data + 8, 8);
    // Days within +-8,000 years of 1970; milliseconds within +-3,000 years.
    const int64_t days = a % 3'000'000;
    const CivilDate d = CivilFromDays(days);
    CHECK(d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= DaysInMonth(d.year, d.month));
    CHECK(IsValid(d) || d.year < 1 || d.year > 9999);
    CHECK(DaysFromCivil(d) == days);
    const CivilDate e = CivilFromDays(b % 3'000'000);
    if (d <= e) CHECK(AgeOn(d, e) >= 0);
    const int64_t ms = b % 95'000'000'000'000;
    const std::string utc = FormatUtcMillis(ms);
    CHECK(!utc.empty() && utc.back() == 'Z');
    const CivilDate paris = ParisDateOf(std::chrono::sys_seconds(std::chrono::seconds(ms / 1000)));
    CHECK(paris.month >= 1 && paris.month <= 12 && paris.day >= 1 && paris.day <= 31);
  }
  return 0;
}
