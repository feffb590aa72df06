// Delivery rounds (issue 5): for a day and an agency, the open deliveries of the agency's
// buildings put into one round, listed by building (a printable list), each marked delivered or
// failed. A failed delivery stays open and goes into a later round; a delivered one is done.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/actor.h"
#include "platform/core/dates.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::outreach {

struct DeliveryStop {
  int64_t action_id = 0;
  int64_t need_id = 0;
  int64_t household_id = 0;
  std::string household_name;
  std::string dwelling_reference;
  int floor = 0;
  std::vector<std::string> phones;
  std::string item;    // food_parcel, medicines
  std::string result;  // "" (to deliver), delivered, failed
  std::string note;
};

struct DeliveryBuilding {
  int64_t id = 0;
  std::string name;
  std::string address;  // street, postal code and commune
  std::vector<DeliveryStop> stops;
};

struct DeliveryRound {
  int64_t id = 0;
  int64_t agency_id = 0;
  std::string agency_name;
  std::string date;  // YYYY-MM-DD
  int64_t created_at = 0;
  int stops = 0;
  int delivered = 0;
  int failed = 0;
  std::vector<DeliveryBuilding> buildings;  // only when read one by one
};

// Builds (or completes) the round of `agency_id` on `date` with every open delivery of the
// agency's buildings not already in a round waiting for it. `created` tells whether it is new.
// kInvalid naming the field (agency_id, date); kConflict when there is nothing to deliver.
Result<DeliveryRound> StaffBuildsRound(db::Database& db, const auth::Actor& actor, CivilDate date, int64_t agency_id,
                                       bool* created);
Result<std::vector<DeliveryRound>> StaffListsRounds(db::Database& db, const auth::Actor& actor,
                                                    std::optional<CivilDate> date);
Result<DeliveryRound> StaffReadsRound(db::Database& db, const auth::Actor& actor, int64_t id);
// result: delivered or failed.
Result<DeliveryRound> StaffRecordsDelivery(db::Database& db, const auth::Actor& actor, int64_t round_id,
                                           int64_t action_id, const std::string& result, const std::string& note);
// The printable list: the building's address, then per dwelling the name, floor and door, phone, item.
Result<std::string> RoundPdf(const DeliveryRound& r);

}  // namespace relais::outreach
