#include "platform/csv/csv.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

#include "platform/core/text.h"

namespace relais::csv {

std::string_view EncodingName(Encoding e) { return e == Encoding::kUtf8 ? "UTF-8" : "Windows-1252"; }

std::string Describe(const Problem& p) {
  std::string out;
  if (p.line > 0) {
    out = "line " + std::to_string(p.line);
    if (!p.column.empty()) out += ", column " + p.column;
    out += ": ";
  } else if (!p.column.empty()) {
    out = "column " + p.column + ": ";
  }
  out += p.message;
  return out;
}

Error ToError(const std::vector<Problem>& problems) {
  Error e{ErrorCode::kInvalid, {}, {}};
  if (problems.empty()) {
    e.message = "Fichier refusé.";
    return e;
  }
  e.message = "Fichier refusé : " + std::to_string(problems.size()) +
              (problems.size() == 1 ? " problème. " : " problèmes ; le premier : ") + Describe(problems.front());
  e.field = problems.front().column;
  e.fields.reserve(problems.size());
  for (const auto& p : problems) e.fields.emplace_back(p.column, Describe(p));
  return e;
}

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Valid UTF-8 (same rules as text::IsValidUtf8: no overlong forms, no surrogates), checking
// eight ASCII bytes at a time first: exports are mostly ASCII and this runs over the whole file.
bool LooksUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return k < n && p[k] >= lo && p[k] <= hi; };
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned c = p[i];
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!cont(i + 1)) return false;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return false;
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

// Index of the first byte equal to a, b or c in s[i, n), or n; eight bytes at a time (SWAR):
// the lowest flagged byte of the has-zero trick is exact, borrows only flag bytes above it.
size_t FindAny(const char* s, size_t i, size_t n, char a, char b, char c) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto zero_bytes = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const uint64_t ma = kOnes * static_cast<unsigned char>(a), mb = kOnes * static_cast<unsigned char>(b),
                 mc = kOnes * static_cast<unsigned char>(c);
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    const uint64_t hit = zero_bytes(w ^ ma) | zero_bytes(w ^ mb) | zero_bytes(w ^ mc);
    if (hit != 0) return i + static_cast<size_t>(__builtin_ctzll(hit)) / 8;
  }
  while (i < n && s[i] != a && s[i] != b && s[i] != c) ++i;
  return i;
}

// Detects the separator on the header line: the most frequent of ; , and tab outside quotes.
char DetectSeparator(std::string_view text, size_t from) {
  size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (size_t i = from; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;  // a doubled quote toggles twice: still right
    else if (quoted) continue;
    else if (c == '\n') break;
    else if (c == ';') ++semicolons;
    else if (c == ',') ++commas;
    else if (c == '\t') ++tabs;
  }
  if (semicolons >= commas && semicolons >= tabs) return ';';  // also the default (one column)
  return commas >= tabs ? ',' : '\t';
}

std::string SeparatorName(char sep) {
  return sep == ';' ? "« ; »" : sep == ',' ? "« , »" : "tabulation";
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

Table ReadTable(std::string bytes) {
  Table t;
  auto problem = [&t](int64_t line, std::string message) {
    t.problems_.push_back({line, {}, std::move(message)});
  };
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    problem(0, "le fichier est en UTF-16 : enregistrez-le en « CSV UTF-8 » ou en « CSV (séparateur : point-virgule) ».");
    return t;
  }
  size_t start = 0;
  if (bytes.starts_with(kBom)) start = kBom.size();
  if (LooksUtf8(std::string_view(bytes).substr(start))) {
    t.text_ = std::move(bytes);
    t.encoding_ = Encoding::kUtf8;
  } else {
    t.text_ = text::Cp1252ToUtf8(std::string_view(bytes).substr(start));
    t.encoding_ = Encoding::kWindows1252;
    start = 0;
  }
  if (t.text_.size() >= std::numeric_limits<uint32_t>::max()) {
    problem(0, "fichier trop volumineux (4 Go au plus).");
    return t;
  }

  std::string& text = t.text_;
  const size_t n = text.size();
  const char sep = DetectSeparator(text, start);
  t.separator_ = sep;
  // Lines estimated from the first 256 KiB, to reserve the cells once.
  const size_t sample = std::min(n - start, size_t{1} << 18);
  const size_t sample_lines = static_cast<size_t>(std::count(text.begin() + start, text.begin() + start + sample, '\n'));
  const size_t line_estimate = sample == 0 ? 1 : (sample_lines + 1) * ((n - start) / sample + 1) * 11 / 10;

  using Span = Table::Span;
  auto span = [](size_t b, size_t e) { return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e - b)}; };
  bool have_header = false;
  size_t i = start;
  int64_t line = 1;

  while (i < n) {
    const size_t first_cell = t.cells_.size();
    const int64_t record_line = line;
    bool bad = false;
    for (;;) {
      if (i < n && text[i] == '"') {
        // Quoted: unescape in place ("" -> ", CRLF -> LF); the cell only ever shrinks.
        const size_t content = i + 1;
        size_t r = content, w = content;
        bool closed = false;
        while (r < n) {
          if (w == r) {
            // Nothing unescaped yet: jump to the next quote or newline (CR comes before LF).
            r = w = FindAny(text.data(), r, n, '"', '\n', '\r');
            if (r == n) break;
          }
          const char c = text[r];
          if (c == '"') {
            if (r + 1 < n && text[r + 1] == '"') {
              text[w++] = '"';
              r += 2;
              continue;
            }
            closed = true;
            ++r;
            break;
          }
          if (c == '\n') ++line;
          if (c == '\r' && r + 1 < n && text[r + 1] == '\n') {
            ++r;
            continue;
          }
          text[w++] = c;
          ++r;
        }
        if (!closed) {
          problem(record_line, "guillemet ouvert jamais fermé : le champ qui commence à cette ligne court jusqu'à la fin du fichier.");
          bad = true;
          i = n;
          break;
        }
        t.cells_.push_back(span(content, w));
        i = r;
        while (i < n && IsBlank(text[i])) ++i;
        if (i >= n) break;
        if (text[i] == sep) {
          ++i;
          continue;
        }
        if (text[i] == '\n' || (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
          i += text[i] == '\r' ? 2 : 1;
          ++line;
          break;
        }
        problem(line, "texte après le guillemet fermant d'un champ (un guillemet dans un champ se double : \"\").");
        bad = true;
        while (i < n && text[i] != '\n') ++i;
        if (i < n) {
          ++i;
          ++line;
        }
        break;
      }
      const size_t b = i;
      i = FindAny(text.data(), i, n, sep, '\n', '\n');
      size_t e = i;
      if ((i == n || text[i] == '\n') && e > b && text[e - 1] == '\r') --e;
      t.cells_.push_back(span(b, e));
      if (i < n && text[i] == sep) {
        ++i;
        continue;  // at the end of the text this yields a last empty cell, as "a;b;" means
      }
      if (i < n) {
        ++i;
        ++line;
      }
      break;
    }

    const size_t count = t.cells_.size() - first_cell;
    const bool empty = std::all_of(t.cells_.begin() + static_cast<ptrdiff_t>(first_cell), t.cells_.end(),
                                   [](Span s) { return s.size == 0; });
    if (bad || empty) {
      t.cells_.resize(first_cell);
      continue;
    }
    if (!have_header) {
      have_header = true;
      t.column_count_ = count;
      for (auto& s : t.cells_) {
        while (s.size > 0 && IsBlank(text[s.offset])) { ++s.offset; --s.size; }
        while (s.size > 0 && IsBlank(text[s.offset + s.size - 1])) --s.size;
      }
      t.cells_.reserve(count * (line_estimate + 1));
      t.lines_.reserve(line_estimate);
      continue;
    }
    if (count != t.column_count_) {
      problem(record_line, std::to_string(count) + " champs au lieu de " + std::to_string(t.column_count_) +
                               " (séparateur " + SeparatorName(sep) + ").");
      t.cells_.resize(first_cell);
      continue;
    }
    t.lines_.push_back(record_line);
  }
  if (!have_header) problem(0, "fichier vide : la première ligne doit donner les noms des colonnes.");
  return t;
}

Result<std::string> ReadFile(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    if (errno == ENOENT) return NotFound("Fichier introuvable : " + path);
    return Invalid("", "Impossible de lire le fichier " + path + " : " + std::strerror(errno));
  }
  std::string out;
  char buf[1 << 16];
  size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, f.get())) > 0) out.append(buf, got);
  if (std::ferror(f.get())) return Invalid("", "Impossible de lire le fichier " + path + ".");
  return out;
}

// ---- Values ----------------------------------------------------------------------------------

namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";        // U+00A0 no-break space
constexpr std::string_view kNarrowNbsp = "\xE2\x80\xAF";  // U+202F narrow no-break space
constexpr std::string_view kThinSpace = "\xE2\x80\x89";   // U+2009 (some exports use it too)
constexpr std::string_view kEuro = "\xE2\x82\xAC";

// Length of the space (ASCII, no-break or narrow) at s[i], 0 when none.
size_t SpaceAt(std::string_view s, size_t i) {
  if (s[i] == ' ' || s[i] == '\t') return 1;
  std::string_view rest = s.substr(i);
  if (rest.starts_with(kNbsp)) return kNbsp.size();
  if (rest.starts_with(kNarrowNbsp) || rest.starts_with(kThinSpace)) return 3;
  return 0;
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view TrimSpaces(std::string_view s) {
  // Most cells start and end with a printable ASCII character: nothing to trim.
  if (s.empty() || (static_cast<unsigned char>(s.front()) < 0x80 && !IsAsciiSpace(s.front()) &&
                    static_cast<unsigned char>(s.back()) < 0x80 && !IsAsciiSpace(s.back()))) {
    return s;
  }
  s = text::Trim(s);
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    for (auto sp : {kNbsp, kNarrowNbsp, kThinSpace}) {
      if (s.starts_with(sp)) { s.remove_prefix(sp.size()); changed = true; }
      if (s.ends_with(sp)) { s.remove_suffix(sp.size()); changed = true; }
    }
    s = text::Trim(s);
  }
  return s;
}

bool EqualsAsciiNoCase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// The key under which headers and canonical names match: folded, without spaces, so that
// "Téléphone 1", "TELEPHONE_1" and telephone1 are one column.
std::string HeaderKey(std::string_view s) {
  std::string key = text::Fold(s);
  std::erase(key, ' ');
  return key;
}

std::string Quoted(std::string_view s) { return "« " + std::string(s) + " »"; }

// An unsigned decimal number with at most two decimals, to hundredths. `what` names it in
// messages ("montant", "surface"); `hint` shows the expected form.
Result<int64_t> ParseHundredths(std::string_view raw, std::string_view s, std::string_view what,
                                std::string_view hint) {
  auto bad = [&](std::string_view why) {
    std::string m = std::string(what) + " invalide " + Quoted(TrimSpaces(raw));
    if (!why.empty()) m += " : " + std::string(why);
    m += " (attendu par exemple " + std::string(hint) + ")";
    return Invalid("", m);
  };
  if (s.empty()) return bad("");
  int64_t whole = 0, decimals = 0;
  int whole_digits = 0, decimal_digits = 0, group = 0;
  bool in_decimals = false, grouped = false, after_space = false;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (in_decimals) {
        if (decimal_digits == 2) return bad("au plus 2 décimales");
        decimals = decimals * 10 + (c - '0');
        ++decimal_digits;
      } else {
        if (whole_digits == 13) return bad("trop grand");
        whole = whole * 10 + (c - '0');
        ++whole_digits;
        ++group;
      }
      after_space = false;
      ++i;
    } else if (c == ',' || c == '.') {
      if (in_decimals) return bad("deux séparateurs décimaux");
      if (whole_digits == 0 || after_space) return bad("");
      if (grouped && group != 3) return bad("chiffres mal groupés par milliers");
      in_decimals = true;
      ++i;
    } else if (size_t sp = SpaceAt(s, i); sp > 0) {
      // Thousands separator: only between digit groups of the integer part ("1 234 567").
      if (in_decimals || after_space || whole_digits == 0) return bad("");
      if ((grouped && group != 3) || (!grouped && group > 3)) return bad("chiffres mal groupés par milliers");
      grouped = true;
      group = 0;
      after_space = true;
      i += sp;
    } else {
      return bad("");
    }
  }
  if (after_space) return bad("");
  if (in_decimals && decimal_digits == 0) return bad("");
  if (!in_decimals && grouped && group != 3) return bad("chiffres mal groupés par milliers");
  return whole * 100 + (decimal_digits == 1 ? decimals * 10 : decimals);
}

}  // namespace

Result<CivilDate> ParseDateValue(std::string_view raw) {
  const std::string_view s = TrimSpaces(raw);
  if (s.empty()) return Invalid("", "date vide (attendu jj/mm/aaaa ou aaaa-mm-jj)");
  if (auto d = ParseDate(s)) return *d;
  return Invalid("", "date invalide " + Quoted(s) + " (attendu jj/mm/aaaa ou aaaa-mm-jj)");
}

Result<int64_t> ParseAmountCents(std::string_view raw) {
  std::string_view s = TrimSpaces(raw);
  if (s.empty()) return Invalid("", "montant vide (attendu par exemple 1 234,56)");
  // The euro sign may follow or precede the number, and the sign may sit on either side of it.
  if (s.ends_with(kEuro)) s = TrimSpaces(s.substr(0, s.size() - kEuro.size()));
  bool negative = false, has_sign = false;
  auto take_sign = [&] {
    if (!has_sign && !s.empty() && (s[0] == '-' || s[0] == '+')) {
      negative = s[0] == '-';
      has_sign = true;
      s = TrimSpaces(s.substr(1));
    }
  };
  take_sign();
  if (s.starts_with(kEuro)) s = TrimSpaces(s.substr(kEuro.size()));
  take_sign();
  Result<int64_t> cents = ParseHundredths(raw, s, "montant", "1 234,56");
  if (cents.ok() && negative) return -cents.value();
  return cents;
}

Result<bool> ParseBoolean(std::string_view raw) {
  const std::string_view s = TrimSpaces(raw);
  static constexpr std::string_view kTrue[] = {"oui", "o", "1", "true", "vrai", "x"};
  static constexpr std::string_view kFalse[] = {"non", "n", "0", "false", "faux"};
  if (s.empty()) return false;
  for (auto t : kTrue) if (EqualsAsciiNoCase(s, t)) return true;
  for (auto f : kFalse) if (EqualsAsciiNoCase(s, f)) return false;
  return Invalid("", "valeur oui/non invalide " + Quoted(s) + " (attendu oui, non, o, n, 1, 0, vrai, faux, x ou vide)");
}

Result<int64_t> ParseInteger(std::string_view raw) {
  std::string_view s = TrimSpaces(raw);
  auto bad = [&] { return Invalid("", "nombre entier invalide " + Quoted(s)); };
  if (s.empty()) return Invalid("", "nombre entier vide");
  bool negative = false;
  size_t i = 0;
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size() || s.size() - i > 18) return bad();
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return bad();
    v = v * 10 + (s[i] - '0');
  }
  return negative ? -v : v;
}

Result<int64_t> ParseSurfaceHundredths(std::string_view raw) {
  std::string_view s = TrimSpaces(raw);
  if (s.empty()) return Invalid("", "surface vide (attendu par exemple 65,23)");
  for (std::string_view unit : {std::string_view("m\xC2\xB2"), std::string_view("m2")}) {
    if (s.size() >= unit.size() && EqualsAsciiNoCase(s.substr(s.size() - unit.size(), 1), "m") &&
        s.substr(s.size() - unit.size() + 1) == unit.substr(1)) {
      s = TrimSpaces(s.substr(0, s.size() - unit.size()));
      break;
    }
  }
  if (s.starts_with("-")) return Invalid("", "surface invalide " + Quoted(TrimSpaces(raw)) + " : ne peut pas être négative");
  return ParseHundredths(raw, s, "surface", "65,23");
}

// ---- Columns ---------------------------------------------------------------------------------

Result<Mapping> Mapping::Parse(std::string bytes) {
  std::string_view body = bytes;
  if (body.starts_with(kBom)) body.remove_prefix(kBom.size());
  std::string converted;
  if (!LooksUtf8(body)) {
    converted = text::Cp1252ToUtf8(body);
    body = converted;
  }
  Mapping m;
  int64_t line = 0;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view raw = text::Trim(body.substr(pos, end - pos));
    pos = end + 1;
    ++line;
    if (raw.empty() || raw[0] == '#') continue;
    auto at = [line](std::string message) {
      return Invalid("", "Correspondance de colonnes, line " + std::to_string(line) + ": " + message);
    };
    const size_t eq = raw.find('=');
    if (eq == std::string_view::npos) return at("« nom_canonique = En-tête du fichier » attendu.");
    const std::string canonical(text::Trim(raw.substr(0, eq)));
    std::string_view header = text::Trim(raw.substr(eq + 1));
    if (header.size() >= 2 && header.front() == '"' && header.back() == '"') header = header.substr(1, header.size() - 2);
    if (canonical.empty() || header.empty()) return at("nom canonique ou en-tête vide.");
    if (m.HeaderFor(canonical) != nullptr) return at("la colonne « " + canonical + " » est déjà renommée.");
    m.entries_.emplace_back(canonical, std::string(header));
  }
  return m;
}

const std::string* Mapping::HeaderFor(std::string_view canonical) const {
  const std::string key = HeaderKey(canonical);
  for (const auto& [c, h] : entries_) {
    if (HeaderKey(c) == key) return &h;
  }
  return nullptr;
}

ColumnIndex ResolveColumns(const Table& table, std::span<const Column> expected, const Mapping* mapping) {
  ColumnIndex out;
  out.index.assign(expected.size(), ColumnIndex::kAbsent);
  const size_t columns = table.column_count();
  std::vector<std::string> folded(columns);
  for (size_t c = 0; c < columns; ++c) folded[c] = HeaderKey(table.header(c));
  std::vector<bool> used(columns, false);

  auto find = [&](const std::string& key) {
    std::vector<size_t> hits;
    for (size_t c = 0; c < columns; ++c) {
      if (!key.empty() && folded[c] == key) hits.push_back(c);
    }
    return hits;
  };
  for (size_t k = 0; k < expected.size(); ++k) {
    const Column& col = expected[k];
    const std::string* renamed = mapping != nullptr ? mapping->HeaderFor(col.name) : nullptr;
    std::vector<size_t> hits;
    if (renamed != nullptr) {
      hits = find(HeaderKey(*renamed));
      if (hits.empty()) {
        out.warnings.push_back("colonne « " + *renamed + " » (correspondance de " + std::string(col.name) +
                               ") absente du fichier.");
      }
    }
    if (hits.empty()) hits = find(HeaderKey(col.name));
    if (hits.empty()) {
      if (col.required) {
        out.problems.push_back({1, {}, "colonne obligatoire absente : " + std::string(col.name) +
                                           (renamed != nullptr ? " (« " + *renamed + " » selon la correspondance)" : "")});
      }
      continue;
    }
    if (hits.size() > 1) {
      out.problems.push_back({1, std::string(table.header(hits[1])),
                              "colonne en double (colonnes " + std::to_string(hits[0] + 1) + " et " +
                                  std::to_string(hits[1] + 1) + ") pour " + std::string(col.name) + "."});
    }
    out.index[k] = static_cast<int>(hits[0]);
    for (size_t h : hits) used[h] = true;
  }

  for (size_t c = 0; c < columns; ++c) {
    if (used[c]) continue;
    if (!folded[c].empty()) {
      out.warnings.push_back("colonne « " + std::string(table.header(c)) + " » inconnue : ignorée.");
      continue;
    }
    // An unnamed column only matters if it holds something (spreadsheets add empty ones).
    for (size_t r = 0; r < table.record_count(); ++r) {
      if (!text::Trim(table.cell(r, c)).empty()) {
        out.warnings.push_back("colonne " + std::to_string(c + 1) + " sans en-tête : ignorée.");
        break;
      }
    }
  }
  if (mapping != nullptr) {
    for (const auto& entry : mapping->entries()) {
      // Named references, not a structured binding: clang 14 (the fuzz build) cannot capture one.
      const std::string& canonical = entry.first;
      const std::string& header = entry.second;
      const bool known = std::any_of(expected.begin(), expected.end(),
                                     [&](const Column& col) { return HeaderKey(col.name) == HeaderKey(canonical); });
      if (!known) {
        out.warnings.push_back("correspondance « " + canonical + " = " + header +
                               " » ignorée : ce fichier n'a pas de colonne " + canonical + ".");
      }
    }
  }
  return out;
}

void AppendCell(std::string& out, std::string_view value) {
  if (value.find_first_of(";\"\r\n") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace relais::csv
