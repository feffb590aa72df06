// Reading a JSON request body into typed fields, collecting every error with its field and a
// French message, so that a form shows all its mistakes at once and nothing half-valid is used.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "platform/core/dates.h"
#include "platform/core/error.h"

namespace relais {

// Parses a request body that must be one JSON object (at most kMaxDepth deep), in UTF-8, with
// each key given once per object. Returns kInvalid otherwise: "n'est pas un JSON valide" for a
// syntax error; for a key given twice or a number out of range (1e400), the error's field is the
// path of the value ("members[0].first_name").
Result<nlohmann::json> ParseJsonObject(std::string_view body);

class FieldReader {
 public:
  explicit FieldReader(const nlohmann::json& object) : obj_(object) {}

  // Required string, trimmed, 1..max_len characters (UTF-8 code points).
  std::string Str(std::string_view key, size_t max_len = 200);
  // Optional string: nullopt when absent or null; "" stays "" (clears the value on update).
  std::optional<std::string> OptStr(std::string_view key, size_t max_len = 200);
  // Integer within [min, max].
  int64_t Int(std::string_view key, int64_t min, int64_t max);
  std::optional<int64_t> OptInt(std::string_view key, int64_t min, int64_t max);
  bool Bool(std::string_view key);
  std::optional<bool> OptBool(std::string_view key);
  // Date "YYYY-MM-DD".
  std::optional<CivilDate> OptDate(std::string_view key);
  CivilDate Date(std::string_view key);
  bool Has(std::string_view key) const;

  // Records an error for a field (keeps the first per field).
  void Fail(std::string field, std::string message);
  // Every key not in `known` is an error ("Champ inconnu.").
  void RejectUnknown(std::initializer_list<std::string_view> known);

  bool ok() const { return error_.fields.empty(); }
  // A kInvalid error naming the first field, with every field in error.fields.
  Error error() const;

 private:
  const nlohmann::json* Get(std::string_view key) const;
  const nlohmann::json& obj_;
  Error error_{ErrorCode::kInvalid, {}, {}, {}};
};

// Parses `body` as one JSON object and hands it to `read(FieldReader&)`: the body's first error
// (unreadable JSON, or every field in error), or nullopt when it is good. Routes about a record
// look for the record when this fails: another landlord's record is 404 whatever the body says.
template <class Read>
std::optional<Error> ReadJsonBody(std::string_view body, Read read) {
  auto j = ParseJsonObject(body);
  if (!j.ok()) return j.error();
  FieldReader f(*j);
  read(f);
  if (!f.ok()) return f.error();
  return std::nullopt;
}

}  // namespace relais
