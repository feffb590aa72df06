// Text helpers of French data (platform/core/text.h): UTF-8 validation, Windows-1252 conversion,
// search folding and tokens, phone numbers, trimming. Properties checked on every input.
#include <cstdint>

#include "check.h"
#include "platform/core/text.h"

using namespace relais;

namespace {

bool IsFoldedWord(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw = fuzz::View(data, size);
  const bool valid = text::IsValidUtf8(raw);

  // Windows-1252 to UTF-8 always gives UTF-8, and ASCII stays as it is.
  const std::string converted = text::Cp1252ToUtf8(raw);
  CHECK(text::IsValidUtf8(converted));
  CHECK(converted.size() >= raw.size());

  // Fold: lower-case ASCII letters and digits, words separated by one space, trimmed; folding
  // twice changes nothing. Fold takes UTF-8 (callers check it); invalid bytes must not crash it.
  for (const std::string& in : {std::string(raw), converted}) {
    const std::string folded = text::Fold(in);
    CHECK(folded.empty() || (folded.front() != ' ' && folded.back() != ' '));
    CHECK(folded.find("  ") == std::string::npos);
    for (char c : folded) CHECK(c == ' ' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    CHECK(text::Fold(folded) == folded);
    for (const auto& t : text::IndexTokens(in)) CHECK(IsFoldedWord(t));
    for (const auto& t : text::QueryTokens(in)) CHECK(IsFoldedWord(t));
  }

  // A French phone number in national form, or nothing.
  const std::string phone = text::NormalizePhoneFr(raw);
  if (!phone.empty()) {
    CHECK(phone.size() == 10 && phone[0] == '0' && phone[1] != '0');
    for (char c : phone) CHECK(c >= '0' && c <= '9');
    CHECK(text::NormalizePhoneFr(phone) == phone);
  }

  // Trim removes white space at both ends only, once and for all.
  const std::string_view trimmed = text::Trim(raw);
  CHECK(text::Trim(trimmed) == trimmed);
  CHECK(raw.find(trimmed) != std::string_view::npos);
  if (valid) CHECK(text::IsValidUtf8(trimmed));
  return 0;
}
