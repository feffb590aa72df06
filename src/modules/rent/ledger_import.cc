#include "modules/rent/ledger_import.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "platform/core/text.h"

namespace relais::rent {
namespace {

constexpr std::array<csv::Column, 7> kColumns = {{
    {"reference_ligne", true},
    {"reference_locataire", true},
    {"date", true},
    {"nature", true},
    {"montant", true},
    {"mode_paiement", false},
    {"libelle", false},
}};
enum Col { kReference, kTenant, kDate, kNature, kAmount, kMethod, kLabel };

// The words accounting exports use for each kind, folded (text::Fold).
std::optional<LineKind> ParseNature(std::string_view cell) {
  const std::string f = text::Fold(cell);
  static const std::array<std::pair<std::string_view, LineKind>, 22> kWords = {{
      {"loyer", LineKind::kRent},
      {"rent", LineKind::kRent},
      {"charges", LineKind::kCharges},
      {"provision sur charges", LineKind::kCharges},
      {"paiement", LineKind::kPayment},
      {"reglement", LineKind::kPayment},
      {"encaissement", LineKind::kPayment},
      {"payment", LineKind::kPayment},
      {"apl", LineKind::kHousingBenefit},
      {"al", LineKind::kHousingBenefit},
      {"apl al", LineKind::kHousingBenefit},
      {"aide au logement", LineKind::kHousingBenefit},
      {"housing benefit", LineKind::kHousingBenefit},
      {"regularisation", LineKind::kAdjustment},
      {"ajustement", LineKind::kAdjustment},
      {"adjustment", LineKind::kAdjustment},
      {"fsl", LineKind::kFslGrant},
      {"fsl grant", LineKind::kFslGrant},
      {"garantie", LineKind::kGuaranteePayment},
      {"visale", LineKind::kGuaranteePayment},
      {"loca pass", LineKind::kGuaranteePayment},
      {"aide", LineKind::kOtherAid},
  }};
  for (const auto& [word, kind] : kWords)
    if (f == word) return kind;
  if (auto k = LineKindOf(cell)) return k;
  return std::nullopt;
}

std::optional<PaymentMethod> ParseMethod(std::string_view cell) {
  const std::string f = text::Fold(cell);
  static const std::array<std::pair<std::string_view, PaymentMethod>, 14> kWords = {{
      {"virement", PaymentMethod::kTransfer},
      {"vir", PaymentMethod::kTransfer},
      {"prelevement", PaymentMethod::kDirectDebit},
      {"prlv", PaymentMethod::kDirectDebit},
      {"cheque", PaymentMethod::kCheque},
      {"chq", PaymentMethod::kCheque},
      {"especes", PaymentMethod::kCash},
      {"carte", PaymentMethod::kCard},
      {"carte bancaire", PaymentMethod::kCard},
      {"cb", PaymentMethod::kCard},
      {"tip", PaymentMethod::kOther},
      {"mandat", PaymentMethod::kOther},
      {"autre", PaymentMethod::kOther},
      {"direct debit", PaymentMethod::kDirectDebit},
  }};
  for (const auto& [word, method] : kWords)
    if (f == word) return method;
  if (auto m = PaymentMethodOf(cell)) return m;
  return std::nullopt;
}

}  // namespace

std::span<const csv::Column> LedgerColumns() { return kColumns; }

LedgerFile ReadLedgerFile(std::string bytes, const csv::Mapping* mapping) {
  LedgerFile out;
  csv::Table table = csv::ReadTable(std::move(bytes));
  out.problems = table.problems();
  if (table.column_count() == 0) return out;
  auto columns = csv::ResolveColumns(table, kColumns, mapping);
  out.problems.insert(out.problems.end(), columns.problems.begin(), columns.problems.end());
  out.warnings = std::move(columns.warnings);
  for (size_t k = 0; k < kColumns.size(); ++k)
    if (kColumns[k].required && columns.index[k] == csv::ColumnIndex::kAbsent) return out;
  auto cell = [&](size_t r, size_t k) -> std::string_view {
    const int c = columns.index[k];
    return c == csv::ColumnIndex::kAbsent ? std::string_view() : text::Trim(table.cell(r, static_cast<size_t>(c)));
  };
  auto header = [&](size_t k) { return std::string(table.header(static_cast<size_t>(columns.index[k]))); };
  std::unordered_map<std::string, int64_t> seen;  // line reference -> its line
  out.rows.reserve(table.record_count());
  for (size_t r = 0; r < table.record_count(); ++r) {
    LedgerRow row;
    row.line = table.line(r);
    bool ok = true;
    auto problem = [&](size_t k, std::string message) {
      out.problems.push_back({row.line, header(k), std::move(message)});
      ok = false;
    };
    NewLine& e = row.entry;
    e.reference = std::string(cell(r, kReference));
    if (e.reference.empty()) {
      problem(kReference, "référence de ligne manquante");
    } else if (e.reference.size() > 60) {
      problem(kReference, "référence de ligne trop longue (au plus 60 caractères)");
    } else if (auto [it, fresh] = seen.emplace(e.reference, row.line); !fresh) {
      problem(kReference, "référence de ligne « " + e.reference + " » déjà décrite ligne " + std::to_string(it->second));
    }
    row.tenant_reference = std::string(cell(r, kTenant));
    if (row.tenant_reference.empty()) problem(kTenant, "référence locataire manquante");
    if (cell(r, kDate).empty()) {
      problem(kDate, "date manquante");
    } else if (auto d = csv::ParseDateValue(cell(r, kDate)); !d.ok()) {
      problem(kDate, d.error().message);
    } else if (*d < CivilDate{1950, 1, 1}) {
      problem(kDate, "date antérieure à 1950 « " + std::string(cell(r, kDate)) + " »");
    } else {
      e.date = *d;
    }
    const auto nature = ParseNature(cell(r, kNature));
    if (cell(r, kNature).empty()) {
      problem(kNature, "nature manquante");
    } else if (!nature) {
      problem(kNature, "nature inconnue « " + std::string(cell(r, kNature)) +
                           " » (loyer, charges, paiement, apl, regularisation, fsl, garantie ou aide)");
    } else {
      e.kind = *nature;
    }
    if (cell(r, kAmount).empty()) {
      problem(kAmount, "montant manquant");
    } else if (auto a = csv::ParseAmountCents(cell(r, kAmount)); !a.ok()) {
      problem(kAmount, a.error().message);
    } else if (*a == 0) {
      problem(kAmount, "montant nul");
    } else if (nature && SignOf(*nature) != 0 && *a < 0) {
      problem(kAmount, "montant négatif « " + std::string(cell(r, kAmount)) +
                           " » : seule une régularisation est signée (+ au débit du locataire, - à son crédit)");
    } else if (*a > 100'000'000 || *a < -100'000'000) {
      problem(kAmount, "montant supérieur à 1 000 000,00 €");
    } else {
      e.amount_cents = *a;
    }
    const std::string_view method = cell(r, kMethod);
    if (nature == LineKind::kPayment) {
      if (method.empty()) {
        problem(kMethod, "mode de paiement manquant pour un paiement");
      } else if (auto m = ParseMethod(method); !m) {
        problem(kMethod, "mode de paiement inconnu « " + std::string(method) +
                             " » (virement, prélèvement, chèque, espèces, carte ou autre)");
      } else {
        e.method = *m;
      }
    } else if (nature && !method.empty()) {
      problem(kMethod, "seul un paiement a un mode de paiement (ligne « " + std::string(LabelOf(*nature)) + " »)");
    }
    e.label = std::string(cell(r, kLabel));
    if (e.label.size() > 200) problem(kLabel, "libellé trop long (au plus 200 caractères)");
    if (ok) out.rows.push_back(std::move(row));
  }
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const csv::Problem& a, const csv::Problem& b) { return a.line < b.line; });
  return out;
}

LedgerImport ImportLedgerLines(db::Connection& c, int64_t org, const std::vector<LedgerRow>& rows) {
  struct LeaseSpan {
    int64_t id = 0;
    std::string start, end;  // ISO dates; end empty: current
  };
  // Every lease of the organisation by tenant reference, oldest first.
  std::unordered_map<std::string, std::vector<LeaseSpan>> leases;
  c.Query("SELECT h.reference, l.id, l.start_date, l.end_date FROM leases l JOIN households h ON h.id = l.household_id "
          "WHERE l.organisation_id = ? ORDER BY l.start_date, l.id",
          {db::P(org)}, [&](const db::Row& r) {
            leases[r.Str(0)].push_back({r.Int(1), r.Str(2), r.IsNull(3) ? std::string() : r.Str(3)});
          });
  LedgerImport out;
  const int64_t now = NowMillis();
  for (const auto& row : rows) {
    const auto found = leases.find(row.tenant_reference);
    if (found == leases.end()) {
      out.problems.push_back({row.line, "reference_locataire",
                              "locataire inconnu « " + row.tenant_reference + " » (importez d'abord les ménages)"});
      continue;
    }
    // The lease in force on the date; after a departure, the last lease begun before it (the
    // final settlement of an account comes after the move).
    const std::string date = FormatIso(row.entry.date);
    int64_t lease = 0;
    for (const auto& l : found->second)
      if (l.start <= date) lease = l.id;
    if (lease == 0) {
      out.problems.push_back({row.line, "date",
                              "le locataire « " + row.tenant_reference + " » n'avait pas encore de bail le " + date +
                                  " (entrée le " + found->second.front().start + ")"});
      continue;
    }
    const int sign = SignOf(row.entry.kind);
    const int64_t amount = sign == 0 ? row.entry.amount_cents : sign * row.entry.amount_cents;
    const std::optional<std::string> method =
        row.entry.method ? std::optional<std::string>(std::string(CodeOf(*row.entry.method))) : std::nullopt;
    const int64_t day = StoredDayOf(row.entry.date);
    const int64_t kind = StoredKindOf(row.entry.kind);
    struct Existing {
      int64_t id = 0, lease = 0, amount = 0, day = 0, kind = 0;
      std::string label;
      std::optional<std::string> method;
    };
    std::optional<Existing> existing;
    c.Query("SELECT id, lease_id, line_day, kind_code, method, amount_cents, label FROM ledger_lines "
            "WHERE organisation_id = ? AND reference = ?",
            {db::P(org), db::P(row.entry.reference)}, [&](const db::Row& r) {
              existing = Existing{r.Int(0), r.Int(1), r.Int(5), r.Int(2), r.Int(3), r.Str(6), r.OptStr(4)};
            });
    if (!existing) {
      c.Exec("INSERT INTO ledger_lines (organisation_id, lease_id, reference, line_day, kind_code, method, "
             "amount_cents, label, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
             {db::P(org), db::P(lease), db::P(row.entry.reference), db::P(day), db::P(kind), db::P(method),
              db::P(amount), db::P(row.entry.label), db::P(now)});
      ++out.created;
    } else if (existing->lease != lease || existing->day != day || existing->kind != kind ||
               existing->method != method || existing->amount != amount || existing->label != row.entry.label) {
      c.Exec("UPDATE ledger_lines SET lease_id = ?, line_day = ?, kind_code = ?, method = ?, amount_cents = ?, "
             "label = ? WHERE id = ?",
             {db::P(lease), db::P(day), db::P(kind), db::P(method), db::P(amount), db::P(row.entry.label),
              db::P(existing->id)});
      ++out.updated;
    } else {
      ++out.unchanged;
    }
  }
  return out;
}

}  // namespace relais::rent
