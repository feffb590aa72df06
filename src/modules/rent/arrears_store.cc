#include "modules/rent/arrears_store.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "modules/outreach/crisis_plan_store.h"
#include "modules/rent/rent_policy.h"
#include "platform/audit/audit.h"
#include "platform/core/text.h"

namespace relais::rent {
namespace {

constexpr const char* kNotFound = "Bail introuvable.";

Error Refused() { return NotFound(kNotFound); }

// "2026-11-14" read fast (the nightly scan parses millions); ParseDate for anything else.
CivilDate IsoDate(std::string_view s) {
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    auto n = [&](size_t at, size_t len) {
      int v = 0;
      for (size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
      return v;
    };
    return {n(0, 4), n(5, 2), n(8, 2)};
  }
  return ParseDate(s).value_or(CivilDate{});
}

std::optional<CivilDate> ParseMonthDay(std::string_view s) {
  // "11-01"
  if (s.size() != 5 || s[2] != '-') return std::nullopt;
  auto d = ParseDate("2000-" + std::string(s));  // a leap year: 02-29 is accepted
  return d;
}

Result<Unit> ParseTruce(const std::string& text, ArrearsRules& r) {
  const auto dots = text.find("..");
  std::optional<CivilDate> from, to;
  if (dots != std::string::npos) {
    from = ParseMonthDay(text.substr(0, dots));
    to = ParseMonthDay(text.substr(dots + 2));
  }
  if (!from || !to || *to >= *from) {
    return Invalid("rent.winter_truce", "rent.winter_truce doit être « MM-JJ..MM-JJ », du début (automne) à la fin "
                                        "(printemps) de la trêve, par exemple 11-01..03-31.");
  }
  r.truce_start_month = from->month;
  r.truce_start_day = from->day;
  r.truce_end_month = to->month;
  r.truce_end_day = to->day;
  return Unit{};
}

Result<Unit> ParseExtensions(const std::string& text, ArrearsRules& r) {
  r.truce_extensions.clear();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string item(text.substr(start, end - start));
    start = end + 1;
    if (item.find_first_not_of(' ') == std::string::npos) continue;
    const auto colon = item.find(':');
    std::optional<CivilDate> ends;
    int year = 0;
    if (colon == 4) {
      year = std::atoi(item.substr(0, 4).c_str());
      ends = ParseDate(item.substr(colon + 1));
    }
    if (!ends || year < 1950 || ends->year != year + 1) {
      return Invalid("rent.truce_extensions", "rent.truce_extensions : « " + item +
                                                  " » n'est pas « ANNÉE:AAAA-MM-JJ » (la trêve commencée à "
                                                  "l'automne de ANNÉE, prolongée jusqu'à la date ; ex. 2019:2020-07-10).");
    }
    r.truce_extensions.push_back({year, *ends});
  }
  return Unit{};
}

struct LeaseRow {
  int64_t id = 0, household_id = 0;
  LeaseTerms terms;
  outreach::HouseholdPlace place;
};

std::vector<Crisis> CrisesFor(const std::vector<Crisis>& configured,
                              const std::vector<std::pair<outreach::Perimeter, Crisis>>& plans,
                              const outreach::HouseholdPlace& place) {
  std::vector<Crisis> out = configured;
  for (const auto& [perimeter, crisis] : plans)
    if (outreach::Covers(perimeter, place)) out.push_back(crisis);
  return out;
}

// The crisis plans of the organisation in force on `today`, as crises.
std::vector<std::pair<outreach::Perimeter, Crisis>> PlansInForce(db::Connection& c, int64_t org, CivilDate today,
                                                                 const ClockSettings& s) {
  std::vector<std::pair<outreach::Perimeter, Crisis>> out;
  if (!s.crisis_from_plans) return out;
  const std::string day = FormatIso(today);
  for (auto& p : outreach::CrisisPlansOf(c, org)) {
    if (p.start_date > day || (!p.end_date.empty() && p.end_date < day)) continue;
    Crisis crisis;
    crisis.name = p.name.empty() ? "plan de crise n° " + std::to_string(p.id) : p.name;
    crisis.from = IsoDate(p.start_date);
    if (!p.end_date.empty()) crisis.until = IsoDate(p.end_date);
    out.emplace_back(p.perimeter, crisis);
  }
  return out;
}

// Owned parameters: the rows outlive the situation they are made from.
db::Param OptIso(const std::optional<CivilDate>& d) { return d ? db::Param(FormatIso(*d)) : db::Param(nullptr); }
db::Param Owned(const std::optional<std::string>& s) { return s ? db::Param(std::string(*s)) : db::Param(nullptr); }

}  // namespace

Result<std::vector<Crisis>> ParseCrisisPeriods(const std::string& key, const std::string& text) {
  std::vector<Crisis> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    start = end + 1;
    if (item.find_first_not_of(' ') == std::string::npos) continue;
    Crisis c;
    const auto eq = item.find('=');
    std::string range = item;
    if (eq != std::string::npos) {
      c.name = std::string(text::Trim(item.substr(0, eq)));
      range = item.substr(eq + 1);
    }
    const auto dots = range.find("..");
    std::optional<CivilDate> from, until;
    bool ok = dots != std::string::npos;
    if (ok) {
      from = ParseDate(text::Trim(range.substr(0, dots)));
      const std::string tail(text::Trim(range.substr(dots + 2)));  // a copy: Trim views its argument
      if (!tail.empty()) {
        until = ParseDate(tail);
        ok = until.has_value();
      }
    }
    if (!ok || !from || (until && *until < *from)) {
      return Invalid(key, key + " : « " + item + " » n'est pas une période « NOM=AAAA-MM-JJ..AAAA-MM-JJ » (le nom "
                                                 "est facultatif, la fin peut rester vide).");
    }
    c.from = *from;
    c.until = until;
    if (c.name.empty()) c.name = "période de crise du " + FormatDayMonth(*from) + "/" + std::to_string(from->year);
    out.push_back(std::move(c));
  }
  return out;
}

Result<ClockSettings> ClockSettingsFrom(const config::Config& cfg) {
  ClockSettings s;
  ArrearsRules& r = s.rules;
  r.payment_term_days = cfg.rent_payment_term_days;
  r.caf_threshold_months = cfg.rent_caf_threshold_months;
  r.caf_report_months = cfg.rent_caf_report_months;
  r.repayment_plan_months = cfg.rent_repayment_plan_months;
  r.caf_small_debt_cents = cfg.rent_caf_small_debt_cents;
  r.ccapex_wait_months = cfg.rent_ccapex_wait_months;
  r.payment_demand_weeks = cfg.rent_payment_demand_weeks;
  r.payment_demand_months_before_reform = cfg.rent_payment_demand_months_before_reform;
  r.visale_notice_days = cfg.rent_visale_notice_days;
  r.visale_full_months = cfg.rent_visale_full_months;
  r.visale_partial_months = cfg.rent_visale_partial_months;
  auto reform = ParseDate(cfg.rent_payment_demand_reform_date);
  if (!reform) {
    return Invalid("rent.payment_demand_reform_date",
                   "rent.payment_demand_reform_date doit être une date AAAA-MM-JJ (par défaut 2023-07-28).");
  }
  r.payment_demand_reform_date = *reform;
  if (auto t = ParseTruce(cfg.rent_winter_truce, r); !t.ok()) return t.error();
  if (auto e = ParseExtensions(cfg.rent_truce_extensions, r); !e.ok()) return e.error();
  auto periods = ParseCrisisPeriods("rent.crisis_periods", cfg.rent_crisis_periods);
  if (!periods.ok()) return periods.error();
  s.crisis_periods = std::move(*periods);
  if (cfg.rent_crisis_mode == "pause") {
    s.crisis.mode = CrisisMode::kPause;
  } else if (cfg.rent_crisis_mode == "postpone") {
    s.crisis.mode = CrisisMode::kPostpone;
  } else if (cfg.rent_crisis_mode == "none") {
    s.crisis.mode = CrisisMode::kNone;
  } else {
    return Invalid("rent.crisis_mode", "rent.crisis_mode doit valoir pause, postpone ou none.");
  }
  s.crisis.postpone_days = cfg.rent_crisis_postpone_days;
  s.crisis_from_plans = cfg.rent_crisis_from_plans;
  s.compute_hour = cfg.rent_compute_hour;
  return s;
}

namespace {

// What the scan of an organisation knows before reading the lines: its current leases in id
// order, the steps recorded, the crisis plans in force. Read once, shared read-only by the parts.
struct ScanContext {
  int64_t org = 0;
  CivilDate today;
  const ClockSettings* settings = nullptr;
  std::vector<LeaseRow> leases;
  std::unordered_map<int64_t, std::vector<std::pair<Step, CivilDate>>> steps;
  std::vector<std::pair<outreach::Perimeter, Crisis>> plans;
  std::optional<CivilDate> truce_until;
};

ScanContext LoadScanContext(db::Connection& c, int64_t org, CivilDate today, const ClockSettings& s,
                            std::optional<int64_t> lease_id) {
  ScanContext ctx;
  ctx.org = org;
  ctx.today = today;
  ctx.settings = &s;
  ctx.truce_until = WinterTruceEnds(today, s.rules);
  std::string lease_filter = lease_id ? " AND l.id = ?" : "";
  std::vector<db::Param> params = {db::P(org)};
  if (lease_id) params.push_back(db::P(*lease_id));
  c.Query("SELECT l.id, l.household_id, l.start_date, l.rent_cents, l.charges_cents, l.housing_benefit_cents, "
          "l.benefit_paid_to_landlord, d.building_id, b.commune_insee, b.agency_id FROM leases l "
          "JOIN dwellings d ON d.id = l.dwelling_id JOIN buildings b ON b.id = d.building_id "
          "WHERE l.organisation_id = ? AND l.end_date IS NULL" + lease_filter + " ORDER BY l.id",
          params, [&](const db::Row& r) {
            LeaseRow l;
            l.id = r.Int(0);
            l.household_id = r.Int(1);
            l.terms = {IsoDate(r.Text(2)), r.Int(3), r.Int(4), r.Int(5), r.Bool(6)};
            l.place.building_id = r.Int(7);
            l.place.commune = r.Str(8);
            l.place.agency_id = r.IsNull(9) ? 0 : r.Int(9);
            ctx.leases.push_back(std::move(l));
          });
  if (ctx.leases.empty()) return ctx;
  c.Query("SELECT lease_id, step, done_on FROM arrears_steps WHERE organisation_id = ?" +
              std::string(lease_id ? " AND lease_id = ?" : "") + " ORDER BY done_on, id",
          params, [&](const db::Row& r) {
            if (auto step = StepOf(r.Text(1))) ctx.steps[r.Int(0)].emplace_back(*step, IsoDate(r.Text(2)));
          });
  ctx.plans = PlansInForce(c, org, today, s);
  return ctx;
}

// Analyses the leases [from, to) of ctx (consecutive in id order), reading their lines on `c` in
// one ordered range scan of the covering index ledger_lines_scan; `visit` gets each situation in
// lease order.
void ScanRange(db::Connection& c, const ScanContext& ctx, size_t from, size_t to,
               const std::function<void(Situation&&)>& visit) {
  if (from >= to) return;
  const ClockSettings& s = *ctx.settings;
  std::vector<LedgerLine> lines;  // of the current lease
  size_t next = from;
  auto finish = [&](const LeaseRow& l) {
    Situation sit;
    sit.lease_id = l.id;
    sit.household_id = l.household_id;
    sit.terms = l.terms;
    sit.facts = AnalyseLedger(lines, l.terms, ctx.today, s.rules);
    sit.caf_threshold_cents = CafThreshold(l.terms, s.rules);
    sit.truce_until = ctx.truce_until;
    if (sit.facts.arrears_cents > 0) {
      StepsDone done;
      auto it = ctx.steps.find(l.id);
      if (it != ctx.steps.end()) {
        for (const auto& [step, on] : it->second)
          if (on >= *sit.facts.arrears_since) done.Of(step) = on;
      }
      sit.next = NextActionOf(sit.facts, l.terms, done, ctx.today, s.rules,
                              CrisesFor(s.crisis_periods, ctx.plans, l.place), s.crisis);
    }
    visit(std::move(sit));
  };
  auto finish_before = [&](int64_t lease) {
    while (next < to && ctx.leases[next].id < lease) {
      finish(ctx.leases[next]);
      lines.clear();
      ++next;
    }
  };
  int64_t current = -1;
  bool wanted = false;  // the current lease is a current one of the range (not an ended lease's lines)
  // Lines dated after today (rare: a charge posted in advance) are read and skipped here rather
  // than filtered by SQLite, which would decode and compare each row's day once more. Dates and
  // kinds are stored as integers (ledger.h, StoredDayOf and StoredKindOf: ADR 0022).
  const int64_t today_day = StoredDayOf(ctx.today);
  c.Query("SELECT lease_id, line_day, amount_cents, kind_code FROM ledger_lines WHERE organisation_id = ? "
          "AND lease_id >= ? AND lease_id <= ? ORDER BY lease_id, line_day",
          {db::P(ctx.org), db::P(ctx.leases[from].id), db::P(ctx.leases[to - 1].id)}, [&](const db::Row& r) {
            const int64_t lease = r.Int(0);
            if (lease != current) {
              finish_before(lease);
              current = lease;
              wanted = next < to && ctx.leases[next].id == lease;
            }
            if (!wanted) return;
            const int64_t day = r.Int(1);
            if (day > today_day) return;
            LedgerLine& line = lines.emplace_back();
            line.lease_id = lease;
            line.date = DateOfStoredDay(day);
            line.amount_cents = r.Int(2);
            line.kind = LineKindOfStored(r.Int(3)).value_or(LineKind::kAdjustment);
          });
  finish_before(std::numeric_limits<int64_t>::max());
}

}  // namespace

int64_t ScanSituations(db::Connection& c, int64_t org, CivilDate today, const ClockSettings& s,
                       const std::function<void(const Situation&)>& visit, std::optional<int64_t> lease_id) {
  const ScanContext ctx = LoadScanContext(c, org, today, s, lease_id);
  ScanRange(c, ctx, 0, ctx.leases.size(), [&](Situation&& sit) { visit(sit); });
  return static_cast<int64_t>(ctx.leases.size());
}

int64_t ScanOrganisation(db::Database& db, db::Connection& c, int64_t org, CivilDate today, const ClockSettings& s,
                         const std::function<void(const Situation&)>& visit, const ScanOptions& options) {
  const ScanContext ctx = LoadScanContext(c, org, today, s, std::nullopt);
  const size_t leases = ctx.leases.size();
  const size_t chunk = std::max<size_t>(options.chunk_leases, 1);
  const size_t chunks = (leases + chunk - 1) / chunk;
  // Helpers: reader connections of the pool, one per extra thread (and chunk beyond the first),
  // taken only when the pool lends one without waiting (an idle reader, or one it may still
  // open: a cold PostgreSQL pool has opened one connection, which the caller holds). Without one
  // the caller scans alone rather than wait, and hold up the requests waiting for a reader; a
  // pool of one (an in-memory SQLite database) has nothing to lend.
  std::vector<std::unique_ptr<db::Database::Lease>> helpers;
  for (int i = 1; i < options.threads && helpers.size() + 1 < chunks; ++i) {
    auto helper = db.TryAcquireReader();
    if (!helper) break;
    helpers.push_back(std::move(helper));
  }
  if (helpers.empty()) {
    ScanRange(c, ctx, 0, leases, [&](Situation&& sit) { visit(sit); });
    return static_cast<int64_t>(leases);
  }
  // Each thread takes the next chunk of leases, analyses it into a buffer, and hands it over; the
  // chunks are visited strictly in order, by whichever thread finds the next one ready (one at a
  // time), so `visit` sees the leases in id order as the single scan does.
  std::atomic<size_t> next_chunk{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  std::map<size_t, std::vector<Situation>> ready;
  size_t next_visit = 0;
  bool visiting = false;
  std::exception_ptr error;
  auto work = [&](db::Connection& conn) {
    try {
      for (;;) {
        const size_t k = next_chunk.fetch_add(1);
        if (k >= chunks || failed) return;
        std::vector<Situation> out;
        out.reserve(chunk);
        ScanRange(conn, ctx, k * chunk, std::min(leases, (k + 1) * chunk),
                  [&](Situation&& sit) { out.push_back(std::move(sit)); });
        std::unique_lock lock(mu);
        ready.emplace(k, std::move(out));
        if (visiting) continue;
        visiting = true;
        for (auto it = ready.find(next_visit); it != ready.end() && !failed; it = ready.find(next_visit)) {
          std::vector<Situation> batch = std::move(it->second);
          ready.erase(it);
          ++next_visit;
          lock.unlock();
          for (const auto& sit : batch) visit(sit);
          lock.lock();
        }
        visiting = false;
      }
    } catch (...) {
      std::lock_guard lock(mu);
      if (!error) error = std::current_exception();
      failed = true;
      visiting = false;
    }
  };
  std::vector<std::thread> threads;
  for (auto& helper : helpers) {
    threads.emplace_back([&, conn = &**helper] {
      try {
        conn->Begin(false);  // one snapshot for the helper's chunks
      } catch (...) {
        std::lock_guard lock(mu);
        if (!error) error = std::current_exception();
        failed = true;
        return;
      }
      work(*conn);
      try {
        conn->Rollback();  // read only: nothing to keep
      } catch (...) {
      }
    });
  }
  work(c);
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
  return static_cast<int64_t>(leases);
}

ComputeCounts StoreSituations(db::Database& db, db::Connection& c, int64_t org, CivilDate today,
                              const ClockSettings& s, std::optional<int64_t> lease_id) {
  ComputeCounts counts;
  if (lease_id) {
    c.Exec("DELETE FROM arrears_situations WHERE organisation_id = ? AND lease_id = ?", {db::P(org), db::P(*lease_id)});
  } else {
    c.Exec("DELETE FROM arrears_situations WHERE organisation_id = ?", {db::P(org)});
  }
  // The agency of each lease's building, for agency-scoped staff.
  std::unordered_map<int64_t, int64_t> agency;
  c.Query("SELECT l.id, b.agency_id FROM leases l JOIN dwellings d ON d.id = l.dwelling_id JOIN buildings b ON "
          "b.id = d.building_id WHERE l.organisation_id = ? AND l.end_date IS NULL AND b.agency_id IS NOT NULL",
          {db::P(org)}, [&](const db::Row& r) { agency[r.Int(0)] = r.Int(1); });
  // The rows are gathered first: PostgreSQL runs no other statement while a COPY is open.
  std::vector<std::vector<db::Param>> rows;
  const std::string on = FormatIso(today);
  const auto keep = [&](const Situation& sit) {
        if (sit.facts.arrears_cents <= 0 && sit.facts.balance_cents <= 0) return;
        ++counts.in_arrears;
        if (sit.next) ++counts.with_step;
        const auto a = agency.find(sit.lease_id);
        rows.push_back({db::P(sit.lease_id), db::P(org), db::P(sit.household_id),
                        db::P(a == agency.end() ? int64_t{0} : a->second), db::P(on), db::P(sit.facts.balance_cents),
                        db::P(sit.facts.arrears_cents), db::P(sit.facts.residual_rent_cents),
                        db::P(sit.facts.months_hundredths), OptIso(sit.facts.arrears_since),
                        db::P(sit.caf_threshold_cents), OptIso(sit.facts.caf_threshold_since),
                        OptIso(sit.facts.visale_claim_since),
                        sit.next ? db::P(std::string(CodeOf(sit.next->step))) : db::P(nullptr),
                        sit.next ? db::P(FormatIso(sit.next->due)) : db::P(nullptr),
                        db::P(sit.next && sit.next->not_before), db::P(sit.next && sit.next->paused),
                        sit.next ? Owned(sit.next->crisis) : db::Param(nullptr),
                        db::Param(sit.next ? std::string(sit.next->reason) : std::string())});
  };
  // One lease (a step just recorded in this transaction): read on `c`, which sees it. The whole
  // organisation: nothing read by the scan was written yet in this transaction, so the helper
  // threads' reader connections see what `c` sees.
  counts.leases = lease_id ? ScanSituations(c, org, today, s, keep, lease_id) : ScanOrganisation(db, c, org, today, s, keep);
  auto bulk = c.Bulk("arrears_situations",
                     {"lease_id", "organisation_id", "household_id", "agency_id", "computed_on", "balance_cents",
                      "arrears_cents", "residual_rent_cents", "months_hundredths", "arrears_since",
                      "caf_threshold_cents", "caf_threshold_since", "visale_claim_since", "next_step", "next_due",
                      "next_not_before", "paused", "crisis", "reason"});
  for (const auto& row : rows) bulk->Add(row);
  bulk->Finish();
  return counts;
}

ComputeCounts ComputeEveryOrganisation(db::Database& db, CivilDate today, const ClockSettings& s) {
  std::vector<int64_t> orgs;
  db.Read([&](db::Connection& c) {
    c.Query("SELECT DISTINCT organisation_id FROM leases ORDER BY organisation_id", {},
            [&](const db::Row& r) { orgs.push_back(r.Int(0)); });
    return 0;
  });
  ComputeCounts total;
  for (int64_t org : orgs) {
    auto counts =
        db.Write([&](db::Connection& c) -> Result<ComputeCounts> { return StoreSituations(db, c, org, today, s); });
    if (!counts.ok()) continue;
    total.leases += counts->leases;
    total.in_arrears += counts->in_arrears;
    total.with_step += counts->with_step;
  }
  return total;
}

Result<QueuePage> OfficerListsArrearsQueue(db::Database& db, const auth::Actor& actor, const QueueFilter& f,
                                           CivilDate today, const ClockSettings& s) {
  if (!CanReadArrears(actor)) return Refused();
  return db.Read([&](db::Connection& c) -> Result<QueuePage> {
    QueuePage page;
    std::string where = "WHERE s.organisation_id = ? AND s.next_step IS NOT NULL";
    std::vector<db::Param> params = {db::P(actor.organisation_id)};
    if (f.due_by) {
      where += " AND s.next_due <= ?";
      params.push_back(db::P(FormatIso(*f.due_by)));
    }
    if (!actor.agency_ids.empty()) {
      where += " AND s.agency_id IN (";
      for (size_t i = 0; i < actor.agency_ids.size(); ++i) {
        where += i ? ", ?" : "?";
        params.push_back(db::P(actor.agency_ids[i]));
      }
      where += ")";
    }
    c.Query("SELECT COUNT(*) FROM arrears_situations s " + where, params,
            [&](const db::Row& r) { page.total = r.Int(0); });
    auto list = params;
    list.push_back(db::P(int64_t{f.limit}));
    list.push_back(db::P(int64_t{f.offset}));
    c.Query("SELECT s.lease_id, s.household_id, h.reference, h.display_name, s.balance_cents, s.arrears_cents, "
            "s.months_hundredths, s.arrears_since, s.next_step, s.next_due, s.next_not_before, s.paused, s.crisis, "
            "s.reason, s.computed_on FROM arrears_situations s JOIN households h ON h.id = s.household_id " +
                where + " ORDER BY s.paused, s.next_due, s.lease_id LIMIT ? OFFSET ?",
            list, [&](const db::Row& r) {
              QueueItem i;
              i.lease_id = r.Int(0);
              i.household_id = r.Int(1);
              i.household_reference = r.Str(2);
              i.household_name = r.Str(3);
              i.balance_cents = r.Int(4);
              i.arrears_cents = r.Int(5);
              i.months_hundredths = r.Int(6);
              i.arrears_since = r.OptStr(7);
              i.step = StepOf(r.Text(8)).value_or(Step::kReminder);
              i.due = r.Str(9);
              i.not_before = r.Bool(10);
              i.paused = r.Bool(11);
              i.crisis = r.OptStr(12);
              i.reason = r.Str(13);
              i.computed_on = r.Str(14);
              page.items.push_back(std::move(i));
            });
    c.Query("SELECT MAX(computed_on) FROM arrears_situations WHERE organisation_id = ?", {db::P(actor.organisation_id)},
            [&](const db::Row& r) { page.computed_on = r.OptStr(0); });
    for (const auto& crisis : s.crisis_periods)
      if (crisis.from <= today && (!crisis.until || today <= *crisis.until)) page.crises.push_back(crisis.name);
    for (const auto& [perimeter, crisis] : PlansInForce(c, actor.organisation_id, today, s))
      page.crises.push_back(crisis.name + (perimeter.all ? "" : " (une partie du parc)"));
    return page;
  });
}

Result<ComputeCounts> OfficerComputesArrears(db::Database& db, const auth::Actor& actor, CivilDate today,
                                             const ClockSettings& s) {
  if (!CanComputeArrears(actor)) return Refused();
  return db.Write([&](db::Connection& c) -> Result<ComputeCounts> {
    return StoreSituations(db, c, actor.organisation_id, today, s);
  });
}

namespace {
// True when the actor has no agency scope or the lease's building is in one of its agencies.
bool InActorsAgencies(db::Connection& c, const auth::Actor& actor, int64_t lease_id) {
  if (actor.agency_ids.empty()) return true;
  auto agency = c.QueryInt("SELECT b.agency_id FROM leases l JOIN dwellings d ON d.id = l.dwelling_id JOIN "
                           "buildings b ON b.id = d.building_id WHERE l.id = ?",
                           {db::P(lease_id)});
  return agency && std::find(actor.agency_ids.begin(), actor.agency_ids.end(), *agency) != actor.agency_ids.end();
}

std::vector<StepRecord> StepsOf(db::Connection& c, int64_t org, int64_t lease) {
  std::vector<StepRecord> out;
  c.Query("SELECT id, step, done_on, note, recorded_by FROM arrears_steps WHERE organisation_id = ? AND lease_id = ? "
          "ORDER BY done_on, id",
          {db::P(org), db::P(lease)}, [&](const db::Row& r) {
            out.push_back({r.Int(0), StepOf(r.Text(1)).value_or(Step::kReminder), r.Str(2), r.Str(3), r.Int(4)});
          });
  return out;
}
}  // namespace

Result<LeaseArrears> OfficerReadsLeaseArrears(db::Database& db, const auth::Actor& actor, int64_t lease_id,
                                              CivilDate today, const ClockSettings& s) {
  if (!CanReadArrears(actor)) return Refused();
  return db.Read([&](db::Connection& c) -> Result<LeaseArrears> {
    LeaseArrears out;
    bool found = false;
    c.Query("SELECT h.reference, h.display_name FROM leases l JOIN households h ON h.id = l.household_id "
            "JOIN dwellings d ON d.id = l.dwelling_id JOIN buildings b ON b.id = d.building_id "
            "WHERE l.id = ? AND l.organisation_id = ? AND l.end_date IS NULL",
            {db::P(lease_id), db::P(actor.organisation_id)}, [&](const db::Row& r) {
              found = true;
              out.household_reference = r.Str(0);
              out.household_name = r.Str(1);
            });
    if (!found) return Refused();
    bool scanned = false;
    ScanSituations(c, actor.organisation_id, today, s,
                   [&](const Situation& sit) {
                     out.situation = sit;
                     scanned = true;
                   },
                   lease_id);
    if (!scanned) return Refused();
    if (!InActorsAgencies(c, actor, lease_id)) return Refused();
    out.lines = LinesOfLease(c, actor.organisation_id, lease_id);
    out.steps = StepsOf(c, actor.organisation_id, lease_id);
    return out;
  });
}

std::vector<LeaseDebt> HouseholdDebtFor(db::Connection& c, const auth::Actor& actor, int64_t household_id,
                                        CivilDate today, const ClockSettings& s) {
  std::vector<LeaseDebt> out;
  // Who may not read the ledger sees nothing of the debt, not even that there is one: a call
  // agent (or reception, allocation) learns from the timeline only that a support case exists and
  // who its officer is (support::HouseholdCaseTimeline), which is who to hand a money question
  // to. That the household owes rent, since when and how much is the content of that follow-up:
  // a marker "suivi pour impayé" would already tell it.
  if (!CanReadArrears(actor)) return out;
  std::vector<int64_t> leases;
  c.Query("SELECT id FROM leases WHERE organisation_id = ? AND household_id = ? AND end_date IS NULL ORDER BY id",
          {db::P(actor.organisation_id), db::P(household_id)}, [&](const db::Row& r) { leases.push_back(r.Int(0)); });
  for (int64_t lease : leases) {
    if (!InActorsAgencies(c, actor, lease)) continue;
    LeaseDebt debt;
    bool scanned = false;
    ScanSituations(c, actor.organisation_id, today, s,
                   [&](const Situation& sit) {
                     debt.situation = sit;
                     scanned = true;
                   },
                   lease);
    if (!scanned) continue;
    debt.steps = StepsOf(c, actor.organisation_id, lease);
    if (debt.situation.facts.arrears_cents <= 0 && debt.steps.empty()) continue;
    out.push_back(std::move(debt));
  }
  return out;
}

Result<StepRecord> OfficerRecordsArrearsStep(db::Database& db, const auth::Actor& actor, int64_t lease_id,
                                             StepRecord step, CivilDate today, const ClockSettings& s) {
  if (!CanReadArrears(actor)) return Refused();
  auto seen = OfficerReadsLeaseArrears(db, actor, lease_id, today, s);
  if (!seen.ok()) return seen.error();
  if (!CanRecordArrearsStep(actor)) return Forbidden("Seul·e un·e conseiller·ère social·e enregistre une étape.");
  auto on = ParseDate(step.done_on);
  if (!on) return Invalid("done_on", "La date doit être au format AAAA-MM-JJ.");
  if (*on > today) return Invalid("done_on", "La date ne peut pas être dans le futur.");
  if (*on < seen->situation.terms.signed_on) return Invalid("done_on", "La date est antérieure au début du bail.");
  if (step.note.size() > 2000) return Invalid("note", "La note dépasse 2 000 caractères.");
  step.done_on = FormatIso(*on);
  step.recorded_by = actor.user_id;
  return db.Write([&](db::Connection& c) -> Result<StepRecord> {
    step.id = *c.QueryInt("INSERT INTO arrears_steps (organisation_id, lease_id, step, done_on, note, recorded_by, "
                          "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          {db::P(actor.organisation_id), db::P(lease_id), db::P(std::string(CodeOf(step.step))),
                           db::P(step.done_on), db::P(step.note), db::P(actor.user_id), db::P(NowMillis())});
    audit::AppendInTransaction(c, audit::Of(actor, "create", "arrears_step", step.id));
    StoreSituations(db, c, actor.organisation_id, today, s, lease_id);
    return step;
  });
}

}  // namespace relais::rent
