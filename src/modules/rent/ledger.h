// The rent ledger (compte locataire) of each lease: monthly charges (rent, service charges),
// payments with their method, housing benefit (APL/AL) paid to the landlord, adjustments, and the
// aids Relais posts (FSL grant, guarantee payment). Money is integer cents, signed from the
// tenant's side: positive = owed, negative = paid or credited; the balance is their sum.
// This is the store API other modules use (support cases post grants through PostLine); callers
// authorise first (rent_policy.h): these functions only scope by organisation.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/dates.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::rent {

enum class LineKind {
  kRent,              // monthly rent (loyer), a debit
  kCharges,           // monthly service charges (charges locatives), a debit
  kPayment,           // a payment by the tenant, a credit; has a method
  kHousingBenefit,    // APL/AL paid to the landlord (tiers payant), a credit
  kAdjustment,        // regularisation (charges reconciliation, correction): either sign
  kFslGrant,          // FSL grant (Fonds de solidarité pour le logement) paid to the landlord, a credit
  kGuaranteePayment,  // Visale / Loca-Pass guarantee payment, a credit
  kOtherAid,          // another aid paid to the landlord (Action Logement...), a credit
};
enum class PaymentMethod { kTransfer, kDirectDebit, kCheque, kCash, kCard, kOther };

std::string_view CodeOf(LineKind k);       // "rent", "housing_benefit"...: stored and in the API
std::string_view LabelOf(LineKind k);      // French: "Loyer", "APL/AL versée au bailleur"...
std::optional<LineKind> LineKindOf(std::string_view code);
std::string_view CodeOf(PaymentMethod m);  // "transfer", "direct_debit"...
std::string_view LabelOf(PaymentMethod m); // French: "Virement", "Prélèvement"...
std::optional<PaymentMethod> PaymentMethodOf(std::string_view code);
// How a line is stored (db/migrations/0054_ledger_day_numbers.sql, docs/adr/0022-ledger-day-numbers.md):
// the kind as a small integer code (ledger_lines.kind_code) and the date as its day number since
// 1970-01-01 (ledger_lines.line_day), so that the arrears scan reads and compares integers. This is
// the one place that maps them; the API, CSV and exports keep the words and "YYYY-MM-DD".
// StoredKindOf: rent 0, charges 1, payment 2, housing_benefit 3, adjustment 4, fsl_grant 5,
// guarantee_payment 6, other_aid 7 (fixed: stored rows carry them). LineKindOfStored: nullopt for
// any other number.
int StoredKindOf(LineKind k);
std::optional<LineKind> LineKindOfStored(int64_t code);
// The day number of a valid date (negative before 1970), and back.
int64_t StoredDayOf(CivilDate d);
CivilDate DateOfStoredDay(int64_t day);
// The sign a kind's amount takes: +1 debit (rent, charges), -1 credit (payments, benefit, aids),
// 0 for an adjustment (the sign is the line's own).
int SignOf(LineKind k);

struct LedgerLine {
  int64_t id = 0;
  int64_t lease_id = 0;
  std::string reference;   // unique per organisation (the accounting's line reference)
  CivilDate date;          // due date of a charge, value date of a payment
  LineKind kind = LineKind::kRent;
  std::optional<PaymentMethod> method;  // payments only
  int64_t amount_cents = 0;  // signed: + owed by the tenant, - paid or credited
  std::string label;
  int64_t created_by = 0;    // staff user; 0 for an import or the demo
};

// A line to post. amount_cents is given as the amount of the kind, positive (e.g. a grant of
// 450.00 € is 45000); an adjustment gives its sign (+ debit, - credit). method: payments only.
struct NewLine {
  int64_t lease_id = 0;
  std::string reference;  // empty: "RELAIS-<lease>-<n>" is made up
  CivilDate date;
  LineKind kind = LineKind::kPayment;
  std::optional<PaymentMethod> method;
  int64_t amount_cents = 0;
  std::string label;
};
// Checks a new line: reference of 1 to 60 printable characters, positive amount (not 0 for an
// adjustment) at most 1,000,000.00 €, method present exactly for a payment, date from 1950.
// Errors: kInvalid naming the field ("reference", "amount_cents", "method", "date").
Result<Unit> ValidateLine(const NewLine& line);

// Every line of a lease of the organisation, by date then id. Empty when the lease is not the
// organisation's.
std::vector<LedgerLine> LinesOfLease(db::Connection& c, int64_t organisation_id, int64_t lease_id);
// The balance of a lease at the end of `on` (lines dated up to and including it): positive =
// arrears. 0 for a lease without lines or of another organisation.
int64_t BalanceOfLease(db::Connection& c, int64_t organisation_id, int64_t lease_id, CivilDate on);
// Posts one line in the caller's write transaction (the caller writes the audit entry).
// Returns the line's id. Errors: kInvalid (ValidateLine), kNotFound when the lease is not the
// organisation's, kConflict (field "reference") when the reference is already used.
Result<int64_t> PostLine(db::Connection& c, int64_t organisation_id, const NewLine& line, int64_t by);

}  // namespace relais::rent
