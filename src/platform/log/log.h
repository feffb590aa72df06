// Structured logs: one JSON object per line on stderr. Never log personal data: log ids,
// route patterns and counts, not names, addresses, phone numbers or request bodies.
#pragma once
#include <string_view>

#include <nlohmann/json.hpp>

namespace relais::log {

// Writes {"ts": ..., "level": level, "msg": msg, ...fields} as one line (thread-safe).
void Write(std::string_view level, std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
inline void Info(std::string_view msg, const nlohmann::json& f = nlohmann::json::object()) { Write("info", msg, f); }
inline void Warn(std::string_view msg, const nlohmann::json& f = nlohmann::json::object()) { Write("warn", msg, f); }
inline void Error(std::string_view msg, const nlohmann::json& f = nlohmann::json::object()) { Write("error", msg, f); }

// The one line per HTTP request (hot path: written without building a JSON tree).
void Request(std::string_view method, std::string_view route, int status, double duration_ms,
             std::string_view request_id);

// Silences info lines (the CLI's import and demo commands print their own progress).
void SetQuiet(bool quiet);

}  // namespace relais::log
