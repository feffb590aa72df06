// The JSON bodies of the housing routes, decoded and checked field by field (FieldReader): every
// field in error is reported at once, and nothing is half-read. housing_routes.cc answers with
// them; they are separate so that the tests and the fuzzer (fuzz/json_bodies.cc) reach the very
// code the routes run. Pure: no I/O.
#pragma once
#include <string_view>

#include "modules/housing/housing.h"
#include "platform/core/error.h"

namespace relais::housing {

// The body of POST (partial = false: `base` gives nothing) or PATCH (partial = true: a field that
// is absent keeps its value in `base`, the record as stored) of /api/v1/buildings, /dwellings,
// /households. kInvalid naming every field in error (error.fields; members[0].first_name, lease.
// start_date...) when the body is not a JSON object, gives a key twice, has an unknown field, or a
// value of the wrong type, length or range. Ids that refer to other records (building_id,
// agency_id, dwelling_id, member ids) are checked by the use case, not here.
Result<Building> DecodeBuilding(std::string_view body, const Building& base, bool partial);
Result<Dwelling> DecodeDwelling(std::string_view body, const Dwelling& base, bool partial);
Result<Household> DecodeHousehold(std::string_view body, const Household& base, bool partial);

}  // namespace relais::housing
