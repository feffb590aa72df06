// Who may do what at reception (issue 7). Every staff member of a landlord reads the setup (sites,
// reasons, opening hours) to answer the phone; managers and administrators change it. Bookers
// (reception, call agents, social-support officers, allocation officers, managers,
// administrators) book and read appointments, which name a person; reception staff, managers and
// administrators record attendance. A tenant books, reads and cancels only their own household's
// appointments, for the reasons open to tenants. Partners and observers see nothing (404).
// Everything is scoped to the actor's organisation by the store. A staff member limited to some
// agencies (Actor::agency_ids, as outreach and arrears scope them) sees, searches and books only
// the sites of those agencies and the sites of no agency (shared by the whole organisation), and
// what hangs off a site: its appointments (with their notices, convocations and calendar files),
// opening ranges, closures and crisis switches. Reasons belong to no site: everyone reads them.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "platform/auth/actor.h"

namespace relais::reception {

bool CanReadReceptionSetup(const auth::Actor& a);
bool CanManageReceptionSetup(const auth::Actor& a);
bool CanBookAppointments(const auth::Actor& a);  // also reads them
bool CanRecordAttendance(const auth::Actor& a);
// A tenant on their own household's appointments (the store forces the household).
bool CanTenantBook(const auth::Actor& a);
// Whether the actor may see and book at a site of agency `site_agency` (nullopt: a site of no
// agency). Tenants book at every active site of their landlord.
bool CanUseSiteOfAgency(const auth::Actor& a, std::optional<int64_t> site_agency);
// Setup that applies to every site at once (a closure or a crisis switch of no site): everyone who
// reads the setup sees it, as a site of no agency, but only staff not limited to agencies create or
// remove it, since it closes or switches other agencies' sites too.
bool CanActOnEverySite(const auth::Actor& a);
// Whether the actor sees, in the setup (receiving staff, their absences), a staff member limited to
// `member_agencies` (empty: the whole organisation): staff not limited to agencies see everyone;
// staff limited to some see the members of the whole organisation and those sharing an agency.
bool CanSeeStaffOfAgencies(const auth::Actor& a, const std::vector<int64_t>& member_agencies);

}  // namespace relais::reception
