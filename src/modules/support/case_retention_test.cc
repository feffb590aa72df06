// Retention of support cases on both engines (ADR 0021): which closed cases are past the period
// (the day before and the day of the cutoff), and what an anonymisation removes (notes, documents,
// task titles, timeline texts, the FSL file's members and resources, guarantee references, the
// other solutions' free texts) and keeps (states, outcome, dates, amounts, kinds); done once; an
// anonymised case refuses changes; a household's anonymisation reaches its cases.
#include <gtest/gtest.h>

#include "modules/support/support.h"
#include "modules/support/support_fsl.h"
#include "modules/support/support_plan.h"
#include "modules/support/support_solutions.h"
#include "modules/support/support_test_fixture.h"
#include "platform/notify/notify.h"

namespace relais::support {
namespace {

class CaseRetentionTest : public CaseFixture {
 protected:
  // Closes case `id` and dates the end of its follow-up (the close stamps today's date).
  void CloseOn(int64_t id, CivilDate ended) {
    ASSERT_TRUE(OfficerMovesSupportCase(db(), officer_, id, "close", "debt_cleared", "Dette soldée par Mme Dupont").ok());
    db().Write([&](db::Connection& c) {
      c.Exec("UPDATE support_cases SET follow_up_ended_on = ? WHERE id = ?", {db::P(FormatIso(ended)), db::P(id)});
      return 0;
    });
  }
  int64_t Count(const std::string& sql, int64_t id) {
    return *db().Read([&](db::Connection& c) { return c.QueryInt(sql, {db::P(id)}); });
  }
  std::string Text(const std::string& sql, int64_t id) {
    return db().Read([&](db::Connection& c) {
      std::string out;
      c.Query(sql, {db::P(id)}, [&](const db::Row& r) { out = r.Str(0); });
      return out;
    });
  }
  std::vector<CaseRef> Due(CivilDate cutoff) {
    return db().Read([&](db::Connection& c) { return CasesPastRetention(c, cutoff); });
  }
};

TEST_P(CaseRetentionTest, OnlyClosedCasesWhoseFollowUpEndedBeforeTheCutoffAreDue) {
  auto first = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(first.ok());
  CloseOn(first->id, {2021, 11, 27});  // the day before the cutoff: due
  auto second = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(second.ok());
  CloseOn(second->id, {2021, 11, 28});  // the cutoff itself: kept
  auto open = OfficerOpensSupportCase(db(), officer_, household_, {});  // open: never due
  ASSERT_TRUE(open.ok());
  db().Write([&](db::Connection& c) {  // even with an old date left on it
    c.Exec("UPDATE support_cases SET follow_up_ended_on = '2001-01-01' WHERE id = ?", {db::P(open->id)});
    return 0;
  });
  const auto due = Due({2021, 11, 28});
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].case_id, first->id);
  EXPECT_EQ(due[0].organisation_id, org_);
  EXPECT_EQ(Due({2021, 11, 29}).size(), 2u);
  // Once anonymised, a case is not due again.
  ASSERT_TRUE(db().Write([&](db::Connection& c) { return AnonymiseCaseIn(c, org_, first->id, "retention"); }));
  EXPECT_FALSE(db().Write([&](db::Connection& c) { return AnonymiseCaseIn(c, org_, first->id, "retention"); }));
  EXPECT_FALSE(db().Write([&](db::Connection& c) { return AnonymiseCaseIn(c, org_ + 100, second->id, "retention"); }));
  ASSERT_EQ(Due({2021, 11, 29}).size(), 1u);
  EXPECT_EQ(Due({2021, 11, 29})[0].case_id, second->id);
}

TEST_P(CaseRetentionTest, AnonymisationRemovesWhatTellsOfTheHouseholdAndKeepsTheFiguresOnce) {
  for (int m : {9, 10}) Post({2026, m, 1}, rent::LineKind::kRent, 30000);
  const CivilDate today{2026, 10, 20};
  OpenCaseInput in;
  in.reason = "Perte d'emploi de Mme Dupont";
  auto opened = OfficerOpensSupportCase(db(), officer_, household_, in);
  ASSERT_TRUE(opened.ok());
  const int64_t id = opened->id;
  ASSERT_TRUE(OfficerAddsCaseNote(db(), officer_, id, "Mme Dupont est suivie pour une dépression").ok());
  ASSERT_TRUE(OfficerAddsCaseTask(db(), officer_, id, "Rappeler Mme Dupont au 06 12 34 56 78", {2026, 11, 2}, std::nullopt).ok());
  Settings settings;
  ASSERT_TRUE(OfficerAddsCaseDocument(db(), officer_, settings, id, "avis-imposition-dupont.pdf", "application/pdf",
                                      notify::Base64("%PDF-1.4\nrevenus"))
                  .ok());
  FslInput fsl;
  fsl.monthly_resources_cents = 95000;
  fsl.resources_note = "RSA et pension alimentaire";
  fsl.difficulty = "Séparation récente";
  auto prepared = OfficerPreparesFslReferral(db(), officer_, DefaultFslRules(), id, fsl, today, 10);
  ASSERT_TRUE(prepared.ok()) << prepared.error().message;
  const SolutionRules rules;
  ASSERT_TRUE(OfficerPreparesGuaranteeClaim(db(), officer_, rules, id,
                                            {"visale", "V-DUPONT-123", std::nullopt, false, CivilDate{2026, 9, 10}}, today)
                  .ok());
  ASSERT_TRUE(OfficerRecordsOtherSolution(db(), officer_, rules, id, "social_worker", today,
                                          "Orientée vers l'assistante sociale du CCAS, Mme Martin", today)
                  .ok());
  auto plan = OfficerSetsUpPaymentPlan(db(), officer_, PlanRules{}, id, {6, {2026, 11, 5}, {2026, 10, 20}}, today);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  CloseOn(id, {2020, 1, 31});
  const int64_t events = Count("SELECT COUNT(*) FROM support_case_events WHERE case_id = ?", id);

  ASSERT_TRUE(db().Write([&](db::Connection& c) { return AnonymiseCaseIn(c, org_, id, "retention"); }));
  auto after = StaffReadsSupportCase(db(), officer_, id);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->anonymised_at.has_value());
  EXPECT_EQ(after->reason, "");
  EXPECT_TRUE(after->notes.empty());
  EXPECT_TRUE(after->documents.empty());  // the files themselves: the rows that hold their bytes
  EXPECT_EQ(Count("SELECT COUNT(*) FROM support_documents WHERE case_id = ?", id), 0);
  ASSERT_EQ(after->tasks.size(), 1u);
  EXPECT_EQ(after->tasks[0].title, "");
  EXPECT_EQ(after->tasks[0].due_date, "2026-11-02");
  ASSERT_EQ(static_cast<int64_t>(after->events.size()), events);  // the timeline's steps stay
  for (const auto& e : after->events) EXPECT_EQ(e.text, "") << e.kind;
  EXPECT_EQ(after->state, "closed");
  EXPECT_EQ(after->outcome, "debt_cleared");
  EXPECT_EQ(after->follow_up_ended_on, "2020-01-31");
  EXPECT_EQ(Text("SELECT anonymisation_reason FROM support_cases WHERE id = ?", id), "retention");

  auto f = StaffReadsFslReferral(db(), officer_, DefaultFslRules(), id);
  ASSERT_TRUE(f.ok() && f->has_value());
  EXPECT_TRUE((*f)->members.empty());
  EXPECT_EQ((*f)->monthly_resources_cents, 0);
  EXPECT_EQ((*f)->resources_note, "");
  EXPECT_EQ((*f)->difficulty, "");
  EXPECT_EQ((*f)->debt_cents, 60000);  // the figures stay
  EXPECT_EQ((*f)->requested_cents, 60000);
  EXPECT_EQ((*f)->departement.code, "14");
  auto s = StaffReadsCaseSolutions(db(), officer_, rules, id, today);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->claims.size(), 1u);
  EXPECT_EQ(s->claims[0].guarantee_reference, "");
  EXPECT_EQ(s->claims[0].guarantee, "visale");
  EXPECT_EQ(s->claims[0].debt_cents, 60000);
  ASSERT_EQ(s->others.size(), 1u);
  EXPECT_EQ(s->others[0].detail, "");
  EXPECT_EQ(s->others[0].kind, "social_worker");
  auto p = StaffReadsPaymentPlan(db(), officer_, PlanRules{}, id, today);
  ASSERT_TRUE(p.ok() && p->has_value());
  EXPECT_EQ((*p)->debt_cents, 60000);
  EXPECT_EQ((*p)->months, 6);
  // Nothing of the household's words is left in the case's tables.
  for (const std::string table : {"support_cases", "support_case_events", "support_tasks", "support_fsl_referrals",
                                  "support_guarantee_claims", "support_other_solutions"}) {
    const std::string column = table == "support_cases" ? "id" : "case_id";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM " + table + " t WHERE t." + column + " = ? AND (" +
                        (table == "support_cases"            ? std::string("t.reason LIKE '%Dupont%'")
                         : table == "support_case_events"    ? std::string("t.text LIKE '%Dupont%'")
                         : table == "support_tasks"          ? std::string("t.title LIKE '%Dupont%'")
                         : table == "support_fsl_referrals"  ? std::string("t.composition LIKE '%Dupont%' OR t.resources_note <> ''")
                         : table == "support_guarantee_claims" ? std::string("t.guarantee_reference LIKE '%DUPONT%'")
                                                               : std::string("t.detail LIKE '%Martin%'")) +
                        ")",
                    id),
              0)
        << table;
  }

  // Done once; and an anonymised case refuses every change, even its reopening.
  EXPECT_FALSE(db().Write([&](db::Connection& c) { return AnonymiseCaseIn(c, org_, id, "retention"); }));
  EXPECT_EQ(OfficerMovesSupportCase(db(), officer_, id, "reopen", "", "").error().code, ErrorCode::kConflict);
  EXPECT_EQ(OfficerAddsCaseNote(db(), officer_, id, "Encore").error().code, ErrorCode::kConflict);
  EXPECT_EQ(OfficerRecordsOtherSolution(db(), officer_, rules, id, "benefit_review", today, "", today).error().code,
            ErrorCode::kConflict);
}

TEST_P(CaseRetentionTest, AHouseholdsAnonymisationClosesAndAnonymisesItsCases) {
  for (int m : {9, 10}) Post({2026, m, 1}, rent::LineKind::kRent, 30000);
  auto closed = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(closed.ok());
  CloseOn(closed->id, {2026, 10, 1});
  auto open = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(open.ok());
  ASSERT_TRUE(OfficerAddsCaseNote(db(), officer_, open->id, "Mme Dupont rappelle lundi").ok());
  ASSERT_TRUE(
      OfficerSetsUpPaymentPlan(db(), officer_, PlanRules{}, open->id, {6, {2026, 11, 5}, {2026, 10, 20}}, {2026, 10, 20}).ok());
  const auto ids = db().Write([&](db::Connection& c) { return AnonymiseHouseholdCasesIn(c, org_, household_); });
  ASSERT_EQ(ids.size(), 2u);
  auto read = StaffReadsSupportCase(db(), officer_, open->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->state, "closed");
  EXPECT_EQ(read->outcome, "other");
  EXPECT_TRUE(read->anonymised_at.has_value());
  EXPECT_TRUE(read->notes.empty());
  EXPECT_EQ(Text("SELECT anonymisation_reason FROM support_cases WHERE id = ?", open->id), "household");
  EXPECT_EQ(Text("SELECT status FROM support_plans WHERE case_id = ?", open->id), "cancelled");
  EXPECT_TRUE(StaffReadsSupportCase(db(), officer_, closed->id)->anonymised_at.has_value());
  // Nothing left to do the second time.
  EXPECT_TRUE(db().Write([&](db::Connection& c) { return AnonymiseHouseholdCasesIn(c, org_, household_); }).empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, CaseRetentionTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::support
