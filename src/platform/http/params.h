// Query parameters shared by the routes of every module, each refused with a French message
// naming it when malformed (a value the server cannot use is never silently ignored).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "platform/core/dates.h"
#include "platform/core/error.h"
#include "platform/http/http.h"

namespace relais::http {

// limit: 1..max, 50 when absent.
Result<int> LimitParam(const Request& req, int max = 200);
// A positive numeric id (building_id=, user_id=); nullopt when absent.
Result<std::optional<int64_t>> IdQueryParam(const Request& req, const std::string& name);
// after: the next_cursor of a previous page (digits); nullopt when absent.
Result<std::optional<std::string>> CursorParam(const Request& req);
// A date "2026-11-27" (or "27/11/2026"); nullopt when absent.
Result<std::optional<CivilDate>> DateQueryParam(const Request& req, const std::string& name);

}  // namespace relais::http
