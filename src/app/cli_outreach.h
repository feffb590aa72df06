// `relais outreach day-end` and `relais outreach add-call` (docs/operations.md, "Outreach calls").
#pragma once
#include <cstdint>
#include <string>

#include "platform/config/config.h"

namespace relais::app {

// Ends the calling day `date` (YYYY-MM-DD) as the server's job does after the calling hours:
// the open calls of that day and before become unreachable, the escalations follow. Prints counts.
int RunOutreachDayEnd(const config::Config& cfg, const std::string& date);

struct AddCallOptions {
  int64_t organisation_id = 0;
  int64_t plan_id = 0;
  int64_t member_id = 0;
  std::string date;  // list date, YYYY-MM-DD
  int level = 3;
  int64_t agent_id = 0;
};
// Puts one member on a day's call list by hand (a tenant the caretaker is worried about, tests);
// prints the call's id.
int RunOutreachAddCall(const config::Config& cfg, const AddCallOptions& o);

}  // namespace relais::app
