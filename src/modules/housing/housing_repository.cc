#include "modules/housing/housing_repository.h"

#include <algorithm>
#include <functional>
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

// Weights of search tokens (docs/adr/0004-household-search.md). A query word scores the best weight
// among the household's tokens it prefixes, doubled when the token is the word itself.
constexpr int kNameWeight = 3;       // members' names, tenant reference, phones: the highest weight
constexpr int kDwellingWeight = 2;   // dwelling reference
constexpr int kAddressWeight = 1;    // street, postal code, commune

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
    add(m.first_name, kNameWeight);
    add(m.last_name, kNameWeight);
  }
  add(h.reference, kNameWeight);
  for (const auto& p : h.phones) add(text::NormalizePhoneFr(p.number), kNameWeight);
  c.Query("SELECT b.street, b.postal_code, b.commune_insee, d.reference FROM dwellings d "
          "JOIN buildings b ON b.id = d.building_id WHERE d.id = ? AND d.organisation_id = ?",
          {P(h.dwelling_id), P(org)}, [&](const db::Row& r) {
            add(r.Text(0), kAddressWeight);
            add(r.Text(1), kAddressWeight);
            if (const Commune* cm = FindCommune(r.Text(2))) add(cm->name, kAddressWeight);
            add(r.Text(3), kDwellingWeight);
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

// Households by id while one search adds up its scores: open addressing over one array (a
// node-based map spent more time allocating than the search did reading the index).
class ScoreTable {
 public:
  struct Entry {
    int64_t id = 0;      // 0 = free slot (ids start at 1)
    int total = 0;       // sum of the best scores of the words matched so far
    int current = 0;     // best score of the word being read
    int words = 0;       // words matched so far
  };
  Entry* Find(int64_t id) {
    if (slots_.empty()) return nullptr;  // nothing added yet (the first word matched nothing)
    for (size_t i = Slot(id);; i = (i + 1) & mask_) {
      if (slots_[i].id == id) return &slots_[i];
      if (slots_[i].id == 0) return nullptr;
    }
  }
  Entry& FindOrAdd(int64_t id) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    for (size_t i = Slot(id);; i = (i + 1) & mask_) {
      if (slots_[i].id == id) return slots_[i];
      if (slots_[i].id == 0) {
        ++size_;
        slots_[i].id = id;
        return slots_[i];
      }
    }
  }
  std::vector<Entry>& slots() { return slots_; }

 private:
  size_t Slot(int64_t id) const { return static_cast<size_t>(static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ull >> 20) & mask_; }
  void Grow() {
    std::vector<Entry> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1024, old.size() * 2), Entry{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Entry& e : old) {
      if (e.id != 0) FindOrAdd(e.id) = e;
    }
  }
  std::vector<Entry> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

// One past the last token a word prefixes: [a-z0-9] only, so +1 on the last byte stays below 0x7f.
std::string UpperBound(const std::string& word) {
  std::string upper = word;
  upper.back() = static_cast<char>(upper.back() + 1);
  return upper;
}

// Calls on_score(id, score) for each token of the households of `ids` that `word` prefixes, the
// score being the token's weight, doubled for the word itself (a household may come several
// times, in any order: the caller keeps the best). Reads the (household_id, organisation_id,
// token, weight) index of migration 0005: one seek per household, in chunks of a fixed size so
// that the statement is prepared once.
void ScoreWord(db::Connection& c, int64_t org, const std::string& word, const std::vector<int64_t>& ids,
               const std::function<void(int64_t id, int score)>& on_score) {
  constexpr size_t kChunk = 128;
  static const std::string sql = [] {
    std::string s = "SELECT household_id, weight, CASE WHEN token = ? THEN 2 ELSE 1 END FROM household_search "
                    "WHERE household_id IN (";
    for (size_t i = 0; i < kChunk; ++i) s += i ? ",?" : "?";
    return s + ") AND organisation_id = ? AND token >= ? AND token < ?";
  }();
  const std::string upper = UpperBound(word);
  std::vector<db::Param> params;
  params.reserve(kChunk + 4);
  for (size_t at = 0; at < ids.size(); at += kChunk) {
    params.clear();
    params.push_back(P(word));
    for (size_t i = 0; i < kChunk; ++i) params.push_back(P(at + i < ids.size() ? ids[at + i] : int64_t{0}));
    params.push_back(P(org));
    params.push_back(P(word));
    params.push_back(P(upper));
    c.Query(sql, params, [&](const db::Row& r) {
      on_score(r.Int(0), static_cast<int>(r.Int(1) * r.Int(2)));
    });
  }
}

// True when `word` prefixes more than `rows` rows of the index: a count that stops there, and that
// costs less than reading the rows (none of them leaves SQLite).
bool RangeLonger(db::Connection& c, int64_t org, const std::string& word, int64_t rows) {
  return c.QueryInt("SELECT 1 FROM household_search WHERE organisation_id = ? AND token >= ? AND token < ? "
                    "ORDER BY token, household_id LIMIT 1 OFFSET ?",
                    {P(org), P(word), P(UpperBound(word)), P(rows)})
      .has_value();
}

// Calls on_score(id, score) for at most `max_rows` rows of the range `word` prefixes: the word
// itself first (doubled), then the longer tokens, two ranges of the key so that no row needs its
// token read and compared. Returns the rows read.
int64_t ReadRange(db::Connection& c, int64_t org, const std::string& word, int64_t max_rows,
                  const std::function<void(int64_t id, int score)>& on_score) {
  int64_t rows = c.Query(
      "SELECT household_id, weight FROM household_search WHERE organisation_id = ? AND token = ? LIMIT ?",
      {P(org), P(word), P(max_rows)}, [&](const db::Row& r) { on_score(r.Int(0), static_cast<int>(r.Int(1)) * 2); });
  if (rows < max_rows) {
    rows += c.Query("SELECT household_id, weight FROM household_search WHERE organisation_id = ? AND token > ? "
                    "AND token < ? LIMIT ?",
                    {P(org), P(word), P(UpperBound(word)), P(max_rows - rows)},
                    [&](const db::Row& r) { on_score(r.Int(0), static_cast<int>(r.Int(1))); });
  }
  return rows;
}

// One seek per candidate (ScoreWord) costs about as much as reading 10 rows of a range.
constexpr int64_t kSeekRows = 10;

// The `limit` best households matching every word (as a prefix of one of their tokens), best
// score first, then lowest id: the score of a word is its best token weight, doubled for an exact
// token (docs/adr/0004-household-search.md).
//
// The words are read longest first (a longer prefix matches fewer tokens): the first gives the
// candidates, each later one keeps those it matches. A later word is read as its key range when
// that is cheaper than checking each candidate, else checked on the candidates by one index seek
// each (ScoreWord); the answer is the same. Reads are bounded: a word prefixing more than
// bounds.word_rows rows is common. When the longest word is common, the first other word that is
// not gives the candidates instead ("chloe bernard"); when every word is common ("st lo", "a b"
// on a region), the candidates are the first `bounds.candidates` households of the longest, exact
// token first, and the answer is the best of those (that word's score then counts the tokens read).
std::vector<std::pair<int64_t, double>> TopHouseholds(db::Connection& c, int64_t org,
                                                      const std::vector<std::string>& words, int limit,
                                                      const SearchBounds& bounds) {
  const int64_t word_rows = bounds.word_rows;
  std::vector<std::pair<int64_t, double>> hits;
  if (limit <= 0) return hits;
  if (words.size() == 1) {
    // One word scores at most twice the name weight, on households having the word itself as a
    // name token; in id order, the first `limit` of them are the answer when there are as many
    // ("martin" on a region: 50 rows read instead of 20,000).
    c.Query("SELECT household_id FROM household_search WHERE organisation_id = ? AND token = ? AND weight = ? "
            "ORDER BY household_id LIMIT ?",
            {P(org), P(words[0]), P(kNameWeight), P(static_cast<int64_t>(limit))},
            [&](const db::Row& r) { hits.emplace_back(r.Int(0), 2.0 * kNameWeight); });
    if (static_cast<int>(hits.size()) == limit) return hits;
    hits.clear();
  }
  std::vector<const std::string*> order;
  for (const auto& w : words) order.push_back(&w);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->size() > b->size(); });

  // The candidates, with their score for the first word, in reading order (exact token first).
  // A candidate matched by `n` words so far has e.words == n; `current` is its best score for the
  // word being read.
  ScoreTable table;
  std::vector<int64_t> ids;
  bool cut = false;  // the candidates are the first households of a long range
  auto add = [&](const db::Row& r, int factor) {
    ScoreTable::Entry& e = table.FindOrAdd(r.Int(0));
    if (e.words == 0) {
      e.words = 1;
      ids.push_back(e.id);
    }
    e.total = std::max(e.total, static_cast<int>(r.Int(1)) * factor);
  };
  auto read_all = [&](const std::string& word) {  // reading a row twice changes nothing: the best is kept
    c.Query("SELECT household_id, weight FROM household_search WHERE organisation_id = ? AND token = ?",
            {P(org), P(word)}, [&](const db::Row& r) { add(r, 2); });
    c.Query("SELECT household_id, weight FROM household_search WHERE organisation_id = ? AND token > ? AND token < ?",
            {P(org), P(word), P(UpperBound(word))}, [&](const db::Row& r) { add(r, 1); });
  };
  std::vector<bool> common(order.size(), false);  // known to prefix more than word_rows rows
  {
    const std::string& word = *order[0];
    // The first `bound` rows, exact token first (in id order), then the longer tokens; when they
    // are not the whole range, a count up to word_rows (cheaper than reading: no row leaves
    // SQLite) tells whether the rest is read or the candidates are cut. A lone word has no other
    // word to check by seeks: its candidates may be as many as the rows read.
    const int64_t bound = order.size() == 1 ? word_rows : std::max<int64_t>(bounds.candidates, limit);
    int64_t rows = c.Query(
        "SELECT household_id, weight FROM household_search WHERE organisation_id = ? AND token = ? "
        "ORDER BY household_id LIMIT ?",
        {P(org), P(word), P(bound)}, [&](const db::Row& r) { add(r, 2); });
    if (rows < bound) {
      rows += c.Query("SELECT household_id, weight FROM household_search WHERE organisation_id = ? AND token > ? "
                      "AND token < ? ORDER BY token, household_id LIMIT ?",
                      {P(org), P(word), P(UpperBound(word)), P(bound - rows)}, [&](const db::Row& r) { add(r, 1); });
    }
    cut = rows >= bound && (bound >= word_rows || RangeLonger(c, org, word, word_rows));
    if (cut) {
      // A common longest word ("bernard" on a region): another word that is not common gives
      // every candidate instead ("chloe bernard" must find each Chloé Bernard, not those among
      // the first Bernards).
      common[0] = true;
      for (size_t k = 1; k < order.size(); ++k) {
        if ((common[k] = RangeLonger(c, org, *order[k], word_rows))) continue;
        std::rotate(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        std::rotate(common.begin(), common.begin() + static_cast<std::ptrdiff_t>(k), common.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        table = ScoreTable();
        ids.clear();
        cut = false;
        read_all(*order[0]);
        break;
      }
    } else if (rows >= bound) {
      read_all(word);
    }
    std::sort(ids.begin(), ids.end());  // index order: the seeks of ScoreWord walk forward
  }

  for (size_t k = 1; k < order.size() && !ids.empty(); ++k) {
    const std::string& word = *order[k];
    const int matched = static_cast<int>(k);
    auto score = [&](int64_t id, int s) {
      ScoreTable::Entry* e = table.Find(id);
      if (e == nullptr || e->words < matched) return;
      if (e->words == matched) {
        e->words = matched + 1;
        e->current = s;
      } else {
        e->current = std::max(e->current, s);
      }
    };
    // Read as a range when it is shorter than the seeks would cost (kSeekRows rows a candidate):
    // the word itself (doubled), then the longer tokens it prefixes. Up to word_rows rows are read
    // at once; a longer range is counted (cheaper than a read) up to the seeks' cost, to be read
    // whole or abandoned for the seeks. A word met in a cut answer (whose candidates are few) is
    // counted before any read.
    const int64_t range_rows = kSeekRows * static_cast<int64_t>(ids.size());
    bool seek = false;
    if (common[k] && range_rows <= word_rows) {
      seek = true;
    } else if (cut) {
      seek = RangeLonger(c, org, word, range_rows);
      if (!seek) ReadRange(c, org, word, range_rows, score);
    } else {
      // A common word met here is a name ("bernard" after "chloe"): its range is most likely
      // shorter than the seeks, so it is read without being counted first.
      const int64_t first = common[k] ? range_rows : std::min(range_rows, word_rows);
      if (ReadRange(c, org, word, first, score) >= first) {
        seek = range_rows <= word_rows || RangeLonger(c, org, word, range_rows);
        if (!seek) ReadRange(c, org, word, range_rows, score);  // rows read again change nothing
      }
      if (seek) {
        for (int64_t id : ids) {  // forget the partial range, check every candidate instead
          ScoreTable::Entry* e = table.Find(id);
          if (e->words > matched) e->words = matched;
        }
      }
    }
    if (seek) ScoreWord(c, org, word, ids, score);
    std::vector<int64_t> kept;
    kept.reserve(ids.size());
    for (int64_t id : ids) {
      ScoreTable::Entry* e = table.Find(id);
      if (e->words == matched + 1) {
        e->total += e->current;
        kept.push_back(id);
      }
    }
    ids.swap(kept);
  }
  std::vector<std::pair<int, int64_t>> ranked;  // (-score, id): ascending = best first
  ranked.reserve(ids.size());
  for (int64_t id : ids) ranked.emplace_back(-table.Find(id)->total, id);
  const size_t n = std::min(ranked.size(), static_cast<size_t>(limit));
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n), ranked.end());
  for (size_t i = 0; i < n; ++i) hits.emplace_back(ranked[i].second, static_cast<double>(-ranked[i].first));
  return hits;
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
          "b.commune_insee, h.email, h.preferred_language, h.notes, h.updated_at, h.anonymised_at "
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
            if (!r.IsNull(12)) h.anonymised_at = r.Int(12);
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

std::vector<HouseholdSummary> SearchHouseholds(db::Connection& c, int64_t org, const std::string& q, int limit,
                                               const SearchBounds& bounds) {
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
  const std::vector<std::pair<int64_t, double>> hits = TopHouseholds(c, org, tokens, limit, bounds);
  if (hits.empty()) return {};
  std::string in;
  std::vector<db::Param> ids;
  for (const auto& [id, score] : hits) {
    in += in.empty() ? "?" : ",?";
    ids.push_back(P(id));
  }
  ids.push_back(P(org));
  std::map<int64_t, HouseholdSummary> by_id;
  // "+h.organisation_id" keeps the filter but tells SQLite not to drive the query by the
  // (organisation_id, reference) index: it would scan every household of the landlord (44 ms for
  // 330,000) to find these few ids instead of reading them by primary key (0.2 ms).
  c.Query(std::string(kSummarySelect) + "WHERE h.id IN (" + in + ") AND +h.organisation_id = ?", ids,
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
