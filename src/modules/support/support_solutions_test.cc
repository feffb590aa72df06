// Guarantee claims and other solutions on both engines: a Visale claim refused before the ledger
// allows it, prepared once it does (the notice deadline from the first unpaid rent), sent (the
// case referred), paid twice into the ledger up to its cover, closed (the case resumes unless the
// FSL still awaits); Action Logement's aid capped and posted; social-worker referral recorded.
#include "modules/support/support_solutions.h"
#include "modules/support/support_fsl.h"

#include <gtest/gtest.h>

#include "modules/support/support.h"
#include "modules/support/support_test_fixture.h"

namespace relais::support {
namespace {
using auth::Role;

class SupportSolutionsTest : public CaseFixture {};

TEST_P(SupportSolutionsTest, AVisaleClaimFromTheLedgerToItsPayments) {
  const SolutionRules rules;  // DOMAIN.md's numbers; rent 300.00, no charges nor benefit
  auto opened = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(opened.ok());
  const int64_t id = opened->id;
  Post({2026, 9, 1}, rent::LineKind::kRent, 30000);
  // 20 September: one month unpaid, no claim yet; the notice was due by 16 September.
  auto early = OfficerPreparesGuaranteeClaim(db(), officer_, rules, id, {"visale", "V123", std::nullopt, false, std::nullopt},
                                             {2026, 9, 20});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "guarantee");
  auto read = StaffReadsCaseSolutions(db(), officer_, rules, id, {2026, 9, 20});
  ASSERT_TRUE(read.ok() && read->visale);
  EXPECT_FALSE(read->visale->eligible);
  EXPECT_EQ(*read->visale->notice_deadline, (CivilDate{2026, 9, 16}));
  EXPECT_EQ(OfficerPreparesGuaranteeClaim(db(), officer_, rules, id, {"gli", "", std::nullopt, false, std::nullopt}, {2026, 9, 20})
                .error().field,
            "guarantee");
  auth::Actor manager = officer_;
  manager.roles = static_cast<uint32_t>(Role::kManager);
  auth::Actor other = officer_;
  other.organisation_id = org_ + 100;
  EXPECT_EQ(StaffReadsCaseSolutions(db(), other, rules, id, {2026, 9, 20}).error().code, ErrorCode::kNotFound);

  // October past its term: more than a month of arrears, the claim opens.
  Post({2026, 10, 1}, rent::LineKind::kRent, 30000);
  const CivilDate today{2026, 10, 20};
  EXPECT_EQ(OfficerPreparesGuaranteeClaim(db(), manager, rules, id, {"visale", "V123", std::nullopt, false, std::nullopt}, today)
                .error().code,
            ErrorCode::kForbidden);
  auto prepared =
      OfficerPreparesGuaranteeClaim(db(), officer_, rules, id, {"visale", "V123", std::nullopt, false, CivilDate{2026, 9, 10}}, today);
  ASSERT_TRUE(prepared.ok()) << prepared.error().message;
  ASSERT_EQ(prepared->claims.size(), 1u);
  const auto claim = prepared->claims[0];
  EXPECT_EQ(claim.debt_cents, 60000);
  EXPECT_EQ(*claim.first_unpaid_on, (CivilDate{2026, 9, 1}));
  EXPECT_EQ(*claim.notice_deadline, (CivilDate{2026, 9, 16}));
  EXPECT_EQ(*claim.claim_from, (CivilDate{2026, 10, 12}));
  EXPECT_EQ(claim.max_claim_cents, 36 * 30000);
  EXPECT_EQ(OfficerPreparesGuaranteeClaim(db(), officer_, rules, id, {"visale", "", std::nullopt, false, std::nullopt}, today)
                .error().code,
            ErrorCode::kConflict);
  auto pdf = GuaranteeClaimPdf(*prepared, claim.id);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  EXPECT_EQ(GuaranteeClaimPdf(*prepared, claim.id + 99).error().code, ErrorCode::kNotFound);

  // Payments before sending are refused; once sent the case is referred.
  EXPECT_EQ(OfficerRecordsGuaranteePayment(db(), officer_, rules, id, claim.id, today, 30000, today).error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(OfficerSendsGuaranteeClaim(db(), officer_, rules, id, claim.id, today, today).ok());
  EXPECT_EQ(StaffReadsSupportCase(db(), officer_, id)->state, "referred");
  EXPECT_EQ(OfficerRecordsGuaranteePayment(db(), manager, rules, id, claim.id, today, 30000, today).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(OfficerRecordsGuaranteePayment(db(), officer_, rules, id, claim.id, today, 36 * 30000 + 1, today).error().field,
            "amount_cents");
  ASSERT_TRUE(OfficerRecordsGuaranteePayment(db(), officer_, rules, id, claim.id, today, 30000, today).ok());
  auto paid = OfficerRecordsGuaranteePayment(db(), officer_, rules, id, claim.id, today, 30000, today);
  ASSERT_TRUE(paid.ok()) << paid.error().message;
  EXPECT_EQ(paid->claims[0].paid_cents, 60000);
  EXPECT_EQ(db().Read([&](db::Connection& c) { return rent::BalanceOfLease(c, org_, lease_, today); }), 0);
  const auto lines = db().Read([&](db::Connection& c) { return rent::LinesOfLease(c, org_, lease_); });
  EXPECT_EQ(lines.back().kind, rent::LineKind::kGuaranteePayment);
  EXPECT_EQ(lines.back().reference, "GAR-" + std::to_string(claim.id) + "-2");

  // An FSL file sent meanwhile keeps the case referred when the claim is closed.
  FslInput in;
  in.monthly_resources_cents = 90000;
  in.requested_cents = 10000;
  ASSERT_TRUE(OfficerPreparesFslReferral(db(), officer_, DefaultFslRules(), id, in, today, 10).ok());
  ASSERT_TRUE(OfficerSendsFslReferral(db(), officer_, DefaultFslRules(), id, today, today).ok());
  EXPECT_EQ(OfficerClosesGuaranteeClaim(db(), officer_, rules, id, claim.id, "lost", today, today).error().field, "outcome");
  ASSERT_TRUE(OfficerClosesGuaranteeClaim(db(), officer_, rules, id, claim.id, "settled", today, today).ok());
  EXPECT_EQ(StaffReadsSupportCase(db(), officer_, id)->state, "referred");
  // The FSL's refusal then lets it resume.
  ASSERT_TRUE(OfficerRecordsFslDecision(db(), officer_, DefaultFslRules(), id, "refused", std::nullopt, "", today, today).ok());
  EXPECT_EQ(StaffReadsSupportCase(db(), officer_, id)->state, "in_progress");
}

TEST_P(SupportSolutionsTest, LocaPassNeedsItsWindowAndOtherSolutionsCarryTheirOutcome) {
  const SolutionRules rules;
  auto opened = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(opened.ok());
  const int64_t id = opened->id;
  Post({2026, 9, 1}, rent::LineKind::kRent, 30000);
  const CivilDate today{2026, 10, 1};
  // The lease started on 1 January 2020: the guarantee had to be obtained by 1 March 2020.
  EXPECT_EQ(OfficerPreparesGuaranteeClaim(db(), officer_, rules, id, {"loca_pass", "LP-9", std::nullopt, false, std::nullopt}, today)
                .error().field,
            "obtained_on");
  EXPECT_EQ(OfficerPreparesGuaranteeClaim(db(), officer_, rules, id, {"loca_pass", "LP-9", CivilDate{2020, 3, 2}, false, std::nullopt},
                                          today)
                .error().field,
            "guarantee");
  auto lp = OfficerPreparesGuaranteeClaim(db(), officer_, rules, id, {"loca_pass", "LP-9", CivilDate{2020, 3, 1}, false, std::nullopt},
                                          today);
  ASSERT_TRUE(lp.ok()) << lp.error().message;
  EXPECT_EQ(lp->claims[0].max_claim_cents, 9 * 30000);
  EXPECT_FALSE(lp->claims[0].notice_deadline);

  // Action Logement: 150.00 a month, 2 months (6 after a job loss).
  EXPECT_EQ(OfficerRecordsOtherSolution(db(), officer_, rules, id, "loan", today, "", today).error().field, "kind");
  auto al = OfficerRecordsOtherSolution(db(), officer_, rules, id, "action_logement", today, "Salariée, perte de 20 %", today);
  ASSERT_TRUE(al.ok());
  const int64_t sid = al->others[0].id;
  EXPECT_EQ(OfficerRecordsSolutionPayment(db(), officer_, rules, id, sid, today, today).error().code, ErrorCode::kConflict);
  EXPECT_EQ(OfficerRecordsSolutionOutcome(db(), officer_, rules, id, sid, "done", today, std::nullopt, false, "", today).error().field,
            "outcome");
  EXPECT_EQ(OfficerRecordsSolutionOutcome(db(), officer_, rules, id, sid, "granted", today, 30001, false, "", today).error().field,
            "amount_cents");
  EXPECT_TRUE(OfficerRecordsSolutionOutcome(db(), officer_, rules, id, sid, "granted", today, 90000, true, "", today).ok());
  EXPECT_EQ(OfficerRecordsSolutionOutcome(db(), officer_, rules, id, sid, "refused", today, std::nullopt, false, "", today).error().code,
            ErrorCode::kConflict);
  auto paid = OfficerRecordsSolutionPayment(db(), officer_, rules, id, sid, today, today);
  ASSERT_TRUE(paid.ok()) << paid.error().message;
  EXPECT_TRUE(paid->others[0].ledger_line_id);
  EXPECT_EQ(db().Read([&](db::Connection& c) { return rent::BalanceOfLease(c, org_, lease_, today); }), 30000 - 90000);
  EXPECT_EQ(OfficerRecordsSolutionPayment(db(), officer_, rules, id, sid, today, today).error().code, ErrorCode::kConflict);
  // One per household.
  auto again = OfficerRecordsOtherSolution(db(), officer_, rules, id, "action_logement", today, "", today);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(OfficerRecordsSolutionOutcome(db(), officer_, rules, id, again->others[0].id, "granted", today, 15000, false, "", today)
                .error().code,
            ErrorCode::kConflict);
  // A referral to a social worker: done or declined.
  auto sw = OfficerRecordsOtherSolution(db(), officer_, rules, id, "social_worker", today, "CCAS de Caen", today);
  ASSERT_TRUE(sw.ok());
  EXPECT_EQ(OfficerRecordsSolutionOutcome(db(), officer_, rules, id, sw->others[0].id, "granted", today, std::nullopt, false, "", today)
                .error().field,
            "outcome");
  auto done = OfficerRecordsSolutionOutcome(db(), officer_, rules, id, sw->others[0].id, "done", today, std::nullopt, false,
                                            "Rendez-vous pris", today);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->others[0].outcome, "done");
  const auto story = StaffReadsSupportCase(db(), officer_, id);
  ASSERT_TRUE(story.ok());
  EXPECT_EQ(story->events.back().kind, "solution_outcome");
}

INSTANTIATE_TEST_SUITE_P(Engines, SupportSolutionsTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::support
