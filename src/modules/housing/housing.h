// The housing module: landlords (organisations), agencies, buildings, dwellings, households with
// their members, phones and current lease. Its public face: the records, the use cases the API and
// the CLI call, and the bulk upsert used by imports and demo data. Everything is scoped to the
// actor's organisation: a record of another landlord is "not found".
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/audit/audit.h"
#include "platform/auth/actor.h"
#include "platform/core/dates.h"
#include "platform/core/error.h"
#include "platform/db/db.h"
#include "platform/db/export_section.h"

namespace relais {
class JsonWriter;
}
namespace relais::http {
class Router;
}
namespace relais::audit {
class Trail;
}

namespace relais::housing {

// ---- Records -------------------------------------------------------------------------------

struct Organisation {
  int64_t id = 0;
  std::string name;
  std::string siren;  // 9 digits, Luhn-checked
};

struct Agency {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string name;
};

// Financing product of a social dwelling; decides the income ceiling (PLAI < PLUS < PLS).
// PLAI: prêt locatif aidé d'intégration; PLUS: prêt locatif à usage social; PLS: prêt locatif social.
enum class Financing { kPlai, kPlus, kPls, kOther };
std::string_view FinancingCode(Financing f);            // "PLAI", "PLUS", "PLS", "AUTRE"
std::optional<Financing> FinancingFromCode(std::string_view code);

struct Building {
  int64_t id = 0;
  std::string reference;      // the landlord's own code, unique per organisation
  std::string name;           // "Résidence Les Tilleuls" (may be empty)
  std::string street;         // "12 rue des Lilas"
  std::string postal_code;    // "50000"
  std::string commune_insee;  // INSEE code, validated against data/communes-normandie.csv
  std::string commune_name;   // derived from the INSEE code
  std::optional<int64_t> agency_id;
  bool qpv = false;           // in a priority neighbourhood (quartier prioritaire de la politique de la ville)
  bool has_lift = false;
  int floors = 0;
  int dwelling_count = 0;     // derived
};

struct Dwelling {
  int64_t id = 0;
  std::string reference;      // unique per organisation
  int64_t building_id = 0;
  std::string building_reference;
  int floor = 0;              // 0 = ground floor, -1 basement
  int rooms = 1;              // typology T1..T6+ (6 means six or more)
  int64_t surface_cm2 = 0;    // surface in hundredths of m2 (6523 = 65.23 m2)
  Financing financing = Financing::kPlus;
  int64_t rent_cents = 0;
  int64_t charges_cents = 0;
  bool accessible_prm = false;  // accessible to persons with reduced mobility
  std::optional<int64_t> household_id;  // current occupant, derived from the open lease
};

enum class Relation { kHolder, kCoHolder, kSpouse, kChild, kOther };
std::string_view RelationCode(Relation r);  // "holder", "co_holder", "spouse", "child", "other"
std::optional<Relation> RelationFromCode(std::string_view code);

struct Member {
  int64_t id = 0;
  std::string first_name;
  std::string last_name;
  std::optional<CivilDate> birth_date;
  Relation relation = Relation::kHolder;
};

struct Phone {
  std::string number;  // national form, 10 digits ("0612345678")
  std::string label;   // "mobile", "fixe", "travail", free text
};

struct Lease {
  int64_t id = 0;
  CivilDate start_date;
  int64_t rent_cents = 0;
  int64_t charges_cents = 0;
  int64_t housing_benefit_cents = 0;    // APL/AL per month
  bool benefit_paid_to_landlord = false;  // tiers payant
};

struct Household {
  int64_t id = 0;
  int64_t organisation_id = 0;  // the landlord (set by ActorReadsHousehold; the audit entry's owner)
  std::string reference;  // tenant reference (référence locataire), unique per organisation
  int64_t dwelling_id = 0;
  std::string dwelling_reference;
  int64_t building_id = 0;
  std::string address;    // "12 rue des Lilas, Apt 3B, 50000 Saint-Lô" (derived)
  std::string commune_name;
  std::optional<Lease> lease;
  std::vector<Member> members;
  std::vector<Phone> phones;
  std::string email;
  std::string preferred_language = "fr";  // ISO 639-1
  std::string notes;
  int64_t updated_at = 0;  // ms since epoch
  // Set once the personal data were replaced by neutral values (ADR 0010): the record is then frozen.
  std::optional<int64_t> anonymised_at;  // ms since epoch

  // "Hélène Dupont" from the holder (or the first member).
  std::string DisplayName() const;
};

// A household as listed and found by search.
struct HouseholdSummary {
  int64_t id = 0;
  std::string reference;
  std::string display_name;
  std::string address;
  std::string commune_name;
  std::string phone;  // first phone, national form
  int member_count = 0;
  double score = 0;   // search relevance, higher first (0 in plain lists)
};

// ---- Pages ---------------------------------------------------------------------------------

// Keyset pagination: pass back next_cursor as `after` to get the following page.
template <class T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

struct BuildingFilter {
  std::optional<std::string> commune_insee;
  std::optional<int64_t> agency_id;
  std::optional<std::string> q;  // folded match on reference, name, street, commune
  std::optional<std::string> after;
  int limit = 50;  // 1..200
};

struct HouseholdFilter {
  std::optional<int64_t> building_id;
  std::optional<int64_t> dwelling_id;
  std::optional<std::string> after;
  int limit = 50;
};

// ---- Use cases (API) -----------------------------------------------------------------------
// Each returns kNotFound for a record outside the actor's organisation, kForbidden when the
// actor's role may not do it, kInvalid naming the field when the input breaks a rule.

Result<Organisation> ActorReadsOrganisation(db::Database& db, const auth::Actor& actor);
Result<std::vector<Agency>> ActorListsAgencies(db::Database& db, const auth::Actor& actor);

Result<Page<Building>> ActorListsBuildings(db::Database& db, const auth::Actor& actor, const BuildingFilter& f);
Result<Building> ActorReadsBuilding(db::Database& db, const auth::Actor& actor, int64_t id);
Result<Building> ManagerCreatesBuilding(db::Database& db, const auth::Actor& actor, Building b);
Result<Building> ManagerUpdatesBuilding(db::Database& db, const auth::Actor& actor, Building b);

Result<std::vector<Dwelling>> ActorListsDwellingsOfBuilding(db::Database& db, const auth::Actor& actor,
                                                             int64_t building_id);
Result<Dwelling> ActorReadsDwelling(db::Database& db, const auth::Actor& actor, int64_t id);
Result<Dwelling> ManagerCreatesDwelling(db::Database& db, const auth::Actor& actor, Dwelling d);
Result<Dwelling> ManagerUpdatesDwelling(db::Database& db, const auth::Actor& actor, Dwelling d);

Result<Page<HouseholdSummary>> ActorListsHouseholds(db::Database& db, const auth::Actor& actor,
                                                     const HouseholdFilter& f);
// Case- and accent-insensitive search on names, address, phone and tenant reference; best first.
Result<std::vector<HouseholdSummary>> ActorSearchesHouseholds(db::Database& db, const auth::Actor& actor,
                                                              const std::string& q, int limit);
// Loads through the actor's HouseholdScope: a landlord's staff its own households, a partner's
// worker a household referred to its organisation by an open referral (partner fields only).
Result<Household> ActorReadsHousehold(db::Database& db, const auth::Actor& actor, int64_t id);
Result<Household> AgentCreatesHousehold(db::Database& db, const auth::Actor& actor, Household h);
Result<Household> AgentUpdatesHousehold(db::Database& db, const auth::Actor& actor, Household h);

// The JSON of a record as the API answers it (api/openapi.yaml: Building, Dwelling, Household).
void WriteJson(JsonWriter& w, const Building& b);
void WriteJson(JsonWriter& w, const Dwelling& d);
void WriteJson(JsonWriter& w, const Household& h);

// Registers the /api/v1 routes of the module (organisation, agencies, communes, buildings,
// dwellings, households). Reads of a household record are written to `trail`.
void RegisterRoutes(http::Router& router, db::Database& db, audit::Trail& trail);

// ---- Personal data (the privacy module, docs/adr/0010-subject-access-and-anonymisation.md) ------

enum class Anonymisation { kDone, kNotFound, kAlreadyDone };
// In the caller's write transaction: replaces the names, birth dates, phones, e-mail, notes and
// tenant reference of household `id` of `org` and its members with neutral values, drops its search
// tokens and marks it anonymised with `reason`. Keeps what is not personal (dwelling, lease
// amounts and dates, number of members and their relation). Irreversible.
Anonymisation AnonymiseHousehold(db::Connection& c, int64_t org, int64_t id, const std::string& reason);

struct HouseholdRef {
  int64_t organisation_id = 0;
  int64_t household_id = 0;
};
// Every household (all organisations: the retention job) not anonymised yet, without an open lease,
// whose last lease ended before `ended_before`.
std::vector<HouseholdRef> HouseholdsPastRetention(db::Connection& c, CivilDate ended_before);
// The records of household `household_id` of `org` that housing holds (the household itself) whose reads and changes the audit trail names, as the trail names them
// (record type, id), for the subject-access export's audit entries (audit::ListAbout). No I/O.
std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t org, int64_t household_id);
// Where household `household_id` of `org` is reached: its phone numbers and e-mail (none empty).
// Read before AnonymiseHousehold erases them, so that messages still queued to them can be dropped.
std::vector<std::string> HouseholdContacts(db::Connection& c, int64_t org, int64_t household_id);
// Every lease of household `household_id` of `org`, the current one and the ended ones, oldest
// first, each with its dwelling, building and address, for the subject-access export (section
// "leases"), in the caller's transaction (the caller authorises).
std::vector<db::ExportSection> HouseholdHousingRecords(db::Connection& c, int64_t org, int64_t household_id);

// ---- Reference data --------------------------------------------------------------------------

struct Commune {
  std::string insee;        // "50502"
  std::string departement;  // "50"
  std::string name;         // "Saint-Lô"
  int64_t population = 0;   // population municipale (INSEE)
};
// The communes of Normandy (INSEE COG 2024), compiled into the binary from data/.
const std::vector<Commune>& Communes();
const Commune* FindCommune(std::string_view insee);

// ---- Bulk (imports, demo) --------------------------------------------------------------------
// Rows as an import file or the demo generator gives them: references instead of ids.

struct StockRow {
  Building building;  // id ignored; agency by name below
  std::string agency_name;  // created on first use; empty = none
  Dwelling dwelling;  // id/building_id ignored; linked by building.reference
};

struct HouseholdRow {
  Household household;  // id ignored; dwelling by dwelling_reference
};

struct UpsertCounts {
  int64_t created = 0, updated = 0, unchanged = 0;
};

// Inserts or updates by reference, in the caller's transaction on `c` (all or nothing).
// Rows must already be valid (the importer validates and reports line numbers first).
// Returns kInvalid naming the row index (0-based) and reference when a link is missing
// (a dwelling whose building is unknown, a household whose dwelling is unknown).
// `progress`, when given, is called now and then with the number of rows done (progress bars).
using Progress = std::function<void(size_t rows_done)>;
Result<UpsertCounts> UpsertStock(db::Connection& c, int64_t organisation_id, const std::vector<StockRow>& rows,
                                 const Progress& progress = {});
Result<UpsertCounts> UpsertHouseholds(db::Connection& c, int64_t organisation_id,
                                      const std::vector<HouseholdRow>& rows, const Progress& progress = {});

// Password of every demo account made by `relais demo` (printed by `relais serve` on demo data).
inline constexpr const char* kDemoPassword = "demo-relais-2026";

// Creates an organisation (CLI, demo); returns its id. kConflict when the SIREN exists.
// `kind`: "landlord", "partner" (CCAS, association) or "regional" (ADR 0011).
Result<int64_t> CreateOrganisation(db::Connection& c, const std::string& name, const std::string& siren,
                                   const std::string& kind = "landlord");
// Attaches a partner organisation to a landlord it works with and/or to a commune it serves
// (empty: not that one). kInvalid naming the field when an id or the INSEE code is wrong.
Result<Unit> AttachPartner(db::Connection& c, int64_t partner_id, std::optional<int64_t> landlord_id,
                           const std::string& commune_insee);

// Validation shared by the API, imports and the demo: the first broken rule, with its field.
std::optional<Error> ValidateBuilding(const Building& b);
std::optional<Error> ValidateDwelling(const Dwelling& d);
std::optional<Error> ValidateHousehold(const Household& h);
// True when `siren` has 9 digits and passes the Luhn check.
bool IsValidSiren(std::string_view siren);

}  // namespace relais::housing
