#include "platform/core/json_body.h"

#include <set>
#include <vector>

#include "platform/core/text.h"

namespace relais {
namespace {
constexpr int kMaxDepth = 32;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

Result<nlohmann::json> ParseJsonObject(std::string_view body) {
  // Bound the nesting before parsing: a hostile body of 100,000 '[' must not exhaust the stack.
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : body) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return Invalid("", "Le corps de la requête est trop imbriqué.");
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  if (!text::IsValidUtf8(body)) return Invalid("", "Le corps de la requête n'est pas en UTF-8 valide.");
  // The parser's position, one frame per open object or array, to name the field of an error:
  // "members[0].first_name".
  struct Frame {
    bool object = true;
    bool pending = false;  // object: a key is read, its value is not complete yet
    size_t index = 0;      // array: the element being read
    std::string key;
    std::set<std::string, std::less<>> keys;
  };
  std::vector<Frame> frames;
  auto path = [&frames] {
    std::string out;
    for (const auto& f : frames) {
      if (f.object) {
        if (!f.pending) break;
        out += (out.empty() ? "" : ".") + f.key;
      } else {
        out += "[" + std::to_string(f.index) + "]";
      }
    }
    return out;
  };
  auto element_done = [&frames] {
    if (frames.empty()) return;
    if (frames.back().object) frames.back().pending = false;
    else ++frames.back().index;
  };
  // A key given twice: which value counts would depend on the reader (a proxy, a log, another
  // parser may take the first), so the body is refused rather than read.
  std::string duplicate;
  using Event = nlohmann::json::parse_event_t;
  auto callback = [&](int, Event event, nlohmann::json& parsed) {
    switch (event) {
      case Event::object_start: frames.push_back({}); break;
      case Event::array_start: frames.push_back({.object = false}); break;
      case Event::key: {
        Frame& f = frames.back();
        f.key = parsed.get<std::string>();
        f.pending = true;
        if (!f.keys.insert(f.key).second && duplicate.empty()) duplicate = path();
        break;
      }
      case Event::value: element_done(); break;
      case Event::object_end:
      case Event::array_end:
        frames.pop_back();
        element_done();
        break;
    }
    return true;
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(body, callback);
  } catch (const nlohmann::json::out_of_range&) {
    // 1e400, or an integer of 5,000 digits: the parser names no field, the frames do.
    std::string at = path();
    return Invalid(at, at.empty() ? "Un nombre du corps de la requête est hors limites."
                                  : "Ce nombre est hors limites.");
  } catch (const nlohmann::json::exception&) {
    return Invalid("", "Le corps de la requête n'est pas un JSON valide.");
  }
  if (!j.is_object()) return Invalid("", "Le corps de la requête doit être un objet JSON.");
  if (!duplicate.empty()) return Invalid(duplicate, "Ce champ est donné plusieurs fois.");
  return j;
}

const nlohmann::json* FieldReader::Get(std::string_view key) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool FieldReader::Has(std::string_view key) const { return obj_.contains(key); }

void FieldReader::Fail(std::string field, std::string message) {
  for (const auto& [f, m] : error_.fields) {
    if (f == field) return;
  }
  error_.fields.emplace_back(std::move(field), std::move(message));
}

void FieldReader::RejectUnknown(std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : obj_.items()) {
    bool found = false;
    for (auto k : known) found = found || k == key;
    if (!found) Fail(key, "Champ inconnu.");
  }
}

Error FieldReader::error() const {
  Error e = error_;
  if (!e.fields.empty()) {
    e.field = e.fields.front().first;
    e.message = e.fields.size() == 1 ? e.fields.front().second
                                     : "Plusieurs champs sont à corriger.";
  }
  return e;
}

std::optional<std::string> FieldReader::OptStr(std::string_view key, size_t max_len) {
  const auto* v = Get(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    Fail(std::string(key), "Ce champ doit être un texte.");
    return std::nullopt;
  }
  std::string s(text::Trim(v->get_ref<const std::string&>()));
  if (CodePoints(s) > max_len) {
    Fail(std::string(key), "Ce champ dépasse " + std::to_string(max_len) + " caractères.");
    return std::nullopt;
  }
  for (unsigned char c : s) {
    if (c < 0x20 && c != '\n' && c != '\t') {
      Fail(std::string(key), "Ce champ contient un caractère de contrôle.");
      return std::nullopt;
    }
  }
  return s;
}

std::string FieldReader::Str(std::string_view key, size_t max_len) {
  bool present = Get(key) != nullptr;
  auto s = OptStr(key, max_len);
  if (!present || (s && s->empty())) {
    Fail(std::string(key), "Ce champ est obligatoire.");
    return {};
  }
  return s.value_or("");
}

std::optional<int64_t> FieldReader::OptInt(std::string_view key, int64_t min, int64_t max) {
  const auto* v = Get(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) {
    Fail(std::string(key), "Ce champ doit être un nombre entier.");
    return std::nullopt;
  }
  // Unsigned values above INT64_MAX are out of range too.
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    Fail(std::string(key), "Ce nombre est hors limites.");
    return std::nullopt;
  }
  int64_t n = v->get<int64_t>();
  if (n < min || n > max) {
    Fail(std::string(key), "Ce nombre doit être compris entre " + std::to_string(min) + " et " +
                               std::to_string(max) + ".");
    return std::nullopt;
  }
  return n;
}

int64_t FieldReader::Int(std::string_view key, int64_t min, int64_t max) {
  if (Get(key) == nullptr) {
    Fail(std::string(key), "Ce champ est obligatoire.");
    return 0;
  }
  return OptInt(key, min, max).value_or(0);
}

std::optional<bool> FieldReader::OptBool(std::string_view key) {
  const auto* v = Get(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    Fail(std::string(key), "Ce champ doit valoir true ou false.");
    return std::nullopt;
  }
  return v->get<bool>();
}

bool FieldReader::Bool(std::string_view key) {
  if (Get(key) == nullptr) {
    Fail(std::string(key), "Ce champ est obligatoire.");
    return false;
  }
  return OptBool(key).value_or(false);
}

std::optional<CivilDate> FieldReader::OptDate(std::string_view key) {
  const auto* v = Get(key);
  if (v == nullptr) return std::nullopt;
  std::optional<CivilDate> d;
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() == 10 && s[4] == '-') d = ParseDate(s);
  }
  if (!d) Fail(std::string(key), "La date doit être au format AAAA-MM-JJ et exister.");
  return d;
}

CivilDate FieldReader::Date(std::string_view key) {
  if (Get(key) == nullptr) {
    Fail(std::string(key), "Ce champ est obligatoire.");
    return {};
  }
  return OptDate(key).value_or(CivilDate{});
}

}  // namespace relais
