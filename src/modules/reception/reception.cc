#include "modules/reception/reception.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace relais::reception {
namespace {
struct KindName {
  ReasonKind kind;
  std::string_view code;
  std::string_view label;
};
constexpr std::array<KindName, 6> kKinds{{{ReasonKind::kLeaseSigning, "lease_signing", "Signature du bail"},
                                          {ReasonKind::kKeyHandover, "key_handover", "Remise des clés"},
                                          {ReasonKind::kInspection, "inspection", "État des lieux"},
                                          {ReasonKind::kRentalManagement, "rental_management", "Gestion locative"},
                                          {ReasonKind::kSocialSupport, "social_support", "Entretien d'accompagnement social"},
                                          {ReasonKind::kCustom, "custom", "Autre motif"}}};

bool Between(const std::string& d, const std::string& from, const std::string& to) {
  return (from.empty() || d >= from) && (to.empty() || d <= to);
}
}  // namespace

int CapacityOn(const Site& s, CivilDate day) {
  if (!s.sanitary_capacity || s.sanitary_start_date.empty()) return s.capacity;
  const std::string d = FormatIso(day);
  if (Between(d, s.sanitary_start_date, s.sanitary_end_date)) return *s.sanitary_capacity;
  return s.capacity;
}

std::string_view ReasonKindCode(ReasonKind k) {
  for (const auto& n : kKinds) if (n.kind == k) return n.code;
  return "custom";
}
std::optional<ReasonKind> ReasonKindFromCode(std::string_view code) {
  for (const auto& n : kKinds) if (n.code == code) return n.kind;
  return std::nullopt;
}
std::string_view ReasonKindLabel(ReasonKind k) {
  for (const auto& n : kKinds) if (n.kind == k) return n.label;
  return "Autre motif";
}

std::string_view ModeCode(Mode m) {
  switch (m) {
    case Mode::kInPerson: return "in_person";
    case Mode::kPhone: return "phone";
    case Mode::kVideo: return "video";
  }
  return "in_person";
}
std::optional<Mode> ModeFromCode(std::string_view code) {
  if (code == "in_person") return Mode::kInPerson;
  if (code == "phone") return Mode::kPhone;
  if (code == "video") return Mode::kVideo;
  return std::nullopt;
}

bool Reason::Allows(Mode m) const {
  return (m == Mode::kInPerson && in_person) || (m == Mode::kPhone && by_phone) || (m == Mode::kVideo && by_video);
}

bool OpeningRange::Covers(int64_t reason_id) const {
  if (reason_ids.empty()) return true;
  for (auto id : reason_ids) if (id == reason_id) return true;
  return false;
}

std::string PersonKey(std::optional<int64_t> household_id, std::string_view email, std::string_view phone) {
  if (household_id && *household_id > 0) return "h:" + std::to_string(*household_id);
  std::string key;
  for (char ch : email) if (!std::isspace(static_cast<unsigned char>(ch))) key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (!key.empty()) return "a:" + key;
  for (char ch : phone) if (std::isdigit(static_cast<unsigned char>(ch))) key += ch;
  // +33 6... and 06... are the same phone.
  if (key.size() == 11 && key.rfind("33", 0) == 0) key = "0" + key.substr(2);
  return key.empty() ? "" : "a:" + key;
}

std::optional<FieldError> ValidateSite(const Site& s) {
  if (s.name.empty()) return FieldError{"name", "Le nom du site est obligatoire."};
  if (s.address.empty()) return FieldError{"address", "L'adresse du site est obligatoire."};
  if (s.capacity < 1 || s.capacity > 500) return FieldError{"capacity", "La capacité doit être comprise entre 1 et 500 personnes."};
  if (s.sanitary_capacity) {
    if (*s.sanitary_capacity < 1 || *s.sanitary_capacity > s.capacity)
      return FieldError{"sanitary_capacity", "La jauge sanitaire doit être comprise entre 1 et la capacité du site."};
    if (!ParseDate(s.sanitary_start_date) || s.sanitary_start_date.size() != 10)
      return FieldError{"sanitary_start_date", "La date de début de la jauge sanitaire est obligatoire (AAAA-MM-JJ)."};
    if (!s.sanitary_end_date.empty() && (!ParseDate(s.sanitary_end_date) || s.sanitary_end_date < s.sanitary_start_date))
      return FieldError{"sanitary_end_date", "La date de fin de la jauge sanitaire doit suivre sa date de début."};
  }
  return std::nullopt;
}

std::optional<FieldError> ValidateReason(const Reason& r) {
  if (r.name.empty()) return FieldError{"name", "Le nom du motif est obligatoire."};
  if (r.duration_minutes < 5 || r.duration_minutes > 480)
    return FieldError{"duration_minutes", "La durée doit être comprise entre 5 et 480 minutes."};
  if (!r.in_person && !r.by_phone && !r.by_video)
    return FieldError{"modes", "Choisissez au moins un mode : sur place, téléphone ou visio."};
  if (r.min_delay_minutes < 0 || r.min_delay_minutes > 60 * 24 * 90)
    return FieldError{"min_delay_minutes", "Le délai minimal doit être compris entre 0 et 90 jours."};
  if (r.max_delay_days < 1 || r.max_delay_days > 365)
    return FieldError{"max_delay_days", "Le délai maximal doit être compris entre 1 et 365 jours."};
  if (static_cast<int64_t>(r.max_delay_days) * 1440 <= r.min_delay_minutes)
    return FieldError{"max_delay_days", "Le délai maximal doit dépasser le délai minimal."};
  return std::nullopt;
}

std::optional<FieldError> ValidateOpeningRange(const OpeningRange& o) {
  if (o.weekday < 1 || o.weekday > 7) return FieldError{"weekday", "Le jour doit être compris entre 1 (lundi) et 7 (dimanche)."};
  if (o.start_minute < 0 || o.end_minute > 1440 || o.start_minute >= o.end_minute)
    return FieldError{"end", "La fin de la plage doit suivre son début, dans la même journée."};
  if (!o.valid_from.empty() && !ParseDate(o.valid_from)) return FieldError{"valid_from", "Date invalide (AAAA-MM-JJ)."};
  if (!o.valid_to.empty() && (!ParseDate(o.valid_to) || (!o.valid_from.empty() && o.valid_to < o.valid_from)))
    return FieldError{"valid_to", "La date de fin doit suivre la date de début (AAAA-MM-JJ)."};
  return std::nullopt;
}

std::optional<int> ParseMinute(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4}) if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string FormatMinute(int minute) {
  minute = std::clamp(minute, 0, 1440);
  std::string out = "00:00";
  out[0] = static_cast<char>('0' + minute / 600);
  out[1] = static_cast<char>('0' + minute / 60 % 10);
  out[3] = static_cast<char>('0' + minute % 60 / 10);
  out[4] = static_cast<char>('0' + minute % 10);
  return out;
}

}  // namespace relais::reception
