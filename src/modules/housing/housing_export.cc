#include "modules/housing/housing_export.h"

#include <algorithm>

#include "platform/csv/csv.h"

namespace relais::housing {
namespace {

void Cell(std::string& out, std::string_view s) { csv::AppendCell(out, s); }

void Sep(std::string& out) { out += ';'; }

void TwoDigits(std::string& out, int v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

// "07/03/1948".
void Date(std::string& out, const CivilDate& d) {
  TwoDigits(out, d.day);
  out += '/';
  TwoDigits(out, d.month);
  out += '/';
  out += std::to_string(d.year);
}

// Cents (or hundredths of m²) with a decimal comma: 37835 -> "378,35".
void Hundredths(std::string& out, int64_t v) {
  if (v < 0) {
    out += '-';
    v = -v;
  }
  out += std::to_string(v / 100);
  out += ',';
  TwoDigits(out, static_cast<int>(v % 100));
}

void YesNo(std::string& out, bool v) { out += v ? "oui" : "non"; }

// "06 39 98 00 12": how exports usually print a national number.
void PhoneCell(std::string& out, std::string_view number) {
  if (number.size() != 10) {
    out += number;
    return;
  }
  for (size_t i = 0; i < 10; i += 2) {
    if (i) out += ' ';
    out += number.substr(i, 2);
  }
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

bool HasSpace(std::string_view s) { return std::any_of(s.begin(), s.end(), IsSpace); }

// True when a word has letters and none in lower case, as housing_import.cc's IsCapitals judges it.
bool IsCapitals(std::string_view w) {
  bool letter = false;
  for (size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
    if (c == 0xC3 && i + 1 < w.size()) {
      if (static_cast<unsigned char>(w[i + 1]) >= 0x9F) return false;
      letter = true;
    }
    if (c == 0xC5 && i + 1 < w.size() && w[i + 1] == '\x93') return false;
  }
  return letter;
}

bool AnyWordInCapitals(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !IsSpace(s[j])) ++j;
    if (j > i && IsCapitals(s.substr(i, j - i))) return true;
    i = j;
  }
  return false;
}

// Capitals of ASCII, Latin-1 and Latin Extended-A letters (the names of the demo and of French
// registers); other characters are kept.
std::string Upper(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'a' && c <= 'z') {
      out[i] = static_cast<char>(c - 32);
    } else if (c >= 0xC3 && c <= 0xC5 && i + 1 < out.size()) {
      const auto d = static_cast<unsigned char>(out[i + 1]);
      const unsigned cp = ((c & 0x1Fu) << 6) | (d & 0x3Fu);
      unsigned up = cp;
      if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) up = cp - 0x20;
      else if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) up = cp & ~1u;
      else if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) up = cp % 2 == 0 ? cp - 1 : cp;
      out[i] = static_cast<char>(0xC0 | (up >> 6));
      out[i + 1] = static_cast<char>(0x80 | (up & 0x3F));
      ++i;
    }
  }
  return out;
}

std::string_view RelationWord(Relation r) {
  switch (r) {
    case Relation::kChild: return "enfant";
    case Relation::kSpouse: return "conjoint";
    default: return "autre";
  }
}

// How a member's name is written in autres_occupants.
enum class NameForm { kAsIs, kFirstNameOnly, kCapitals };

NameForm FormOf(const Member& m, const Member& holder) {
  if (AnyWordInCapitals(m.first_name)) return NameForm::kCapitals;  // outside the preconditions
  if (!HasSpace(m.last_name)) return NameForm::kAsIs;
  if (m.last_name == holder.last_name && !HasSpace(m.first_name)) return NameForm::kFirstNameOnly;
  return NameForm::kCapitals;
}

// Index of the co-holder written in the cotitulaire columns, or members.size().
size_t CoHolderIndex(const Household& h) {
  for (size_t i = 1; i < h.members.size(); ++i) {
    if (h.members[i].relation == Relation::kCoHolder) return i;
  }
  return h.members.size();
}

}  // namespace

std::string StockCsvHeader() {
  return "reference_batiment;nom_batiment;adresse;code_postal;code_insee;agence;qpv;ascenseur;etages;"
         "reference_logement;etage;typologie;surface_m2;financement;loyer;charges;accessible_pmr\n";
}

std::string HouseholdCsvHeader() {
  return "reference_locataire;reference_logement;date_entree;loyer;charges;apl;apl_versee_bailleur;"
         "titulaire_nom;titulaire_prenom;titulaire_naissance;cotitulaire_nom;cotitulaire_prenom;"
         "cotitulaire_naissance;autres_occupants;telephone1;telephone2;email;langue;notes\n";
}

void AppendStockCsv(std::string& out, const StockRow& row) {
  const Building& b = row.building;
  const Dwelling& d = row.dwelling;
  Cell(out, b.reference), Sep(out);
  Cell(out, b.name), Sep(out);
  Cell(out, b.street), Sep(out);
  Cell(out, b.postal_code), Sep(out);
  Cell(out, b.commune_insee), Sep(out);
  Cell(out, row.agency_name), Sep(out);
  YesNo(out, b.qpv), Sep(out);
  YesNo(out, b.has_lift), Sep(out);
  out += std::to_string(b.floors), Sep(out);
  Cell(out, d.reference), Sep(out);
  if (d.floor == 0) out += "RDC";
  else out += std::to_string(d.floor);
  Sep(out);
  out += d.rooms >= 6 ? std::string("T6+") : "T" + std::to_string(d.rooms);
  Sep(out);
  Hundredths(out, d.surface_cm2), Sep(out);
  out += FinancingCode(d.financing), Sep(out);
  Hundredths(out, d.rent_cents), Sep(out);
  Hundredths(out, d.charges_cents), Sep(out);
  YesNo(out, d.accessible_prm);
  out += '\n';
}

std::string LastNameAfterRoundTrip(const Member& m, const Member& holder) {
  return FormOf(m, holder) == NameForm::kCapitals ? Upper(m.last_name) : m.last_name;
}

std::string OtherOccupantsCell(const Household& h) {
  std::string cell;
  if (h.members.empty()) return cell;
  const Member& holder = h.members.front();
  const size_t co = CoHolderIndex(h);
  for (size_t i = 1; i < h.members.size(); ++i) {
    if (i == co) continue;
    const Member& m = h.members[i];
    if (!cell.empty()) cell += "; ";
    cell += m.first_name;
    switch (FormOf(m, holder)) {
      case NameForm::kAsIs: cell += ' ', cell += m.last_name; break;
      case NameForm::kFirstNameOnly: break;
      case NameForm::kCapitals: cell += ' ', cell += Upper(m.last_name); break;
    }
    if (m.birth_date) {
      cell += ' ';
      Date(cell, *m.birth_date);
    }
    cell += " (";
    cell += RelationWord(m.relation);
    cell += ')';
  }
  return cell;
}

void AppendHouseholdCsv(std::string& out, const HouseholdRow& row) {
  const Household& h = row.household;
  const Lease lease = h.lease.value_or(Lease{});
  Cell(out, h.reference), Sep(out);
  Cell(out, h.dwelling_reference), Sep(out);
  if (h.lease) Date(out, lease.start_date);
  Sep(out);
  Hundredths(out, lease.rent_cents), Sep(out);
  Hundredths(out, lease.charges_cents), Sep(out);
  Hundredths(out, lease.housing_benefit_cents), Sep(out);
  YesNo(out, lease.benefit_paid_to_landlord), Sep(out);
  auto person = [&out](const Member* m) {
    if (m) Cell(out, m->last_name);
    Sep(out);
    if (m) Cell(out, m->first_name);
    Sep(out);
    if (m && m->birth_date) Date(out, *m->birth_date);
    Sep(out);
  };
  person(h.members.empty() ? nullptr : &h.members.front());
  const size_t co = CoHolderIndex(h);
  person(co < h.members.size() ? &h.members[co] : nullptr);
  Cell(out, OtherOccupantsCell(h)), Sep(out);
  for (size_t k = 0; k < 2; ++k) {
    if (k < h.phones.size()) PhoneCell(out, h.phones[k].number);
    Sep(out);
  }
  Cell(out, h.email), Sep(out);
  Cell(out, h.preferred_language), Sep(out);
  Cell(out, h.notes);
  out += '\n';
}

}  // namespace relais::housing
