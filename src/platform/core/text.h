// Text helpers for French data: UTF-8 checks, Windows-1252 conversion, and the folding
// used by search ("Hélène" and "helene" fold to the same key; "St-Lô" finds "Saint-Lô").
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace relais::text {

// True when s is well-formed UTF-8 (no overlong forms, no surrogates).
bool IsValidUtf8(std::string_view s);

// Converts Windows-1252 bytes to UTF-8 (undefined bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D become U+FFFD).
std::string Cp1252ToUtf8(std::string_view s);

// Lower-case ASCII with French accents and ligatures removed (é->e, œ->oe, ç->c),
// every run of non-alphanumeric characters turned into one space, trimmed.
// Input must be valid UTF-8; other code points are dropped.
std::string Fold(std::string_view utf8);

// Words of Fold(s). Hyphenated names also give their joined form ("saint-lo" -> saint, lo, saintlo).
std::vector<std::string> IndexTokens(std::string_view utf8);

// Words of a search query, folded, with common abbreviations expanded to the word an
// address or name holds: st -> saint, ste -> sainte, av -> avenue, bd -> boulevard, ...
std::vector<std::string> QueryTokens(std::string_view utf8);

// Digits of a French phone number in national form ("+33 6 12 34 56 78" -> "0612345678").
// Returns an empty string when the input is not a 10-digit French number.
std::string NormalizePhoneFr(std::string_view s);

// Trims ASCII white space at both ends.
std::string_view Trim(std::string_view s);

}  // namespace relais::text
