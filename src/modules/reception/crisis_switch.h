// The crisis switch (issue 7): a manager moves a site (or every site) to phone or video for a
// date range. In one action: reasons are offered remotely where they allow it, the in-person
// appointments in the range are converted (when their reason allows the mode) or cancelled (when it
// does not, or when the manager chose to cancel), and every affected person gets a crisis notice
// (appointment_notice.h). While a switch is in force, the tenant app shows its public banner.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/reception/reception.h"
#include "platform/auth/actor.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::reception {

struct CrisisSwitch {
  int64_t id = 0;
  int64_t site_id = 0;          // 0: every site of the organisation
  std::string site_name;        // "" for every site
  std::string start_date;       // YYYY-MM-DD, Europe/Paris, inclusive
  std::string end_date;
  Mode mode = Mode::kPhone;     // phone or video
  bool cancel_in_person = false;  // cancel the in-person appointments instead of converting them
  std::string message;          // the public banner and the notices' explanation, in French
  int64_t created_ms = 0;
  int converted = 0;
  int cancelled = 0;
  int notified = 0;
};

// Pure: the first field error of a switch request (dates, order, at most 92 days, mode not in
// person, message at most 500 characters), or nullopt.
std::optional<FieldError> ValidateCrisisSwitch(const CrisisSwitch& s);

// Managers and administrators (CanManageReceptionSetup). kInvalid naming the field; kNotFound for a
// site of another organisation. Everything in one transaction.
Result<CrisisSwitch> ManagerSwitchesToRemote(db::Database& db, const auth::Actor& actor, CrisisSwitch s,
                                             int64_t now_ms);
// Switches still in force or to come (end_date >= today), newest first.
Result<std::vector<CrisisSwitch>> StaffListsCrisisSwitches(db::Database& db, const auth::Actor& actor,
                                                           int64_t now_ms);
// The banners of the tenant's landlord in force today or to come.
Result<std::vector<CrisisSwitch>> TenantReadsCrisisBanners(db::Database& db, const auth::Actor& actor,
                                                           int64_t now_ms);
// The remote mode that replaces in person at `site_id` on the day of `start_ms`, when a switch is in
// force then (for the slot search and the booking pages); nullopt otherwise.
std::optional<Mode> RemoteModeAt(db::Connection& c, int64_t org, int64_t site_id, int64_t start_ms);

}  // namespace relais::reception
