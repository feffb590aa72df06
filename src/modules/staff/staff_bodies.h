// The JSON bodies of the staff routes, decoded and checked field by field (FieldReader). Separate
// from staff_routes.cc so that the fuzzer (fuzz/json_bodies.cc) reaches the code the routes run.
// Pure: no I/O; whether agencies exist is checked by staff.cc.
#pragma once
#include <string>
#include <string_view>

#include "modules/staff/staff.h"
#include "platform/core/error.h"

namespace relais::staff {

// POST /api/v1/staff/invitations: email and display_name (trimmed, required), roles (a non-empty
// array of role codes), agency_ids (optional array of positive ids). kInvalid naming every field
// in error; unknown fields are refused.
Result<InvitationInput> DecodeInvitation(std::string_view body);
// PATCH /api/v1/staff/{id}: any of display_name, roles, agency_ids (absent: unchanged).
Result<StaffPatch> DecodeStaffPatch(std::string_view body);
// POST /api/v1/invitations/{token}: the chosen password (1..1024 characters; the policy is
// checked when the account is created).
Result<std::string> DecodeAcceptInvitation(std::string_view body);

}  // namespace relais::staff
