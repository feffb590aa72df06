// CSV files as French landlord software exports them: `;` or `,` separated, UTF-8 or Windows-1252,
// CRLF or LF, RFC 4180 quoting. A Table owns the file's text (converted to UTF-8) and gives each
// record's cells as views into it, with the physical line where the record starts (header = 1).
// Also: the value parsers of French exports (dates, euros, m², yes/no) and the column mapping
// that finds canonical columns in another export's header. Pure: no I/O except ReadFile.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/core/dates.h"
#include "platform/core/error.h"

namespace relais::csv {

enum class Encoding { kUtf8, kWindows1252 };
std::string_view EncodingName(Encoding e);  // "UTF-8", "Windows-1252"

// One problem found in a file. line is the physical line (1-based, the header is line 1; 0 when
// the problem is about the whole file); column is the header as written in the file, or empty
// when the problem is about the whole record; message is French, for the operator.
struct Problem {
  int64_t line = 0;
  std::string column;
  std::string message;
};
// "line 12, column loyer: montant invalide « 12,345 » (au plus 2 décimales)", or "line 12: ..."
// without a column, or the bare message for line 0.
std::string Describe(const Problem& p);
// One kInvalid Error for a refused file: message says how many problems and gives the first;
// fields holds every problem as (column, Describe(problem)), in file order.
Error ToError(const std::vector<Problem>& problems);

// A parsed file. Records whose field count differs from the header's, or whose quoting is
// malformed, are left out and reported in problems(): a caller that must be all-or-nothing
// refuses the file when problems() is not empty, after reporting every problem at once.
class Table {
 public:
  Encoding encoding() const { return encoding_; }
  char separator() const { return separator_; }
  size_t column_count() const { return column_count_; }
  // Header cell c as written in the file (outer spaces removed).
  std::string_view header(size_t c) const { return View(cells_[c]); }
  size_t record_count() const { return lines_.size(); }
  // Physical line where record r starts (a quoted field may span several lines).
  int64_t line(size_t r) const { return lines_[r]; }
  // Cell c of record r, unquoted and unescaped, spaces kept as in the file.
  std::string_view cell(size_t r, size_t c) const { return View(cells_[(r + 1) * column_count_ + c]); }
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  friend Table ReadTable(std::string bytes);
  // Offsets rather than string_views: a moved std::string may move its (small) buffer.
  struct Span {
    uint32_t offset = 0;
    uint32_t size = 0;
  };
  std::string_view View(Span s) const { return std::string_view(text_).substr(s.offset, s.size); }

  std::string text_;          // the whole file in UTF-8; quoted cells are unescaped in place
  Encoding encoding_ = Encoding::kUtf8;
  char separator_ = ';';
  size_t column_count_ = 0;
  std::vector<Span> cells_;   // header then records, column_count_ cells each
  std::vector<int64_t> lines_;
  std::vector<Problem> problems_;
};

// Reads a whole file's bytes. The separator (`;`, `,` or tab, the most frequent outside quotes
// in the header line) and the encoding (valid UTF-8, else Windows-1252) are detected; a UTF-8
// BOM is dropped; CRLF inside quoted cells becomes LF. Blank lines and lines of empty cells
// (";;;;" that spreadsheets leave) are skipped. Never fails: an empty file, a UTF-16 file, bad
// quoting or a wrong field count are reported in problems().
Table ReadTable(std::string bytes);

// The whole content of a file. kNotFound / kInvalid with a French message naming the path.
Result<std::string> ReadFile(const std::string& path);

// ---- Writing -----------------------------------------------------------------------------------
// Appends one cell of a ';'-separated file: as is, or in quotes (quotes doubled) when it holds
// the separator, a quote or a line break (RFC 4180), as the reader above expects it.
void AppendCell(std::string& out, std::string_view value);

// ---- Values ------------------------------------------------------------------------------------
// Each parser trims ASCII spaces around the value first. On failure: kInvalid with a French
// reason quoting the value, field left empty (the caller knows the column). An empty value is
// an error except for ParseBoolean (false): callers decide whether a cell may be empty.

// "07/03/2024", "7/3/2024" or "2024-03-07".
Result<CivilDate> ParseDateValue(std::string_view s);
// Euros to cents, exactly: "1 234,56" -> 123456, "12,5" -> 1250, "-3,00" -> -300, "12 €" -> 1200.
// Decimal comma or point (at most one, at most 2 decimals); spaces, U+00A0 and U+202F between
// digits of the integer part as thousands separators; optional sign; optional € before or after.
Result<int64_t> ParseAmountCents(std::string_view s);
// oui/non, o/n, 1/0, true/false, vrai/faux (any case), x = true, empty = false.
Result<bool> ParseBoolean(std::string_view s);
// Optional sign then digits: "-1", "12".
Result<int64_t> ParseInteger(std::string_view s);
// Square metres to hundredths: "65,23" -> 6523, "65" -> 6500, "1 020,5 m²" -> 102050. Not negative.
Result<int64_t> ParseSurfaceHundredths(std::string_view s);

// ---- Columns -----------------------------------------------------------------------------------

// A column a file kind expects, by canonical name ("reference_logement").
struct Column {
  std::string_view name;
  bool required = false;
};

// Renames another export's headers to canonical names. The mapping file is text, one rename
// per line: `canonical_name = Header as in the export`; blank lines and lines starting with `#`
// are ignored; UTF-8 or Windows-1252. Example: `reference_logement = N° lot`.
class Mapping {
 public:
  // Errors: kInvalid "line N: ..." for a line without `=`, an empty side, or a canonical name
  // given twice.
  static Result<Mapping> Parse(std::string bytes);
  // The export's header for a canonical name, or nullptr when the mapping does not rename it.
  const std::string* HeaderFor(std::string_view canonical) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;  // (canonical, header)
};

// Where the canonical columns are in a table's header.
struct ColumnIndex {
  static constexpr int kAbsent = -1;
  std::vector<int> index;  // per expected column, in the order given: cell index or kAbsent
  std::vector<Problem> problems;    // a missing required column, a column found twice
  std::vector<std::string> warnings;  // ignored extra columns, mapping entries not used
};

// Finds each expected column: the header renamed by the mapping, else the canonical name.
// Matching ignores case, accents and punctuation ("Référence logement" matches
// reference_logement; spaces and underscores do not count). Problems are on line 1 (the header line).
ColumnIndex ResolveColumns(const Table& table, std::span<const Column> expected, const Mapping* mapping);

}  // namespace relais::csv
