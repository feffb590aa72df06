// Validation rules and codes of housing records (pure; shared by the API, imports and demo data).
#include "modules/housing/housing.h"
#include "platform/core/text.h"

namespace relais::housing {

std::string_view FinancingCode(Financing f) {
  switch (f) {
    case Financing::kPlai: return "PLAI";
    case Financing::kPlus: return "PLUS";
    case Financing::kPls: return "PLS";
    case Financing::kOther: return "AUTRE";
  }
  return "AUTRE";
}

std::optional<Financing> FinancingFromCode(std::string_view code) {
  std::string c = text::Fold(code);
  if (c == "plai") return Financing::kPlai;
  if (c == "plus") return Financing::kPlus;
  if (c == "pls") return Financing::kPls;
  if (c == "autre" || c == "other") return Financing::kOther;
  return std::nullopt;
}

std::string_view RelationCode(Relation r) {
  switch (r) {
    case Relation::kHolder: return "holder";
    case Relation::kCoHolder: return "co_holder";
    case Relation::kSpouse: return "spouse";
    case Relation::kChild: return "child";
    case Relation::kOther: return "other";
  }
  return "other";
}

std::optional<Relation> RelationFromCode(std::string_view code) {
  for (Relation r : {Relation::kHolder, Relation::kCoHolder, Relation::kSpouse, Relation::kChild, Relation::kOther}) {
    if (RelationCode(r) == code) return r;
  }
  return std::nullopt;
}

std::string Household::DisplayName() const {
  const Member* m = nullptr;
  for (const auto& x : members) {
    if (x.relation == Relation::kHolder) { m = &x; break; }
  }
  if (m == nullptr && !members.empty()) m = &members.front();
  return m ? m->first_name + " " + m->last_name : reference;
}

bool IsValidSiren(std::string_view siren) {
  if (siren.size() != 9) return false;
  int sum = 0;
  for (size_t i = 0; i < 9; ++i) {
    if (siren[i] < '0' || siren[i] > '9') return false;
    int d = siren[i] - '0';
    if (i % 2 == 1) {  // every second digit from the left is doubled (Luhn on 9 digits)
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

namespace {
bool ValidReference(const std::string& r) {
  if (r.empty() || r.size() > 40) return false;
  for (char ch : r) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_' && ch != '/' && ch != '.') return false;
  }
  return true;
}
constexpr int64_t kMaxMonthlyCents = 1'000'000;  // 10,000 EUR a month: beyond is a typing error
}  // namespace

std::optional<Error> ValidateBuilding(const Building& b) {
  if (!ValidReference(b.reference)) {
    return Invalid("reference", "La référence du bâtiment est obligatoire (lettres, chiffres, - _ / ., 40 au plus).");
  }
  if (text::Trim(b.street).empty()) return Invalid("street", "L'adresse du bâtiment est obligatoire.");
  if (b.street.size() > 200) return Invalid("street", "L'adresse dépasse 200 caractères.");
  if (b.name.size() > 200) return Invalid("name", "Le nom dépasse 200 caractères.");
  if (FindCommune(b.commune_insee) == nullptr) {
    return Invalid("commune_insee", "Le code INSEE « " + b.commune_insee + " » n'est pas une commune de Normandie.");
  }
  if (!b.postal_code.empty()) {
    bool ok = b.postal_code.size() == 5;
    for (char ch : b.postal_code) ok = ok && ch >= '0' && ch <= '9';
    if (!ok) return Invalid("postal_code", "Le code postal doit comporter 5 chiffres.");
  }
  if (b.floors < 0 || b.floors > 60) return Invalid("floors", "Le nombre d'étages doit être compris entre 0 et 60.");
  return std::nullopt;
}

std::optional<Error> ValidateDwelling(const Dwelling& d) {
  if (!ValidReference(d.reference)) {
    return Invalid("reference", "La référence du logement est obligatoire (lettres, chiffres, - _ / ., 40 au plus).");
  }
  if (d.floor < -5 || d.floor > 60) return Invalid("floor", "L'étage doit être compris entre -5 et 60.");
  if (d.rooms < 1 || d.rooms > 6) return Invalid("rooms", "La typologie doit être comprise entre T1 et T6+.");
  if (d.surface_cm2 < 500 || d.surface_cm2 > 100000) {
    return Invalid("surface_m2", "La surface doit être comprise entre 5 et 1 000 m².");
  }
  if (d.rent_cents < 0 || d.rent_cents > kMaxMonthlyCents) {
    return Invalid("rent_cents", "Le loyer doit être compris entre 0 et 10 000 €.");
  }
  if (d.charges_cents < 0 || d.charges_cents > kMaxMonthlyCents) {
    return Invalid("charges_cents", "Les charges doivent être comprises entre 0 et 10 000 €.");
  }
  return std::nullopt;
}

std::optional<Error> ValidateHousehold(const Household& h) {
  if (!ValidReference(h.reference)) {
    return Invalid("reference", "La référence locataire est obligatoire (lettres, chiffres, - _ / ., 40 au plus).");
  }
  if (h.members.empty()) return Invalid("members", "Le ménage doit compter au moins une personne (le titulaire).");
  if (h.members.size() > 20) return Invalid("members", "Un ménage compte au plus 20 personnes.");
  int holders = 0;
  for (size_t i = 0; i < h.members.size(); ++i) {
    const Member& m = h.members[i];
    const std::string at = "members[" + std::to_string(i) + "]";
    if (text::Trim(m.last_name).empty()) return Invalid(at + ".last_name", "Le nom est obligatoire.");
    if (text::Trim(m.first_name).empty()) return Invalid(at + ".first_name", "Le prénom est obligatoire.");
    if (m.last_name.size() > 100 || m.first_name.size() > 100) {
      return Invalid(at + ".last_name", "Le nom et le prénom font au plus 100 caractères.");
    }
    if (m.birth_date && (m.birth_date->year < 1900 || !IsValid(*m.birth_date))) {
      return Invalid(at + ".birth_date", "La date de naissance n'est pas plausible.");
    }
    holders += m.relation == Relation::kHolder;
  }
  if (holders != 1) return Invalid("members", "Le ménage doit avoir exactement un·e titulaire du bail.");
  if (h.phones.size() > 5) return Invalid("phones", "Cinq numéros de téléphone au plus.");
  for (size_t i = 0; i < h.phones.size(); ++i) {
    if (text::NormalizePhoneFr(h.phones[i].number).empty()) {
      return Invalid("phones[" + std::to_string(i) + "].number",
                     "Le numéro « " + h.phones[i].number + " » n'est pas un numéro français à 10 chiffres.");
    }
  }
  if (!h.email.empty()) {
    auto at = h.email.find('@');
    if (at == std::string::npos || at == 0 || h.email.find('.', at) == std::string::npos || h.email.size() > 254 ||
        h.email.find(' ') != std::string::npos) {
      return Invalid("email", "L'adresse e-mail n'est pas valide.");
    }
  }
  if (h.preferred_language.size() != 2 || !std::islower(static_cast<unsigned char>(h.preferred_language[0])) ||
      !std::islower(static_cast<unsigned char>(h.preferred_language[1]))) {
    return Invalid("preferred_language", "La langue doit être un code ISO 639-1 à deux lettres (fr, en, ar…).");
  }
  if (h.notes.size() > 4000) return Invalid("notes", "Les notes dépassent 4 000 caractères.");
  if (h.lease) {
    const Lease& l = *h.lease;
    if (!IsValid(l.start_date) || l.start_date.year < 1950) {
      return Invalid("lease.start_date", "La date d'entrée dans les lieux n'est pas plausible.");
    }
    if (l.rent_cents < 0 || l.rent_cents > kMaxMonthlyCents) {
      return Invalid("lease.rent_cents", "Le loyer doit être compris entre 0 et 10 000 €.");
    }
    if (l.charges_cents < 0 || l.charges_cents > kMaxMonthlyCents) {
      return Invalid("lease.charges_cents", "Les charges doivent être comprises entre 0 et 10 000 €.");
    }
    if (l.housing_benefit_cents < 0 || l.housing_benefit_cents > l.rent_cents + l.charges_cents) {
      return Invalid("lease.housing_benefit_cents", "L'aide au logement doit être comprise entre 0 et le loyer charges comprises.");
    }
  }
  return std::nullopt;
}

}  // namespace relais::housing
