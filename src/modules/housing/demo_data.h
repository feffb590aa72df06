// Demo data: a made-up but realistic landlord (or region of landlords) in Normandy — buildings in
// real communes, dwellings, households with members, leases, phones — as the rows that
// housing::UpsertStock/UpsertHouseholds take. Pure (no I/O, clock or floating point, its own PRNG):
// a seed gives the same bytes on any machine. Calibration constants and their sources are in
// demo_data.cc; postal codes are derived (département + 3 digits), not the real ones.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "modules/housing/housing.h"
#include "platform/core/dates.h"
#include "platform/core/error.h"

namespace relais::housing::demo {

struct Options {
  int64_t households = 5000;  // occupied dwellings over all landlords, exactly (0..50,000,000)
  uint64_t seed = 1;
  int landlords = 1;          // 1 = one landlord; 12 = the whole made-up Norman region (1..1000)
  CivilDate reference_date;   // "today": ages, lease dates; must be valid, years 2000..2100
  // GenerateChunks only: hand over rows by chunks of about this many households (whole buildings,
  // so a chunk may exceed it by one building); 0 = one chunk per landlord.
  int64_t chunk_households = 0;
};

// A landlord as planned before any row is made: identity, territory and size.
struct LandlordPlan {
  int index = 0;                  // 0-based, in generation order
  Organisation organisation;      // id 0; a made-up name and a Luhn-valid SIREN in the 000xxxxxx block
  std::string departement;        // home département ("14"); its buildings are in this département
  std::vector<Agency> agencies;   // ids 0; names as StockRow::agency_name uses them
  int64_t households = 0;         // occupied dwellings this landlord gets
};

// Rows of one landlord, possibly a slice of them. Buildings are never split across chunks, so
// each chunk can be upserted on its own (stock first, then households).
struct Chunk {
  const LandlordPlan* landlord = nullptr;
  bool first = false;  // first chunk of this landlord: create the organisation before upserting
  bool last = false;   // last chunk of this landlord
  std::vector<StockRow> stock;           // one row per dwelling, vacant ones included
  std::vector<HouseholdRow> households;  // one row per occupied dwelling
};

struct LandlordData {
  LandlordPlan plan;
  std::vector<StockRow> stock;
  std::vector<HouseholdRow> households;
};

// The landlords that Generate would make, without their rows (cheap). kInvalid naming the option
// when an option is out of range or `communes` has no commune with a population.
Result<std::vector<LandlordPlan>> PlanLandlords(const Options& options, const std::vector<Commune>& communes);

// Streams every landlord's rows to `sink`, landlord after landlord, chunk after chunk. The Chunk is
// reused after the sink returns: move the vectors out to keep the rows. Memory stays around one
// chunk (~1.5 KB per household with its dwelling: 36 MB peak at 20,000 households a chunk, for
// 330,000 or 5.4 million households alike). The concatenated rows do not depend on
// chunk_households. Same errors as PlanLandlords; the sink is not called on error.
Result<Unit> GenerateChunks(const Options& options, const std::vector<Commune>& communes,
                            const std::function<void(Chunk&)>& sink);

// Everything in memory, one entry per landlord (tests, small demos; prefer GenerateChunks above
// ~100,000 households). Same errors as PlanLandlords.
Result<std::vector<LandlordData>> Generate(const Options& options, const std::vector<Commune>& communes);

// The reserved fiction ranges the demo draws phone numbers from (ARCEP numbering plan: numbers
// set aside for works of fiction, never attributed to a subscriber). National form, 10 digits.
bool IsFictionPhone(std::string_view national_number);

}  // namespace relais::housing::demo
