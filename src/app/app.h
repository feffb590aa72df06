// The composition root: the one place that knows every module. It opens the database, applies
// migrations, and wires each module's routes into the router.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "modules/outreach/call_list_store.h"
#include "modules/privacy/privacy.h"
#include "modules/support/support.h"
#include "modules/reception/appointment_notice.h"
#include "platform/audit/audit.h"
#include "platform/auth/seal.h"
#include "platform/config/config.h"
#include "platform/db/db.h"
#include "platform/http/router.h"

namespace relais::app {

// Opens the database of `url`, creating the parent folder of a SQLite file; applies migrations.
// Throws db::DbError with a readable message when it cannot.
std::unique_ptr<db::Database> OpenAndMigrate(const std::string& url, int pool_size);

// Registers every route of every module, health and metrics included.
// Reads of personal records are written to `trail` (platform/audit).
// `seal_key` seals the secrets kept in the database (empty: MFA enrolment is refused).
// `notify_wake` wakes the notification worker when a route queues a message (may be empty).
// `convocation_key` signs the QR codes of convocations (empty: no convocation can be made); the
// appointment notices (reception) are hooked to the bookings here.
void RegisterAllRoutes(http::Router& router, db::Database& db, audit::Trail& trail, const config::Config& cfg,
                       const auth::SealKey& seal_key, std::function<void()> notify_wake = nullptr,
                       const auth::SealKey& convocation_key = auth::SealKey{});

// The settings of reception's convocations and notices (server.public_url, reception.*).
reception::NoticeSettings ReceptionNoticeSettings(const config::Config& cfg, const auth::SealKey& convocation_key);

// The call list's settings from the configuration (outreach.*, vulnerability.*).
outreach::CallListSettings CallListSettings(const config::Config& cfg);
support::Settings SupportSettings(const config::Config& cfg);
// The retention periods (retention.*) for the daily job and `relais anonymise --due`.
privacy::RetentionSettings RetentionSettingsOf(const config::Config& cfg);

// The server key's file (config identity.secret_key_file, or next to the SQLite database), loaded
// or created. Throws std::runtime_error with a French message when it cannot.
auth::SealKey LoadServerKey(const config::Config& cfg);
// The convocation key's file (reception.convocation_key_file, or relais-convocation.key next to the
// server key), loaded or created; the same errors.
auth::SealKey LoadConvocationKey(const config::Config& cfg);

// Subcommands (cli_*.cc). Each returns the process exit code.
struct CliContext;
int RunServe(const config::Config& cfg);

}  // namespace relais::app
