// The CSV reader of landlord exports (platform/csv): ReadTable on any bytes, the value parsers on
// every cell, the column mapping file and the column resolution. Never fails, whatever the bytes;
// what it gives is consistent: UTF-8 cells inside the text, lines in order, problems described.
#include <cstdint>
#include <vector>

#include "check.h"
#include "platform/core/text.h"
#include "platform/csv/csv.h"

using namespace relais;

namespace {

constexpr csv::Column kColumns[] = {
    {"reference_logement", true}, {"loyer", false}, {"date_entree", false}, {"surface", false}, {"ascenseur", false}};

void CheckProblems(const std::vector<csv::Problem>& problems) {
  for (const auto& p : problems) {
    CHECK(p.line >= 0);
    CHECK(!p.message.empty());
    CHECK(text::IsValidUtf8(p.message));
    CHECK(!csv::Describe(p).empty());
  }
  if (!problems.empty()) {
    const Error e = csv::ToError(problems);
    CHECK(e.code == ErrorCode::kInvalid);
    CHECK(e.fields.size() == problems.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Before the first NUL: a mapping file; after it (or the whole input): the CSV file. A NUL in
  // a real export is data too, so the whole input is also read as a CSV file once.
  const std::string_view input = fuzz::View(data, size);
  const auto [mapping_bytes, rest] = fuzz::SplitAtNul(input);
  std::optional<csv::Mapping> mapping;
  if (!rest.empty()) {
    auto m = csv::Mapping::Parse(std::string(mapping_bytes));
    if (m.ok()) {
      for (const auto& [canonical, header] : m->entries()) CHECK(!canonical.empty() && !header.empty());
      mapping = std::move(*m);
    } else {
      CHECK(m.error().code == ErrorCode::kInvalid);
    }
  }

  for (std::string_view bytes : {input, rest}) {
    const csv::Table t = csv::ReadTable(std::string(bytes));
    CheckProblems(t.problems());
    int64_t last_line = 1;
    for (size_t c = 0; c < t.column_count(); ++c) CHECK(text::IsValidUtf8(t.header(c)));
    for (size_t r = 0; r < t.record_count(); ++r) {
      CHECK(t.line(r) > last_line || (r == 0 && t.line(r) >= 2));
      last_line = t.line(r);
      for (size_t c = 0; c < t.column_count(); ++c) {
        const std::string_view cell = t.cell(r, c);
        CHECK(text::IsValidUtf8(cell));
        // Every value parser on every cell: a value or a French reason, never a crash.
        if (auto v = csv::ParseAmountCents(cell); !v.ok()) CHECK(!v.error().message.empty());
        if (auto v = csv::ParseInteger(cell); !v.ok()) CHECK(!v.error().message.empty());
        if (auto v = csv::ParseSurfaceHundredths(cell); v.ok()) CHECK(*v >= 0);
        if (auto v = csv::ParseBoolean(cell); !v.ok()) CHECK(!v.error().message.empty());
        if (auto v = csv::ParseDateValue(cell); v.ok()) CHECK(IsValid(*v));
      }
    }
    const csv::ColumnIndex index = csv::ResolveColumns(t, kColumns, mapping ? &*mapping : nullptr);
    CHECK(index.index.size() == std::size(kColumns));
    for (int i : index.index) CHECK(i == csv::ColumnIndex::kAbsent || (i >= 0 && static_cast<size_t>(i) < t.column_count()));
    CheckProblems(index.problems);
  }
  return 0;
}
