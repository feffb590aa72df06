#include "platform/core/text.h"

#include <array>
#include <cstdint>

namespace relais::text {
namespace {

// Decodes one code point at s[i]; returns -1 on malformed input. Advances i.
int32_t Decode(std::string_view s, size_t& i) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t c = b(i);
  if (c < 0x80) { ++i; return c; }
  int len; int32_t cp;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return -1;
  if (i + len > s.size()) return -1;
  for (int k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  static constexpr int32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  i += len;
  return cp;
}

void Encode(int32_t cp, std::string& out) {
  if (cp < 0x80) { out += static_cast<char>(cp); }
  else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// ASCII folding of U+00C0..U+017F (Latin-1 supplement and Latin Extended-A), lower case.
const char* FoldLatin(int32_t cp) {
  static const std::array<const char*, 64> kLatin1 = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0-CF
      "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",   // D0-DF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0-EF
      "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y"};   // F0-FF
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) {
    // One ASCII letter per code point U+0100..U+017F (NFKD base letter); '_' has no single letter.
    static constexpr std::string_view kExtA =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii__jjkkklllllll"
        "lllnnnnnnnnnoooooo__rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    if (cp == 0x152 || cp == 0x153) return "oe";
    if (cp == 0x132 || cp == 0x133) return "ij";
    static thread_local char one[2] = {0, 0};
    one[0] = kExtA[static_cast<size_t>(cp - 0x100)];
    return one[0] == '_' ? nullptr : one;
  }
  if (cp == 0x178) return "y";
  return nullptr;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (Decode(s, i) < 0) return false;
  }
  return true;
}

std::string Cp1252ToUtf8(std::string_view s) {
  static constexpr int32_t k80[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (unsigned char c : s) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0xA0) Encode(k80[c - 0x80], out);
    else Encode(c, out);
  }
  return out;
}

std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  auto put = [&](std::string_view piece) {
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += piece;
  };
  size_t i = 0;
  while (i < s.size()) {
    int32_t cp = Decode(s, i);
    if (cp < 0) { ++i; pending_space = true; continue; }
    if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')) {
      char c = static_cast<char>(cp);
      put(std::string_view(&c, 1));
    } else if (cp >= 'A' && cp <= 'Z') {
      char c = static_cast<char>(cp - 'A' + 'a');
      put(std::string_view(&c, 1));
    } else if (const char* f = FoldLatin(cp); f != nullptr && *f != '\0') {
      put(f);
    } else {
      pending_space = true;
    }
  }
  return out;
}

namespace {
std::vector<std::string> Split(const std::string& folded) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}
}  // namespace

std::vector<std::string> IndexTokens(std::string_view s) {
  std::vector<std::string> tokens = Split(Fold(s));
  // Joined forms of hyphenated or apostrophised words: "Saint-Lô" also indexes "saintlo".
  std::string raw(s);
  size_t start = 0;
  while (start < raw.size()) {
    size_t end = raw.find_first_of(" \t,;/", start);
    if (end == std::string::npos) end = raw.size();
    std::string word = raw.substr(start, end - start);
    if (word.find_first_of("-'") != std::string::npos) {
      std::string joined;
      for (const auto& w : Split(Fold(word))) joined += w;
      if (!joined.empty()) tokens.push_back(joined);
    }
    start = end + 1;
  }
  return tokens;
}

std::vector<std::string> QueryTokens(std::string_view s) {
  struct Abbrev { std::string_view from, to; };
  static constexpr Abbrev kAbbrev[] = {
      {"st", "saint"}, {"ste", "sainte"}, {"av", "avenue"}, {"bd", "boulevard"},
      {"bld", "boulevard"}, {"pl", "place"}, {"imp", "impasse"}, {"che", "chemin"},
      {"rte", "route"}, {"all", "allee"}, {"res", "residence"}, {"mme", "madame"}, {"m", "monsieur"}};
  std::vector<std::string> tokens = Split(Fold(s));
  for (auto& t : tokens) {
    for (const auto& a : kAbbrev) {
      if (t == a.from) { t = std::string(a.to); break; }
    }
  }
  return tokens;
}

std::string NormalizePhoneFr(std::string_view s) {
  std::string digits;
  bool plus = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c == '+' && digits.empty()) plus = true;
    else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') return {};
  }
  if (plus || digits.starts_with("0033")) {
    if (digits.starts_with("0033")) digits = digits.substr(4);
    else if (digits.starts_with("33")) digits = digits.substr(2);
    else return {};
    if (digits.starts_with("0")) digits = digits.substr(1);  // "+33 (0)6 ..."
    digits = "0" + digits;
  }
  if (digits.size() != 10 || digits[0] != '0' || digits[1] == '0') return {};
  return digits;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

}  // namespace relais::text
