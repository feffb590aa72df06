#include "modules/rent/ledger.h"

#include <array>

namespace relais::rent {
namespace {

struct KindInfo {
  LineKind kind;
  int stored;  // ledger_lines.kind_code: never renumbered (migration 0054 wrote these)
  std::string_view code;
  std::string_view label;
  int sign;
};
constexpr std::array<KindInfo, 8> kKinds = {{
    {LineKind::kRent, 0, "rent", "Loyer", +1},
    {LineKind::kCharges, 1, "charges", "Charges", +1},
    {LineKind::kPayment, 2, "payment", "Paiement", -1},
    {LineKind::kHousingBenefit, 3, "housing_benefit", "APL/AL versée au bailleur", -1},
    {LineKind::kAdjustment, 4, "adjustment", "Régularisation", 0},
    {LineKind::kFslGrant, 5, "fsl_grant", "Aide du FSL", -1},
    {LineKind::kGuaranteePayment, 6, "guarantee_payment", "Versement de la garantie (Visale, Loca-Pass)", -1},
    {LineKind::kOtherAid, 7, "other_aid", "Autre aide versée au bailleur", -1},
}};

struct MethodInfo {
  PaymentMethod method;
  std::string_view code;
  std::string_view label;
};
constexpr std::array<MethodInfo, 6> kMethods = {{
    {PaymentMethod::kTransfer, "transfer", "Virement"},
    {PaymentMethod::kDirectDebit, "direct_debit", "Prélèvement"},
    {PaymentMethod::kCheque, "cheque", "Chèque"},
    {PaymentMethod::kCash, "cash", "Espèces"},
    {PaymentMethod::kCard, "card", "Carte bancaire"},
    {PaymentMethod::kOther, "other", "Autre"},
}};

constexpr bool InEnumAndStoredOrder() {
  for (size_t i = 0; i < kKinds.size(); ++i)
    if (static_cast<size_t>(kKinds[i].kind) != i || kKinds[i].stored != static_cast<int>(i)) return false;
  return true;
}
static_assert(InEnumAndStoredOrder(), "kKinds is indexed by the enum and by the stored code");

const KindInfo& InfoOf(LineKind k) { return kKinds[static_cast<size_t>(k)]; }

// One million euros: far above any rent debt; a larger amount is a typing or export error.
constexpr int64_t kMaxAmountCents = 100'000'000;

LedgerLine LineOf(const db::Row& r) {
  LedgerLine l;
  l.id = r.Int(0);
  l.lease_id = r.Int(1);
  l.reference = r.Str(2);
  l.date = DateOfStoredDay(r.Int(3));
  l.kind = LineKindOfStored(r.Int(4)).value_or(LineKind::kAdjustment);
  if (!r.IsNull(5)) l.method = PaymentMethodOf(r.Text(5));
  l.amount_cents = r.Int(6);
  l.label = r.Str(7);
  l.created_by = r.Int(8);
  return l;
}

}  // namespace

std::string_view CodeOf(LineKind k) { return InfoOf(k).code; }
std::string_view LabelOf(LineKind k) { return InfoOf(k).label; }
int SignOf(LineKind k) { return InfoOf(k).sign; }
std::optional<LineKind> LineKindOf(std::string_view code) {
  for (const auto& i : kKinds)
    if (i.code == code) return i.kind;
  return std::nullopt;
}
int StoredKindOf(LineKind k) { return InfoOf(k).stored; }
std::optional<LineKind> LineKindOfStored(int64_t code) {
  // kKinds is in stored-code order (checked below): the code is the index, read for every line
  // of the nightly scan.
  if (code < 0 || code >= static_cast<int64_t>(kKinds.size())) return std::nullopt;
  return kKinds[static_cast<size_t>(code)].kind;
}
int64_t StoredDayOf(CivilDate d) { return DaysFromCivil(d); }
CivilDate DateOfStoredDay(int64_t day) { return CivilFromDays(day); }
std::string_view CodeOf(PaymentMethod m) { return kMethods[static_cast<size_t>(m)].code; }
std::string_view LabelOf(PaymentMethod m) { return kMethods[static_cast<size_t>(m)].label; }
std::optional<PaymentMethod> PaymentMethodOf(std::string_view code) {
  for (const auto& i : kMethods)
    if (i.code == code) return i.method;
  return std::nullopt;
}

Result<Unit> ValidateLine(const NewLine& line) {
  if (line.reference.size() > 60) return Invalid("reference", "La référence de ligne dépasse 60 caractères.");
  for (unsigned char ch : line.reference)
    if (ch < 0x20 || ch == 0x7f) return Invalid("reference", "La référence de ligne contient un caractère de contrôle.");
  if (!IsValid(line.date) || line.date < CivilDate{1950, 1, 1})
    return Invalid("date", "La date de la ligne doit être une date réelle à partir de 1950.");
  const int sign = SignOf(line.kind);
  if (line.amount_cents == 0) return Invalid("amount_cents", "Le montant ne peut pas être nul.");
  if (sign != 0 && line.amount_cents < 0) {
    return Invalid("amount_cents", "Le montant doit être positif : pour corriger une ligne, passez une régularisation.");
  }
  if (line.amount_cents > kMaxAmountCents || line.amount_cents < -kMaxAmountCents)
    return Invalid("amount_cents", "Le montant dépasse 1 000 000,00 €.");
  if (line.kind == LineKind::kPayment && !line.method)
    return Invalid("method", "Le mode de paiement est obligatoire pour un paiement.");
  if (line.kind != LineKind::kPayment && line.method)
    return Invalid("method", "Seul un paiement a un mode de paiement.");
  if (line.label.size() > 200) return Invalid("label", "Le libellé dépasse 200 caractères.");
  return Unit{};
}

std::vector<LedgerLine> LinesOfLease(db::Connection& c, int64_t org, int64_t lease_id) {
  std::vector<LedgerLine> out;
  c.Query("SELECT id, lease_id, reference, line_day, kind_code, method, amount_cents, label, created_by "
          "FROM ledger_lines WHERE organisation_id = ? AND lease_id = ? ORDER BY line_day, id",
          {db::P(org), db::P(lease_id)}, [&](const db::Row& r) { out.push_back(LineOf(r)); });
  return out;
}

int64_t BalanceOfLease(db::Connection& c, int64_t org, int64_t lease_id, CivilDate on) {
  return c.QueryInt("SELECT COALESCE(SUM(amount_cents), 0) FROM ledger_lines WHERE organisation_id = ? AND "
                    "lease_id = ? AND line_day <= ?",
                    {db::P(org), db::P(lease_id), db::P(StoredDayOf(on))})
      .value_or(0);
}

Result<int64_t> PostLine(db::Connection& c, int64_t org, const NewLine& given, int64_t by) {
  NewLine line = given;
  if (auto v = ValidateLine(line); !v.ok()) return v.error();
  if (!c.QueryInt("SELECT id FROM leases WHERE id = ? AND organisation_id = ?", {db::P(line.lease_id), db::P(org)}))
    return NotFound("Bail introuvable.");
  if (line.reference.empty()) {
    const int64_t n = c.QueryInt("SELECT COUNT(*) FROM ledger_lines WHERE organisation_id = ? AND lease_id = ?",
                                 {db::P(org), db::P(line.lease_id)})
                          .value_or(0);
    line.reference = "RELAIS-" + std::to_string(line.lease_id) + "-" + std::to_string(n + 1);
    // A reference made up earlier may have been taken by an import: count on until one is free.
    for (int64_t k = n + 2; c.QueryInt("SELECT id FROM ledger_lines WHERE organisation_id = ? AND reference = ?",
                                       {db::P(org), db::P(line.reference)});
         ++k)
      line.reference = "RELAIS-" + std::to_string(line.lease_id) + "-" + std::to_string(k);
  } else if (c.QueryInt("SELECT id FROM ledger_lines WHERE organisation_id = ? AND reference = ?",
                        {db::P(org), db::P(line.reference)})) {
    return Conflict("Cette référence de ligne est déjà utilisée : « " + line.reference + " ».", "reference");
  }
  const int64_t signed_amount = SignOf(line.kind) == 0 ? line.amount_cents : SignOf(line.kind) * line.amount_cents;
  return c.QueryInt(
      "INSERT INTO ledger_lines (organisation_id, lease_id, reference, line_day, kind_code, method, amount_cents, label, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {db::P(org), db::P(line.lease_id), db::P(line.reference), db::P(StoredDayOf(line.date)), db::P(StoredKindOf(line.kind)),
       line.method ? db::P(CodeOf(*line.method)) : db::P(nullptr), db::P(signed_amount), db::P(line.label), db::P(by),
       db::P(NowMillis())})
      .value();
}

}  // namespace relais::rent
