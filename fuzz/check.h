// What the fuzz targets share: CHECK(cond) aborts with a message when a property that must hold
// for every input does not (libFuzzer records the input as a crash, like a sanitizer report).
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#define CHECK(cond)                                                                   \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

namespace relais::fuzz {

inline std::string_view View(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits the input at the first NUL byte: (before, after); after is empty without a NUL.
inline std::pair<std::string_view, std::string_view> SplitAtNul(std::string_view s) {
  const size_t nul = s.find('\0');
  if (nul == std::string_view::npos) return {s, {}};
  return {s.substr(0, nul), s.substr(nul + 1)};
}

}  // namespace relais::fuzz
