#include "platform/core/json_writer.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace relais {

JsonWriter& JsonWriter::Key(std::string_view k) {
  Sep();
  out_ += '"';
  assert(std::none_of(k.begin(), k.end(), [](char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }));
  out_ += k;  // a field name written by the program (see the header): nothing to escape
  out_ += "\":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view s) {
  Sep();
  out_ += '"';
  Escape(s, out_);
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t v) {
  Sep();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, static_cast<size_t>(r.ptr - buf));
  return *this;
}

JsonWriter& JsonWriter::Double(double v) {
  Sep();
  if (!std::isfinite(v)) {
    out_ += "null";
    return *this;
  }
  // The text of printf's "%.15g" (the standard defines this to_chars by it), without printf's
  // parsing of a format and its locale: a fifth of the request log line's cost.
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 15);
  out_.append(buf, static_cast<size_t>(r.ptr - buf));
  return *this;
}

namespace {
// True when one of the 8 bytes of x needs escaping or UTF-8 checking: below 0x20, '"', '\\' or
// 0x80 and above (bit tricks of "Bit Twiddling Hacks": a zero byte of x ^ pattern is a match).
bool AnySpecial(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const uint64_t below_space = (x - kOnes * 0x20) & ~x & kHighs;
  return (below_space | has_zero(x ^ (kOnes * '"')) | has_zero(x ^ (kOnes * '\\')) | (x & kHighs)) != 0;
}
}  // namespace

void JsonWriter::Escape(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t n = s.size();
  size_t i = 0;
  size_t plain = 0;  // start of the run of bytes copied as they are
  while (i < n) {
    // Names, addresses and keys are mostly plain ASCII: skip eight bytes at a time while they are.
    while (i + 8 <= n) {
      uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      if (AnySpecial(x)) break;
      i += 8;
    }
    if (i >= n) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      // Multi-byte UTF-8: a well-formed sequence stays in the run; anything else is replaced.
      const int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      bool ok = len > 0 && i + static_cast<size_t>(len) <= n && c >= 0xC2 && c <= 0xF4;
      for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0xC0) == 0x80;
      if (ok && len == 3) {
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong, surrogates
      }
      if (ok && len == 4) {
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
      }
      if (ok) {
        i += static_cast<size_t>(len);
        continue;
      }
      out.append(s.data() + plain, i - plain);
      out += "\xEF\xBF\xBD";
      plain = ++i;
      continue;
    }
    out.append(s.data() + plain, i - plain);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    plain = ++i;
  }
  out.append(s.data() + plain, n - plain);
}

}  // namespace relais
