#include "modules/housing/housing_repository.h"

#include <algorithm>
#include <map>

#include "platform/core/text.h"

namespace relais::housing::repo {
using db::P;

namespace {

constexpr std::string_view kBuildingColumns =
    "b.id, b.reference, b.name, b.street, b.postal_code, b.commune_insee, b.agency_id, b.qpv, b.has_lift, "
    "b.floors, (SELECT COUNT(*) FROM dwellings d WHERE d.building_id = b.id)";

Building ReadBuilding(const db::Row& r) {
  Building b;
  b.id = r.Int(0);
  b.reference = r.Str(1);
  b.name = r.Str(2);
  b.street = r.Str(3);
  b.postal_code = r.Str(4);
  b.commune_insee = r.Str(5);
  b.agency_id = r.OptInt(6);
  b.qpv = r.Bool(7);
  b.has_lift = r.Bool(8);
  b.floors = static_cast<int>(r.Int(9));
  b.dwelling_count = static_cast<int>(r.Int(10));
  if (const Commune* c = FindCommune(b.commune_insee)) b.commune_name = c->name;
  return b;
}

constexpr std::string_view kDwellingColumns =
    "d.id, d.reference, d.building_id, b.reference, d.floor, d.rooms, d.surface_cm2, d.financing, d.rent_cents, "
    "d.charges_cents, d.accessible_prm, "
    "(SELECT l.household_id FROM leases l WHERE l.dwelling_id = d.id AND l.end_date IS NULL ORDER BY l.id DESC LIMIT 1)";

Dwelling ReadDwelling(const db::Row& r) {
  Dwelling d;
  d.id = r.Int(0);
  d.reference = r.Str(1);
  d.building_id = r.Int(2);
  d.building_reference = r.Str(3);
  d.floor = static_cast<int>(r.Int(4));
  d.rooms = static_cast<int>(r.Int(5));
  d.surface_cm2 = r.Int(6);
  d.financing = FinancingFromCode(r.Text(7)).value_or(Financing::kOther);
  d.rent_cents = r.Int(8);
  d.charges_cents = r.Int(9);
  d.accessible_prm = r.Bool(10);
  d.household_id = r.OptInt(11);
  return d;
}

std::string Address(std::string_view street, std::string_view postal_code, std::string_view insee) {
  std::string a(street);
  const Commune* c = FindCommune(insee);
  if (!postal_code.empty() || c) {
    a += ",";
    if (!postal_code.empty()) a += " " + std::string(postal_code);
    if (c) a += " " + c->name;
  }
  return a;
}

// Summary columns; the caller appends FROM/WHERE.
constexpr std::string_view kSummarySelect =
    "SELECT h.id, h.reference, h.display_name, b.street, b.postal_code, b.commune_insee, "
    "(SELECT p.number FROM phones p WHERE p.household_id = h.id ORDER BY p.position LIMIT 1), "
    "(SELECT COUNT(*) FROM members m WHERE m.household_id = h.id) "
    "FROM households h JOIN dwellings d ON d.id = h.dwelling_id JOIN buildings b ON b.id = d.building_id ";

HouseholdSummary ReadSummary(const db::Row& r) {
  HouseholdSummary s;
  s.id = r.Int(0);
  s.reference = r.Str(1);
  s.display_name = r.Str(2);
  s.address = Address(r.Text(3), r.Text(4), r.Text(5));
  if (const Commune* c = FindCommune(r.Text(5))) s.commune_name = c->name;
  s.phone = r.IsNull(6) ? "" : r.Str(6);
  s.member_count = static_cast<int>(r.Int(7));
  return s;
}

std::optional<int64_t> ParseCursor(const std::optional<std::string>& after) {
  if (!after || after->empty() || after->size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char ch : *after) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return v;
}

// Lists query limit + 1 rows: the extra one only says that there is a next page.
template <class T>
Page<T> CutPage(Page<T> page, int limit) {
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = std::to_string(page.items.back().id);
  }
  return page;
}

std::string Fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char ch : s) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string BuildingSearchKey(const Building& b) {
  std::string commune;
  if (const Commune* c = FindCommune(b.commune_insee)) commune = c->name;
  return " " + text::Fold(b.reference + " " + b.name + " " + b.street + " " + b.postal_code + " " + commune) + " ";
}

// The search tokens of a household with their weight (highest kept per token).
std::map<std::string, int> HouseholdTokens(db::Connection& c, int64_t org, const Household& h) {
  std::map<std::string, int> tokens;
  auto add = [&](std::string_view text, int weight) {
    for (auto& t : text::IndexTokens(text)) {
      if (t.size() > 64) t.resize(64);
      int& w = tokens[t];
      w = std::max(w, weight);
    }
  };
  for (const auto& m : h.members) {
    add(m.first_name, 3);
    add(m.last_name, 3);
  }
  add(h.reference, 3);
  for (const auto& p : h.phones) add(text::NormalizePhoneFr(p.number), 3);
  c.Query("SELECT b.street, b.postal_code, b.commune_insee, d.reference FROM dwellings d "
          "JOIN buildings b ON b.id = d.building_id WHERE d.id = ? AND d.organisation_id = ?",
          {P(h.dwelling_id), P(org)}, [&](const db::Row& r) {
            add(r.Text(0), 1);
            add(r.Text(1), 1);
            if (const Commune* cm = FindCommune(r.Text(2))) add(cm->name, 1);
            add(r.Text(3), 2);
          });
  return tokens;
}

// Members keep their id across updates (later modules attach profiles to them): an incoming
// member matches an existing one by id, else by name and birth date; the others are removed.
void SyncMembers(db::Connection& c, int64_t org, int64_t household_id, const Household& h) {
  struct Existing {
    int64_t id;
    std::string key;
    bool kept = false;
  };
  auto key_of = [](const Member& m) {
    return text::Fold(m.first_name) + "|" + text::Fold(m.last_name) + "|" +
           (m.birth_date ? FormatIso(*m.birth_date) : "");
  };
  std::vector<Existing> existing;
  c.Query("SELECT id, first_name, last_name, birth_date FROM members WHERE household_id = ? AND organisation_id = ?",
          {P(household_id), P(org)}, [&](const db::Row& r) {
            Member m;
            m.first_name = r.Str(1);
            m.last_name = r.Str(2);
            if (!r.IsNull(3)) m.birth_date = ParseDate(r.Text(3));
            existing.push_back({r.Int(0), key_of(m)});
          });
  for (size_t i = 0; i < h.members.size(); ++i) {
    const Member& m = h.members[i];
    Existing* match = nullptr;
    for (auto& e : existing) {
      if (!e.kept && ((m.id != 0 && e.id == m.id) || (m.id == 0 && e.key == key_of(m)))) {
        match = &e;
        break;
      }
    }
    const auto birth = m.birth_date ? P(FormatIso(*m.birth_date)) : P(nullptr);
    if (match) {
      match->kept = true;
      c.Exec("UPDATE members SET position = ?, first_name = ?, last_name = ?, birth_date = ?, relation = ? "
             "WHERE id = ? AND organisation_id = ?",
             {P(static_cast<int64_t>(i)), P(m.first_name), P(m.last_name), birth, P(RelationCode(m.relation)),
              P(match->id), P(org)});
    } else {
      c.Exec("INSERT INTO members (organisation_id, household_id, position, first_name, last_name, birth_date, "
             "relation) VALUES (?, ?, ?, ?, ?, ?, ?)",
             {P(org), P(household_id), P(static_cast<int64_t>(i)), P(m.first_name), P(m.last_name), birth,
              P(RelationCode(m.relation))});
    }
  }
  for (const auto& e : existing) {
    if (!e.kept) c.Exec("DELETE FROM members WHERE id = ? AND organisation_id = ?", {P(e.id), P(org)});
  }
}

void WriteHouseholdChildren(db::Connection& c, int64_t org, int64_t id, const Household& h) {
  SyncMembers(c, org, id, h);
  for (size_t i = 0; i < h.phones.size(); ++i) {
    c.Exec("INSERT INTO phones (household_id, organisation_id, position, number, label) VALUES (?, ?, ?, ?, ?)",
           {P(id), P(org), P(static_cast<int64_t>(i)), P(text::NormalizePhoneFr(h.phones[i].number)),
            P(h.phones[i].label)});
  }
  for (const auto& [token, weight] : HouseholdTokens(c, org, h)) {
    c.Exec("INSERT INTO household_search (organisation_id, token, household_id, weight) VALUES (?, ?, ?, ?)",
           {P(org), P(token), P(id), P(weight)});
  }
}

void WriteLease(db::Connection& c, int64_t org, int64_t household_id, const Household& h) {
  if (!h.lease) return;
  const Lease& l = *h.lease;
  // The current lease is updated in place while the household stays in the same dwelling;
  // a move closes it and opens a new one, so that the history of leases is kept.
  std::optional<int64_t> current;
  std::optional<int64_t> current_dwelling;
  c.Query("SELECT id, dwelling_id FROM leases WHERE household_id = ? AND organisation_id = ? AND end_date IS NULL",
          {P(household_id), P(org)}, [&](const db::Row& r) {
            current = r.Int(0);
            current_dwelling = r.Int(1);
          });
  if (current && current_dwelling == h.dwelling_id) {
    c.Exec("UPDATE leases SET start_date = ?, rent_cents = ?, charges_cents = ?, housing_benefit_cents = ?, "
           "benefit_paid_to_landlord = ? WHERE id = ?",
           {P(FormatIso(l.start_date)), P(l.rent_cents), P(l.charges_cents), P(l.housing_benefit_cents),
            P(l.benefit_paid_to_landlord), P(*current)});
    return;
  }
  if (current) {
    c.Exec("UPDATE leases SET end_date = ? WHERE id = ?", {P(FormatIso(l.start_date)), P(*current)});
  }
  c.Exec("INSERT INTO leases (organisation_id, household_id, dwelling_id, start_date, rent_cents, charges_cents, "
         "housing_benefit_cents, benefit_paid_to_landlord) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
         {P(org), P(household_id), P(h.dwelling_id), P(FormatIso(l.start_date)), P(l.rent_cents),
          P(l.charges_cents), P(l.housing_benefit_cents), P(l.benefit_paid_to_landlord)});
}

}  // namespace

std::string ContentHash(const Building& b) {
  return Fnv1a(b.reference + '\x1f' + b.name + '\x1f' + b.street + '\x1f' + b.postal_code + '\x1f' + b.commune_insee +
               '\x1f' + (b.agency_id ? std::to_string(*b.agency_id) : "") + '\x1f' + std::to_string(b.qpv) +
               std::to_string(b.has_lift) + '\x1f' + std::to_string(b.floors));
}

std::string ContentHash(const Dwelling& d) {
  return Fnv1a(d.reference + '\x1f' + std::to_string(d.building_id) + '\x1f' + std::to_string(d.floor) + '\x1f' +
               std::to_string(d.rooms) + '\x1f' + std::to_string(d.surface_cm2) + '\x1f' +
               std::string(FinancingCode(d.financing)) + '\x1f' + std::to_string(d.rent_cents) + '\x1f' +
               std::to_string(d.charges_cents) + '\x1f' + std::to_string(d.accessible_prm));
}

std::string ContentHash(const Household& h) {
  std::string s = h.reference + '\x1f' + std::to_string(h.dwelling_id) + '\x1f' + h.email + '\x1f' +
                  h.preferred_language + '\x1f' + h.notes + '\x1e';
  for (const auto& m : h.members) {
    s += m.first_name + '\x1f' + m.last_name + '\x1f' + (m.birth_date ? FormatIso(*m.birth_date) : "") + '\x1f' +
         std::string(RelationCode(m.relation)) + '\x1e';
  }
  for (const auto& p : h.phones) s += text::NormalizePhoneFr(p.number) + '\x1f' + p.label + '\x1e';
  if (h.lease) {
    const Lease& l = *h.lease;
    s += FormatIso(l.start_date) + '\x1f' + std::to_string(l.rent_cents) + '\x1f' + std::to_string(l.charges_cents) +
         '\x1f' + std::to_string(l.housing_benefit_cents) + '\x1f' + std::to_string(l.benefit_paid_to_landlord);
  }
  return Fnv1a(s);
}

// ---- Buildings -------------------------------------------------------------------------------

std::optional<Building> FindBuilding(db::Connection& c, int64_t org, int64_t id) {
  std::optional<Building> out;
  c.Query("SELECT " + std::string(kBuildingColumns) + " FROM buildings b WHERE b.id = ? AND b.organisation_id = ?",
          {P(id), P(org)}, [&](const db::Row& r) { out = ReadBuilding(r); });
  return out;
}

std::optional<int64_t> BuildingIdByReference(db::Connection& c, int64_t org, const std::string& reference) {
  return c.QueryInt("SELECT id FROM buildings WHERE organisation_id = ? AND reference = ?", {P(org), P(reference)});
}

Page<Building> ListBuildings(db::Connection& c, int64_t org, const BuildingFilter& f) {
  std::string sql = "SELECT " + std::string(kBuildingColumns) + " FROM buildings b WHERE b.organisation_id = ?";
  std::vector<db::Param> params = {P(org)};
  if (f.commune_insee) {
    sql += " AND b.commune_insee = ?";
    params.push_back(P(*f.commune_insee));
  }
  if (f.agency_id) {
    sql += " AND b.agency_id = ?";
    params.push_back(P(*f.agency_id));
  }
  if (f.q) {
    for (const auto& w : text::QueryTokens(*f.q)) {
      sql += " AND b.search_key LIKE ?";  // words start after a space of the folded key
      params.push_back(P("% " + w + "%"));
    }
  }
  if (auto after = ParseCursor(f.after)) {
    sql += " AND b.id > ?";
    params.push_back(P(*after));
  }
  sql += " ORDER BY b.id LIMIT ?";
  params.push_back(P(static_cast<int64_t>(f.limit + 1)));
  Page<Building> page;
  c.Query(sql, params, [&](const db::Row& r) { page.items.push_back(ReadBuilding(r)); });
  return CutPage(std::move(page), f.limit);
}

int64_t InsertBuilding(db::Connection& c, int64_t org, const Building& b) {
  return *c.QueryInt(
      "INSERT INTO buildings (organisation_id, reference, name, street, postal_code, commune_insee, agency_id, qpv, "
      "has_lift, floors, search_key, content_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {P(org), P(b.reference), P(b.name), P(b.street), P(b.postal_code), P(b.commune_insee), P(b.agency_id), P(b.qpv),
       P(b.has_lift), P(b.floors), P(BuildingSearchKey(b)), P(ContentHash(b)), P(NowMillis())});
}

void UpdateBuilding(db::Connection& c, int64_t org, const Building& b) {
  c.Exec("UPDATE buildings SET reference = ?, name = ?, street = ?, postal_code = ?, commune_insee = ?, agency_id = ?, "
         "qpv = ?, has_lift = ?, floors = ?, search_key = ?, content_hash = ?, updated_at = ? "
         "WHERE id = ? AND organisation_id = ?",
         {P(b.reference), P(b.name), P(b.street), P(b.postal_code), P(b.commune_insee), P(b.agency_id), P(b.qpv),
          P(b.has_lift), P(b.floors), P(BuildingSearchKey(b)), P(ContentHash(b)), P(NowMillis()), P(b.id), P(org)});
  // The address of its households changed: their search tokens follow.
  std::vector<int64_t> households;
  c.Query("SELECT h.id FROM households h JOIN dwellings d ON d.id = h.dwelling_id WHERE d.building_id = ? "
          "AND h.organisation_id = ?",
          {P(b.id), P(org)}, [&](const db::Row& r) { households.push_back(r.Int(0)); });
  for (int64_t id : households) {
    if (auto h = FindHousehold(c, org, id)) UpdateHousehold(c, org, *h);
  }
}

// ---- Dwellings -------------------------------------------------------------------------------

std::optional<Dwelling> FindDwelling(db::Connection& c, int64_t org, int64_t id) {
  std::optional<Dwelling> out;
  c.Query("SELECT " + std::string(kDwellingColumns) +
              " FROM dwellings d JOIN buildings b ON b.id = d.building_id WHERE d.id = ? AND d.organisation_id = ?",
          {P(id), P(org)}, [&](const db::Row& r) { out = ReadDwelling(r); });
  return out;
}

std::optional<int64_t> DwellingIdByReference(db::Connection& c, int64_t org, const std::string& reference) {
  return c.QueryInt("SELECT id FROM dwellings WHERE organisation_id = ? AND reference = ?", {P(org), P(reference)});
}

std::vector<Dwelling> ListDwellingsOfBuilding(db::Connection& c, int64_t org, int64_t building_id) {
  std::vector<Dwelling> out;
  c.Query("SELECT " + std::string(kDwellingColumns) +
              " FROM dwellings d JOIN buildings b ON b.id = d.building_id WHERE d.building_id = ? "
              "AND d.organisation_id = ? ORDER BY d.floor, d.reference",
          {P(building_id), P(org)}, [&](const db::Row& r) { out.push_back(ReadDwelling(r)); });
  return out;
}

int64_t InsertDwelling(db::Connection& c, int64_t org, const Dwelling& d) {
  return *c.QueryInt(
      "INSERT INTO dwellings (organisation_id, building_id, reference, floor, rooms, surface_cm2, financing, "
      "rent_cents, charges_cents, accessible_prm, content_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {P(org), P(d.building_id), P(d.reference), P(d.floor), P(d.rooms), P(d.surface_cm2),
       P(FinancingCode(d.financing)), P(d.rent_cents), P(d.charges_cents), P(d.accessible_prm), P(ContentHash(d)),
       P(NowMillis())});
}

void UpdateDwelling(db::Connection& c, int64_t org, const Dwelling& d) {
  c.Exec("UPDATE dwellings SET building_id = ?, reference = ?, floor = ?, rooms = ?, surface_cm2 = ?, financing = ?, "
         "rent_cents = ?, charges_cents = ?, accessible_prm = ?, content_hash = ?, updated_at = ? "
         "WHERE id = ? AND organisation_id = ?",
         {P(d.building_id), P(d.reference), P(d.floor), P(d.rooms), P(d.surface_cm2), P(FinancingCode(d.financing)),
          P(d.rent_cents), P(d.charges_cents), P(d.accessible_prm), P(ContentHash(d)), P(NowMillis()), P(d.id),
          P(org)});
}

// ---- Households ------------------------------------------------------------------------------

std::optional<Household> FindHousehold(db::Connection& c, int64_t org, int64_t id) {
  std::optional<Household> out;
  c.Query("SELECT h.id, h.reference, h.dwelling_id, d.reference, d.building_id, b.street, b.postal_code, "
          "b.commune_insee, h.email, h.preferred_language, h.notes, h.updated_at "
          "FROM households h JOIN dwellings d ON d.id = h.dwelling_id JOIN buildings b ON b.id = d.building_id "
          "WHERE h.id = ? AND h.organisation_id = ?",
          {P(id), P(org)}, [&](const db::Row& r) {
            Household h;
            h.id = r.Int(0);
            h.reference = r.Str(1);
            h.dwelling_id = r.Int(2);
            h.dwelling_reference = r.Str(3);
            h.building_id = r.Int(4);
            h.address = Address(r.Text(5), r.Text(6), r.Text(7));
            if (const Commune* cm = FindCommune(r.Text(7))) h.commune_name = cm->name;
            h.email = r.Str(8);
            h.preferred_language = r.Str(9);
            h.notes = r.Str(10);
            h.updated_at = r.Int(11);
            out = std::move(h);
          });
  if (!out) return out;
  c.Query("SELECT id, first_name, last_name, birth_date, relation FROM members WHERE household_id = ? "
          "AND organisation_id = ? ORDER BY position",
          {P(id), P(org)}, [&](const db::Row& r) {
            Member m;
            m.id = r.Int(0);
            m.first_name = r.Str(1);
            m.last_name = r.Str(2);
            if (!r.IsNull(3)) m.birth_date = ParseDate(r.Text(3));
            m.relation = RelationFromCode(r.Text(4)).value_or(Relation::kOther);
            out->members.push_back(std::move(m));
          });
  c.Query("SELECT number, label FROM phones WHERE household_id = ? AND organisation_id = ? ORDER BY position",
          {P(id), P(org)}, [&](const db::Row& r) { out->phones.push_back({r.Str(0), r.Str(1)}); });
  c.Query("SELECT id, start_date, rent_cents, charges_cents, housing_benefit_cents, benefit_paid_to_landlord "
          "FROM leases WHERE household_id = ? AND organisation_id = ? AND end_date IS NULL ORDER BY id DESC LIMIT 1",
          {P(id), P(org)}, [&](const db::Row& r) {
            Lease l;
            l.id = r.Int(0);
            l.start_date = ParseDate(r.Text(1)).value_or(CivilDate{});
            l.rent_cents = r.Int(2);
            l.charges_cents = r.Int(3);
            l.housing_benefit_cents = r.Int(4);
            l.benefit_paid_to_landlord = r.Bool(5);
            out->lease = l;
          });
  return out;
}

std::optional<int64_t> HouseholdIdByReference(db::Connection& c, int64_t org, const std::string& reference) {
  return c.QueryInt("SELECT id FROM households WHERE organisation_id = ? AND reference = ?", {P(org), P(reference)});
}

Page<HouseholdSummary> ListHouseholds(db::Connection& c, int64_t org, const HouseholdFilter& f) {
  std::string sql = std::string(kSummarySelect) + "WHERE h.organisation_id = ?";
  std::vector<db::Param> params = {P(org)};
  if (f.building_id) {
    sql += " AND d.building_id = ?";
    params.push_back(P(*f.building_id));
  }
  if (f.dwelling_id) {
    sql += " AND h.dwelling_id = ?";
    params.push_back(P(*f.dwelling_id));
  }
  if (auto after = ParseCursor(f.after)) {
    sql += " AND h.id > ?";
    params.push_back(P(*after));
  }
  sql += " ORDER BY h.id LIMIT ?";
  params.push_back(P(static_cast<int64_t>(f.limit + 1)));
  Page<HouseholdSummary> page;
  c.Query(sql, params, [&](const db::Row& r) { page.items.push_back(ReadSummary(r)); });
  return CutPage(std::move(page), f.limit);
}

std::vector<HouseholdSummary> SearchHouseholds(db::Connection& c, int64_t org, const std::string& q, int limit) {
  // A query that is a phone number ("06 12 34", "+33 6 12") searches the phone digits as one token.
  std::vector<std::string> tokens;
  std::string digits;
  bool phone_like = true;
  for (char ch : q) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (ch != ' ' && ch != '.' && ch != '-' && ch != '+') phone_like = false;
  }
  if (phone_like && digits.size() >= 4) {
    if (digits.starts_with("33") && q.find('+') != std::string::npos) digits = "0" + digits.substr(2);
    tokens.push_back(digits);
  } else {
    tokens = text::QueryTokens(q);
  }
  if (tokens.empty()) return {};
  if (tokens.size() > 6) tokens.resize(6);
  std::vector<std::string> upper;
  upper.reserve(tokens.size());
  std::string sql = "SELECT household_id, SUM(w) AS score FROM (";
  std::vector<db::Param> params;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string up = tokens[i];
    up.back() = static_cast<char>(up.back() + 1);  // [a-z0-9] only: +1 stays below 0x7f
    upper.push_back(std::move(up));
    if (i) sql += " UNION ALL ";
    sql += "SELECT household_id, MAX(CASE WHEN token = ? THEN weight * 2 ELSE weight END) AS w FROM household_search "
           "WHERE organisation_id = ? AND token >= ? AND token < ? GROUP BY household_id";
    params.push_back(P(tokens[i]));
    params.push_back(P(org));
    params.push_back(P(tokens[i]));
    params.push_back(P(upper.back()));
  }
  sql += ") m GROUP BY household_id HAVING COUNT(*) = ? ORDER BY score DESC, household_id LIMIT ?";
  params.push_back(P(static_cast<int64_t>(tokens.size())));
  params.push_back(P(static_cast<int64_t>(limit)));
  std::vector<std::pair<int64_t, double>> hits;
  c.Query(sql, params, [&](const db::Row& r) { hits.emplace_back(r.Int(0), r.Real(1)); });
  if (hits.empty()) return {};
  std::string in;
  std::vector<db::Param> ids = {P(org)};
  for (const auto& [id, score] : hits) {
    in += in.empty() ? "?" : ",?";
    ids.push_back(P(id));
  }
  std::map<int64_t, HouseholdSummary> by_id;
  c.Query(std::string(kSummarySelect) + "WHERE h.organisation_id = ? AND h.id IN (" + in + ")", ids,
          [&](const db::Row& r) {
            auto s = ReadSummary(r);
            by_id[s.id] = std::move(s);
          });
  std::vector<HouseholdSummary> out;
  for (const auto& [id, score] : hits) {
    auto it = by_id.find(id);
    if (it == by_id.end()) continue;
    it->second.score = score;
    out.push_back(std::move(it->second));
  }
  return out;
}

int64_t InsertHousehold(db::Connection& c, int64_t org, const Household& h) {
  int64_t id = *c.QueryInt(
      "INSERT INTO households (organisation_id, reference, dwelling_id, email, preferred_language, notes, display_name, "
      "content_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {P(org), P(h.reference), P(h.dwelling_id), P(h.email), P(h.preferred_language), P(h.notes), P(h.DisplayName()),
       P(ContentHash(h)), P(NowMillis())});
  WriteHouseholdChildren(c, org, id, h);
  WriteLease(c, org, id, h);
  return id;
}

void UpdateHousehold(db::Connection& c, int64_t org, const Household& h) {
  c.Exec("UPDATE households SET reference = ?, dwelling_id = ?, email = ?, preferred_language = ?, notes = ?, "
         "display_name = ?, content_hash = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
         {P(h.reference), P(h.dwelling_id), P(h.email), P(h.preferred_language), P(h.notes), P(h.DisplayName()),
          P(ContentHash(h)), P(NowMillis()), P(h.id), P(org)});
  c.Exec("DELETE FROM phones WHERE household_id = ? AND organisation_id = ?", {P(h.id), P(org)});
  c.Exec("DELETE FROM household_search WHERE household_id = ? AND organisation_id = ?", {P(h.id), P(org)});
  WriteHouseholdChildren(c, org, h.id, h);
  WriteLease(c, org, h.id, h);
}

// ---- Agencies --------------------------------------------------------------------------------

std::optional<int64_t> AgencyIdByName(db::Connection& c, int64_t org, const std::string& name) {
  return c.QueryInt("SELECT id FROM agencies WHERE organisation_id = ? AND name = ?", {P(org), P(name)});
}

int64_t InsertAgency(db::Connection& c, int64_t org, const std::string& name) {
  return *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, ?) RETURNING id", {P(org), P(name)});
}

}  // namespace relais::housing::repo
