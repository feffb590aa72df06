// Documents of a support case (a payslip, a CAF letter, a signed plan): what is accepted. Pure
// checks on an upload: its base64 text decoded, its size under the configured limit, its declared
// type one of PDF, JPEG, PNG and confirmed by the file's first bytes (a file renamed .pdf is refused).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/error.h"

namespace relais::support {

// The content types accepted, in display order.
const std::vector<std::string>& DocumentContentTypes();  // application/pdf, image/jpeg, image/png

// Standard base64 (RFC 4648, padding optional, no white space). nullopt when malformed.
std::optional<std::string> DecodeBase64(std::string_view text);

// The content type the bytes start with ("application/pdf", "image/jpeg", "image/png"); "" when none.
std::string_view SniffContentType(std::string_view bytes);

// A checked upload: the decoded bytes.
struct CheckedDocument {
  std::string filename;
  std::string content_type;
  std::string bytes;
};
// kInvalid naming the field (filename, content_type, content_base64); kTooLarge (field
// content_base64) over max_bytes. filename: 1-200 characters without a path separator.
Result<CheckedDocument> CheckDocument(std::string_view filename, std::string_view content_type,
                                      std::string_view content_base64, int64_t max_bytes);

}  // namespace relais::support
