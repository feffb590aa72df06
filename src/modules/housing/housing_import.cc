#include "modules/housing/housing_import.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <optional>

#include "platform/core/text.h"

namespace relais::housing {
namespace {

using csv::Column;
using csv::ColumnIndex;

enum StockCol : int {
  kBuildingRef, kBuildingName, kStreet, kPostalCode, kInsee, kAgency, kQpv, kLift, kFloors,
  kDwellingRef, kFloor, kTypology, kSurface, kFinancing, kRent, kCharges, kAccessible, kStockColumnCount
};
constexpr std::array<Column, kStockColumnCount> kStockColumns = {{
    {"reference_batiment", true}, {"nom_batiment", false}, {"adresse", true}, {"code_postal", false},
    {"code_insee", true}, {"agence", false}, {"qpv", false}, {"ascenseur", false}, {"etages", false},
    {"reference_logement", true}, {"etage", false}, {"typologie", true}, {"surface_m2", true},
    {"financement", true}, {"loyer", true}, {"charges", false}, {"accessible_pmr", false},
}};

enum HouseholdCol : int {
  kTenantRef, kHomeRef, kLeaseStart, kLeaseRent, kLeaseCharges, kBenefit, kBenefitToLandlord,
  kHolderLast, kHolderFirst, kHolderBirth, kCoLast, kCoFirst, kCoBirth, kOthers,
  kPhone1, kPhone2, kEmail, kLanguage, kNotes, kHouseholdColumnCount
};
constexpr std::array<Column, kHouseholdColumnCount> kHouseholdColumns = {{
    {"reference_locataire", true}, {"reference_logement", true}, {"date_entree", true}, {"loyer", true},
    {"charges", false}, {"apl", false}, {"apl_versee_bailleur", false},
    {"titulaire_nom", true}, {"titulaire_prenom", true}, {"titulaire_naissance", false},
    {"cotitulaire_nom", false}, {"cotitulaire_prenom", false}, {"cotitulaire_naissance", false},
    {"autres_occupants", false}, {"telephone1", false}, {"telephone2", false}, {"email", false},
    {"langue", false}, {"notes", false},
}};

std::string Quoted(std::string_view s) { return "« " + std::string(s) + " »"; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Reads the cells of one record at a time; each bad cell becomes a Problem naming its line and
// the column's header as written in the file.
class RowReader {
 public:
  RowReader(const csv::Table& table, std::span<const Column> spec, const std::vector<int>& index,
            std::vector<csv::Problem>& problems)
      : table_(table), spec_(spec), index_(index), problems_(problems) {}

  void Start(size_t r) {
    r_ = r;
    failed_ = false;
  }
  bool failed() const { return failed_; }
  int64_t line() const { return table_.line(r_); }
  bool Present(int k) const { return index_[static_cast<size_t>(k)] != ColumnIndex::kAbsent; }
  // The cell trimmed of outer spaces; empty when the column is absent.
  std::string_view Cell(int k) const {
    return Present(k) ? text::Trim(table_.cell(r_, static_cast<size_t>(index_[static_cast<size_t>(k)]))) : "";
  }
  std::string Header(int k) const {
    return Present(k) ? std::string(table_.header(static_cast<size_t>(index_[static_cast<size_t>(k)]))) : "";
  }
  void Fail(int k, std::string message) {
    problems_.push_back({line(), Header(k), std::move(message)});
    failed_ = true;
  }
  // A problem about the record, not one cell.
  void FailRow(std::string message) {
    problems_.push_back({line(), {}, std::move(message)});
    failed_ = true;
  }

  std::string Text(int k) {
    const std::string_view s = Cell(k);
    if (s.empty()) Missing(k);
    return std::string(s);
  }
  // Parses a non-empty cell with `parse`; nullopt when the cell is empty (a problem if the
  // column is required) or the value is bad (a problem).
  template <class Parse>
  auto Value(int k, Parse parse) -> std::optional<std::decay_t<decltype(parse(std::string_view()).value())>> {
    const std::string_view s = Cell(k);
    if (s.empty()) {
      Missing(k);
      return std::nullopt;
    }
    auto r = parse(s);
    if (!r.ok()) {
      Fail(k, r.error().message);
      return std::nullopt;
    }
    return std::move(r).value();
  }
  bool Bool(int k) { return Value(k, csv::ParseBoolean).value_or(false); }
  int64_t Cents(int k) { return Value(k, csv::ParseAmountCents).value_or(0); }
  // A small whole number (floors): anything beyond ±1000 is refused here so it fits an int.
  int SmallInt(int k) {
    auto v = Value(k, csv::ParseInteger);
    if (v && (*v < -1000 || *v > 1000)) {
      Fail(k, "nombre hors limites " + Quoted(Cell(k)));
      return 0;
    }
    return static_cast<int>(v.value_or(0));
  }

 private:
  void Missing(int k) {
    if (spec_[static_cast<size_t>(k)].required) Fail(k, "valeur obligatoire manquante");
  }

  const csv::Table& table_;
  std::span<const Column> spec_;
  const std::vector<int>& index_;
  std::vector<csv::Problem>& problems_;
  size_t r_ = 0;
  bool failed_ = false;
};

// The first row of each key (a reference, viewed in the table): open addressing over one array
// whose slots keep part of the hash, so that a probe rarely touches the keys. A node-based map
// spent most of a 330,000-row import allocating, missing the cache and freeing nodes.
class FirstSeen {
 public:
  explicit FirstSeen(size_t capacity) {
    size_t n = 16;
    while (n < capacity * 2) n <<= 1;
    slots_.assign(n, 0);
    keys_.reserve(capacity);
  }
  // The row where `key` was first seen; nullopt (and `row` remembered) when it is new.
  std::optional<size_t> Insert(std::string_view key, size_t row) {
    if (keys_.size() * 2 >= slots_.size()) Grow();
    const uint64_t hash = std::hash<std::string_view>{}(key);
    const uint64_t tag = hash & 0xFFFFFFFF00000000ull;
    const size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(hash) & mask;; i = (i + 1) & mask) {
      const uint64_t s = slots_[i];
      if (s == 0) {
        keys_.push_back({key, row, tag});
        slots_[i] = tag | keys_.size();
        return std::nullopt;
      }
      if ((s & 0xFFFFFFFF00000000ull) == tag) {
        const Key& k = keys_[(s & 0xFFFFFFFFull) - 1];
        if (k.key == key) return k.row;
      }
    }
  }

 private:
  struct Key {
    std::string_view key;
    size_t row;
    uint64_t tag;
  };
  void Grow() {
    slots_.assign(slots_.size() * 2, 0);
    const size_t mask = slots_.size() - 1;
    for (size_t k = 0; k < keys_.size(); ++k) {
      size_t i = std::hash<std::string_view>{}(keys_[k].key) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = keys_[k].tag | (k + 1);
    }
  }
  std::vector<uint64_t> slots_;  // high half: hash tag; low half: 1 + index in keys_; 0 = empty
  std::vector<Key> keys_;
};

// Reports a failed validation rule at the column that holds the offending field.
struct FieldColumn {
  std::string_view field;
  int column;
};
void ReportRule(RowReader& rd, const Error& e, std::span<const FieldColumn> columns) {
  for (const auto& fc : columns) {
    if (fc.field == e.field) {
      rd.Fail(fc.column, e.message);
      return;
    }
  }
  rd.FailRow(e.message);
}

constexpr FieldColumn kBuildingFields[] = {
    {"reference", kBuildingRef}, {"name", kBuildingName},  {"street", kStreet},
    {"postal_code", kPostalCode}, {"commune_insee", kInsee}, {"floors", kFloors},
};
constexpr FieldColumn kDwellingFields[] = {
    {"reference", kDwellingRef}, {"floor", kFloor}, {"rooms", kTypology}, {"surface_m2", kSurface},
    {"surface_cm2", kSurface},   {"rent_cents", kRent}, {"charges_cents", kCharges},
};

template <class Row>
void Begin(ImportFile<Row>& out, const csv::Table& table, std::span<const Column> spec, const csv::Mapping* mapping,
           ColumnIndex& columns) {
  out.encoding = table.encoding();
  out.separator = table.separator();
  out.problems = table.problems();
  if (table.column_count() == 0) return;  // empty or unreadable: already a problem
  columns = csv::ResolveColumns(table, spec, mapping);
  out.problems.insert(out.problems.end(), columns.problems.begin(), columns.problems.end());
  out.warnings = std::move(columns.warnings);
}

template <class Row>
void Finish(ImportFile<Row>& out) {
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const csv::Problem& a, const csv::Problem& b) { return a.line < b.line; });
}

bool MissingRequiredColumn(const ColumnIndex& columns, std::span<const Column> spec) {
  for (size_t k = 0; k < spec.size(); ++k) {
    if (spec[k].required && columns.index[k] == ColumnIndex::kAbsent) return true;
  }
  return false;
}

}  // namespace

std::span<const csv::Column> StockColumns() { return kStockColumns; }
std::span<const csv::Column> HouseholdColumns() { return kHouseholdColumns; }

// ---- Cells of the stock file ---------------------------------------------------------------------

Result<int> ParseTypology(std::string_view raw) {
  const std::string s = AsciiLower(text::Trim(raw));
  auto bad = [&] {
    return Invalid("", "typologie invalide " + Quoted(text::Trim(raw)) + " (attendu T1 à T6, T6+ ou studio)");
  };
  if (s == "studio") return 1;
  std::string_view v = s;
  if (v.starts_with("t") || v.starts_with("f")) v = text::Trim(v.substr(1));
  int rooms = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), rooms);
  if (ec != std::errc() || end == v.data() || rooms < 1 || rooms > 20) return bad();
  const std::string_view rest = text::Trim(std::string_view(end, static_cast<size_t>(v.data() + v.size() - end)));
  if (!rest.empty() && rest != "+" && rest != "bis") return bad();
  return std::min(rooms, 6);
}

Result<int> ParseFloor(std::string_view raw) {
  const std::string_view trimmed = text::Trim(raw);
  auto bad = [&] {
    return Invalid("", "étage invalide " + Quoted(trimmed) + " (un nombre, RDC ou 0 pour le rez-de-chaussée, -1 pour le sous-sol)");
  };
  std::string folded = text::Fold(trimmed);
  if (folded == "rdc" || folded == "rez de chaussee") return 0;
  std::string_view v = trimmed;
  // "1er", "2e", "3ème": the folded form ends in er / e / eme after the digits.
  if (!trimmed.empty() && trimmed[0] != '-' && trimmed[0] != '+') {
    std::string_view f = folded;
    for (std::string_view suffix : {"er", "eme", "e"}) {
      if (f.size() > suffix.size() && f.ends_with(suffix)) {
        f.remove_suffix(suffix.size());
        break;
      }
    }
    folded = std::string(f);
    v = folded;
  }
  auto n = csv::ParseInteger(v);
  if (!n.ok() || *n < -1000 || *n > 1000) return bad();
  return static_cast<int>(*n);
}

StockFile StockRowsOf(const csv::Table& table, const csv::Mapping* mapping) {
  StockFile out;
  ColumnIndex columns;
  Begin(out, table, kStockColumns, mapping, columns);
  if (table.column_count() == 0 || MissingRequiredColumn(columns, kStockColumns)) {
    Finish(out);
    return out;
  }
  out.rows.reserve(table.record_count());
  out.lines.reserve(table.record_count());
  RowReader rd(table, kStockColumns, columns.index, out.problems);
  // Keys are views into the table, which outlives this function's maps.
  FirstSeen dwelling_rows(table.record_count()), building_rows(table.record_count() / 8);

  for (size_t r = 0; r < table.record_count(); ++r) {
    rd.Start(r);
    // Built in place: rows were reserved, so earlier rows stay where they are.
    const size_t index = out.rows.size();
    StockRow& row = out.rows.emplace_back();
    out.lines.push_back(rd.line());
    Building& b = row.building;
    b.reference = rd.Text(kBuildingRef);
    b.name = rd.Text(kBuildingName);
    b.street = rd.Text(kStreet);
    b.postal_code = rd.Text(kPostalCode);
    b.commune_insee = rd.Text(kInsee);
    if (const Commune* c = FindCommune(b.commune_insee)) b.commune_name = c->name;
    row.agency_name = rd.Text(kAgency);
    b.qpv = rd.Bool(kQpv);
    b.has_lift = rd.Bool(kLift);
    b.floors = rd.SmallInt(kFloors);

    Dwelling& d = row.dwelling;
    d.reference = rd.Text(kDwellingRef);
    d.building_reference = b.reference;
    d.floor = rd.Value(kFloor, ParseFloor).value_or(0);
    d.rooms = rd.Value(kTypology, ParseTypology).value_or(1);
    d.surface_cm2 = rd.Value(kSurface, csv::ParseSurfaceHundredths).value_or(0);
    if (auto f = rd.Cell(kFinancing); !f.empty()) {
      if (auto financing = FinancingFromCode(f)) d.financing = *financing;
      else rd.Fail(kFinancing, "financement inconnu " + Quoted(f) + " (attendu PLAI, PLUS, PLS ou autre)");
    } else {
      rd.Text(kFinancing);  // reports the missing value
    }
    d.rent_cents = rd.Cents(kRent);
    d.charges_cents = rd.Cents(kCharges);
    d.accessible_prm = rd.Bool(kAccessible);

    // A building's columns repeat on each of its dwellings: they must agree, since the first
    // row is the one written.
    const std::string_view building_key = rd.Cell(kBuildingRef);
    bool first_of_building = true;
    if (!building_key.empty()) {
      const auto earlier = building_rows.Insert(building_key, index);
      first_of_building = !earlier;
      if (earlier) {
        const StockRow& first = out.rows[*earlier];
        const std::string where = " : le bâtiment " + Quoted(building_key) + " est décrit autrement ligne " +
                                  std::to_string(out.lines[*earlier]);
        const Building& f = first.building;
        if (b.name != f.name) rd.Fail(kBuildingName, Quoted(b.name) + where + " (" + Quoted(f.name) + ")");
        if (b.street != f.street) rd.Fail(kStreet, Quoted(b.street) + where + " (" + Quoted(f.street) + ")");
        if (b.postal_code != f.postal_code) rd.Fail(kPostalCode, Quoted(b.postal_code) + where + " (" + Quoted(f.postal_code) + ")");
        if (b.commune_insee != f.commune_insee) rd.Fail(kInsee, Quoted(b.commune_insee) + where + " (" + Quoted(f.commune_insee) + ")");
        if (row.agency_name != first.agency_name) rd.Fail(kAgency, Quoted(row.agency_name) + where + " (" + Quoted(first.agency_name) + ")");
        if (b.qpv != f.qpv) rd.Fail(kQpv, Quoted(rd.Cell(kQpv)) + where);
        if (b.has_lift != f.has_lift) rd.Fail(kLift, Quoted(rd.Cell(kLift)) + where);
        if (b.floors != f.floors) rd.Fail(kFloors, Quoted(rd.Cell(kFloors)) + where);
      }
    }

    const std::string_view dwelling_key = rd.Cell(kDwellingRef);
    if (!dwelling_key.empty()) {
      if (auto first = dwelling_rows.Insert(dwelling_key, index)) {
        rd.Fail(kDwellingRef, "logement " + Quoted(dwelling_key) + " déjà décrit ligne " + std::to_string(out.lines[*first]));
      }
    }
    if (!rd.failed()) {
      if (first_of_building) {
        if (auto e = ValidateBuilding(b)) ReportRule(rd, *e, kBuildingFields);
      }
      if (auto e = ValidateDwelling(d)) ReportRule(rd, *e, kDwellingFields);
    }
  }
  Finish(out);
  return out;
}

StockFile ReadStockFile(std::string bytes, const csv::Mapping* mapping) {
  const csv::Table table = csv::ReadTable(std::move(bytes));
  return StockRowsOf(table, mapping);
}

// ---- Cells of the households file ----------------------------------------------------------------

namespace {

// True when a word has letters and none in lower case: "DUPONT", "LEFÈVRE", "N'DIAYE".
bool IsCapitals(std::string_view w) {
  bool letter = false;
  for (size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
    if (c == 0xC3 && i + 1 < w.size()) {  // Latin-1 letters: U+00C0..U+00DE upper, U+00DF..U+00FF lower
      const auto d = static_cast<unsigned char>(w[i + 1]);
      if (d >= 0x9F) return false;
      letter = true;
    }
    if (c == 0xC5 && i + 1 < w.size() && w[i + 1] == '\x93') return false;  // œ
  }
  return letter;
}

std::optional<Relation> RelationOfWord(std::string_view word) {
  // Fold() for accents and hyphens ("grand-mère"); plain letters are only lower-cased.
  const bool letters = std::all_of(word.begin(), word.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
  const std::string w = letters ? AsciiLower(word) : text::Fold(word);
  static constexpr std::string_view kChild[] = {"enfant", "fils", "fille"};
  static constexpr std::string_view kSpouse[] = {"conjoint", "conjointe", "epoux",     "epouse",
                                                 "concubin", "concubine", "partenaire", "compagnon", "compagne"};
  static constexpr std::string_view kOther[] = {"autre",      "parent",      "pere",       "mere",
                                                "frere",      "soeur",       "grand parent", "grand pere",
                                                "grand mere", "petit enfant", "heberge",    "hebergee"};
  for (auto c : kChild) if (w == c) return Relation::kChild;
  for (auto s : kSpouse) if (w == s) return Relation::kSpouse;
  for (auto o : kOther) if (w == o) return Relation::kOther;
  return std::nullopt;
}

}  // namespace

namespace {

// Appends the occupants of an autres_occupants cell to `out` (ParseOtherOccupants without a
// vector of its own: this runs once per household of a regional file).
std::optional<Error> AppendOtherOccupants(std::string_view cell, std::string_view holder_last_name,
                                          std::vector<Member>& out) {
  int number = 0;
  size_t pos = 0;
  std::vector<std::string_view> words;
  while (pos <= cell.size()) {
    size_t end = cell.find_first_of(";|\n", pos);
    if (end == std::string_view::npos) end = cell.size();
    const std::string_view whole = text::Trim(cell.substr(pos, end - pos));
    pos = end + 1;
    if (whole.empty()) continue;
    ++number;
    auto fail = [&](const std::string& why) {
      return Invalid("", "occupant " + std::to_string(number) + " " + Quoted(whole) + " : " + why);
    };
    std::string_view entry = whole;
    Member m;
    m.relation = Relation::kOther;
    if (entry.ends_with(')')) {
      const size_t open = entry.rfind('(');
      if (open == std::string_view::npos) return fail("parenthèse fermante sans ouvrante");
      const std::string_view word = text::Trim(entry.substr(open + 1, entry.size() - open - 2));
      auto relation = RelationOfWord(word);
      if (!relation) {
        return fail("lien " + Quoted(word) +
                    " inconnu (attendu enfant, conjoint, conjointe, époux, épouse, concubin, partenaire ou autre)");
      }
      m.relation = *relation;
      entry = text::Trim(entry.substr(0, open));
    }
    // Words, the last one possibly a birth date.
    words.clear();
    for (size_t i = 0; i < entry.size();) {
      while (i < entry.size() && (entry[i] == ' ' || entry[i] == '\t')) ++i;
      size_t j = i;
      while (j < entry.size() && entry[j] != ' ' && entry[j] != '\t') ++j;
      if (j > i) words.push_back(entry.substr(i, j - i));
      i = j;
    }
    if (!words.empty() && words.back().find_first_of("0123456789") != std::string_view::npos) {
      auto date = csv::ParseDateValue(words.back());
      if (!date.ok()) return fail(date.error().message);
      m.birth_date = *date;
      words.pop_back();
    }
    if (words.empty()) return fail("nom et prénom manquants");
    auto append = [](std::string& to, std::string_view w) {
      if (!to.empty()) to += ' ';
      to += w;
    };
    const bool any_capitals = std::any_of(words.begin(), words.end(), IsCapitals);
    for (size_t i = 0; i < words.size(); ++i) {
      const bool is_last = any_capitals ? IsCapitals(words[i]) : (words.size() > 1 && i + 1 == words.size());
      append(is_last ? m.last_name : m.first_name, words[i]);
    }
    if (m.first_name.empty()) return fail("prénom manquant (écrire « Prénom NOM »)");
    if (m.last_name.empty()) m.last_name = holder_last_name;
    out.push_back(std::move(m));
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<Member>> ParseOtherOccupants(std::string_view cell, std::string_view holder_last_name) {
  std::vector<Member> members;
  if (auto e = AppendOtherOccupants(cell, holder_last_name, members)) return *e;
  return members;
}

HouseholdFile HouseholdRowsOf(const csv::Table& table, const csv::Mapping* mapping) {
  HouseholdFile out;
  ColumnIndex columns;
  Begin(out, table, kHouseholdColumns, mapping, columns);
  if (table.column_count() == 0 || MissingRequiredColumn(columns, kHouseholdColumns)) {
    Finish(out);
    return out;
  }
  out.rows.reserve(table.record_count());
  out.lines.reserve(table.record_count());
  RowReader rd(table, kHouseholdColumns, columns.index, out.problems);
  FirstSeen tenant_rows(table.record_count()), home_rows(table.record_count());

  for (size_t r = 0; r < table.record_count(); ++r) {
    rd.Start(r);
    const size_t index = out.rows.size();
    HouseholdRow& row = out.rows.emplace_back();
    out.lines.push_back(rd.line());
    Household& h = row.household;
    h.reference = rd.Text(kTenantRef);
    h.dwelling_reference = rd.Text(kHomeRef);

    Lease lease;
    lease.start_date = rd.Value(kLeaseStart, csv::ParseDateValue).value_or(CivilDate{});
    lease.rent_cents = rd.Cents(kLeaseRent);
    lease.charges_cents = rd.Cents(kLeaseCharges);
    lease.housing_benefit_cents = rd.Cents(kBenefit);
    lease.benefit_paid_to_landlord = rd.Bool(kBenefitToLandlord);
    h.lease = lease;

    const std::string_view others = rd.Cell(kOthers);
    h.members.reserve(2 + (others.empty() ? 0 : 1 + static_cast<size_t>(std::count_if(others.begin(), others.end(), [](char c) {
                                                      return c == ';' || c == '|' || c == '\n';
                                                    }))));
    {
      Member& holder = h.members.emplace_back();
      holder.relation = Relation::kHolder;
      holder.last_name = rd.Text(kHolderLast);
      holder.first_name = rd.Text(kHolderFirst);
      holder.birth_date = rd.Value(kHolderBirth, csv::ParseDateValue);
    }

    const bool has_co = !rd.Cell(kCoLast).empty() || !rd.Cell(kCoFirst).empty() || !rd.Cell(kCoBirth).empty();
    if (has_co) {
      Member& co = h.members.emplace_back();
      co.relation = Relation::kCoHolder;
      co.last_name = rd.Text(kCoLast);
      co.first_name = rd.Text(kCoFirst);
      co.birth_date = rd.Value(kCoBirth, csv::ParseDateValue);
      if (co.last_name.empty()) rd.Fail(kCoLast, "nom du cotitulaire manquant (son prénom ou sa naissance sont donnés)");
      if (co.first_name.empty()) rd.Fail(kCoFirst, "prénom du cotitulaire manquant (son nom ou sa naissance sont donnés)");
    }
    if (!others.empty()) {
      const std::string holder_last_name = h.members.front().last_name;  // h.members may reallocate
      if (auto e = AppendOtherOccupants(others, holder_last_name, h.members)) rd.Fail(kOthers, e->message);
    }

    int phone_columns[2] = {kPhone1, kPhone1};
    for (int k : {kPhone1, kPhone2}) {
      const std::string_view s = rd.Cell(k);
      if (s.empty()) continue;
      std::string number = text::NormalizePhoneFr(s);
      if (number.empty()) {
        rd.Fail(k, "numéro de téléphone invalide " + Quoted(s) + " (10 chiffres, par exemple 06 39 98 00 00)");
        continue;
      }
      const bool mobile = number.starts_with("06") || number.starts_with("07");
      phone_columns[h.phones.size()] = k;
      h.phones.push_back({std::move(number), mobile ? "mobile" : "fixe"});
    }
    h.email = AsciiLower(rd.Cell(kEmail));
    const std::string_view language = rd.Cell(kLanguage);
    h.preferred_language = language.empty() ? "fr" : AsciiLower(language);
    h.notes = rd.Text(kNotes);

    const std::string_view tenant_key = rd.Cell(kTenantRef);
    if (!tenant_key.empty()) {
      if (auto first = tenant_rows.Insert(tenant_key, index)) {
        rd.Fail(kTenantRef, "ménage " + Quoted(tenant_key) + " déjà décrit ligne " + std::to_string(out.lines[*first]));
      }
    }
    const std::string_view home_key = rd.Cell(kHomeRef);
    if (!home_key.empty()) {
      if (auto first = home_rows.Insert(home_key, index)) {
        rd.Fail(kHomeRef, "logement " + Quoted(home_key) + " déjà occupé par le ménage " +
                              Quoted(out.rows[*first].household.reference) + " ligne " + std::to_string(out.lines[*first]));
      }
    }

    if (!rd.failed()) {
      if (auto e = ValidateHousehold(h)) {
        // Member i is the holder (0), the co-holder (1, when there is one), then the others.
        int column = -1;
        const std::string_view f = e->field;
        if (f.starts_with("members[")) {
          const size_t i = static_cast<size_t>(std::atoi(f.data() + 8));
          const bool birth = f.ends_with("birth_date"), first = f.ends_with("first_name");
          if (i == 0) column = birth ? kHolderBirth : first ? kHolderFirst : kHolderLast;
          else if (i == 1 && has_co) column = birth ? kCoBirth : first ? kCoFirst : kCoLast;
          else column = kOthers;
        } else if (f.starts_with("phones[")) {
          column = phone_columns[std::min<size_t>(static_cast<size_t>(std::atoi(f.data() + 7)), 1)];
        } else {
          static constexpr FieldColumn kFields[] = {
              {"reference", kTenantRef},          {"members", kOthers},
              {"phones", kPhone1},                {"email", kEmail},
              {"preferred_language", kLanguage},  {"notes", kNotes},
              {"lease.start_date", kLeaseStart},  {"lease.rent_cents", kLeaseRent},
              {"lease.charges_cents", kLeaseCharges}, {"lease.housing_benefit_cents", kBenefit},
          };
          for (const auto& fc : kFields) {
            if (fc.field == f) column = fc.column;
          }
        }
        if (column >= 0 && rd.Present(column)) rd.Fail(column, e->message);
        else rd.FailRow(e->message);
      }
    }
  }
  Finish(out);
  return out;
}

HouseholdFile ReadHouseholdFile(std::string bytes, const csv::Mapping* mapping) {
  const csv::Table table = csv::ReadTable(std::move(bytes));
  return HouseholdRowsOf(table, mapping);
}

csv::Problem ProblemOfUpsert(const Error& e, std::span<const int64_t> lines) {
  size_t row = 0;
  auto [end, ec] = std::from_chars(e.field.data(), e.field.data() + e.field.size(), row);
  if (ec == std::errc() && end == e.field.data() + e.field.size() && !e.field.empty() && row < lines.size()) {
    return {lines[row], {}, e.message};
  }
  return {0, {}, e.message};
}

}  // namespace relais::housing
