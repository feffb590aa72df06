// FSL referrals on both engines: the file pre-filled from the household and the ledger, the
// case referred when it is sent, the decision (the case resumes), the payment posted to the
// ledger as an FSL grant; the refusals by role, organisation and state.
#include "modules/support/support_fsl.h"

#include <gtest/gtest.h>

#include "modules/support/support.h"
#include "modules/support/support_plan.h"
#include "modules/support/support_test_fixture.h"

namespace relais::support {
namespace {
using auth::Role;

class SupportFslTest : public CaseFixture {};

TEST_P(SupportFslTest, PreparedSentDecidedPaid) {
  // Three months unpaid: 900.00 of arrears on 10 December (December's rent not late yet).
  for (int m : {9, 10, 11, 12}) Post({2026, m, 1}, rent::LineKind::kRent, 30000);
  const CivilDate today{2026, 12, 10};
  auto opened = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(opened.ok());
  const int64_t id = opened->id;
  FslRules rules = DefaultFslRules();
  rules.departements[0].resource_ceiling_cents = 100000;  // Calvados, as a landlord would configure it
  rules.departements[0].max_grant_cents = 80000;
  FslInput in;
  in.monthly_resources_cents = 95000;
  in.difficulty = "Perte d'emploi en octobre.";

  EXPECT_FALSE(*StaffReadsFslReferral(db(), officer_, rules, id));
  // The debt (900.00) is over the largest aid configured for the Calvados: the officer asks less.
  EXPECT_EQ(OfficerPreparesFslReferral(db(), officer_, rules, id, in, today, 10).error().field, "requested_cents");
  in.aid_kind = "rent";
  in.requested_cents = 80000;
  EXPECT_EQ(OfficerPreparesFslReferral(db(), officer_, rules, id, in, today, 10).error().field, "aid_kind");
  in.aid_kind = "arrears";
  auth::Actor agent = officer_;
  agent.roles = static_cast<uint32_t>(Role::kCallAgent);
  EXPECT_EQ(OfficerPreparesFslReferral(db(), agent, rules, id, in, today, 10).error().code, ErrorCode::kForbidden);
  auth::Actor manager = officer_;
  manager.roles = static_cast<uint32_t>(Role::kManager);
  EXPECT_EQ(OfficerPreparesFslReferral(db(), manager, rules, id, in, today, 10).error().code, ErrorCode::kForbidden);
  auth::Actor other = officer_;
  other.organisation_id = org_ + 100;
  EXPECT_EQ(OfficerPreparesFslReferral(db(), other, rules, id, in, today, 10).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(StaffReadsFslReferral(db(), other, rules, id).error().code, ErrorCode::kNotFound);
  // Nothing to send, decide or pay yet.
  EXPECT_EQ(OfficerSendsFslReferral(db(), officer_, rules, id, today, today).error().code, ErrorCode::kConflict);
  EXPECT_EQ(OfficerRecordsFslDecision(db(), officer_, rules, id, "granted", 80000, "", today, today).error().code,
            ErrorCode::kConflict);

  auto f = OfficerPreparesFslReferral(db(), officer_, rules, id, in, today, 10);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->departement.name, "Calvados");
  EXPECT_EQ(f->debt_cents, 90000);
  EXPECT_EQ(f->rent_cents, 30000);
  EXPECT_EQ(f->household_size, 1);
  ASSERT_EQ(f->members.size(), 1u);
  EXPECT_EQ(f->members[0].last_name, "Dupont");
  EXPECT_EQ(f->members[0].birth_year, 1970);
  EXPECT_TRUE(f->resources.configured);
  EXPECT_TRUE(f->resources.within);
  EXPECT_EQ(f->status, "prepared");
  // Prepared again: the same file, replaced (resources corrected).
  in.monthly_resources_cents = 100001;
  auto again = OfficerPreparesFslReferral(db(), officer_, rules, id, in, today, 10);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, f->id);
  EXPECT_FALSE(again->resources.within);
  auto pdf = FslReferralPdf(*again);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));

  EXPECT_EQ(OfficerSendsFslReferral(db(), officer_, rules, id, {2026, 12, 11}, today).error().field, "sent_on");
  auto sent = OfficerSendsFslReferral(db(), officer_, rules, id, today, today);
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->status, "sent");
  EXPECT_EQ(StaffReadsSupportCase(db(), officer_, id)->state, "referred");
  EXPECT_EQ(OfficerPreparesFslReferral(db(), officer_, rules, id, in, today, 10).error().code, ErrorCode::kConflict);
  EXPECT_EQ(OfficerRecordsFslPayment(db(), officer_, rules, id, today, today).error().code, ErrorCode::kConflict);

  // A partial grant: 600.00 of the 800.00 asked.
  const CivilDate later{2027, 1, 15};
  EXPECT_EQ(OfficerRecordsFslDecision(db(), officer_, rules, id, "partial", 80000, "", later, later).error().field,
            "granted_cents");
  EXPECT_EQ(OfficerRecordsFslDecision(db(), officer_, rules, id, "maybe", 60000, "", later, later).error().field, "decision");
  EXPECT_EQ(OfficerRecordsFslDecision(db(), officer_, rules, id, "partial", 60000, "", {2026, 12, 9}, later).error().field,
            "decided_on");
  auto decided = OfficerRecordsFslDecision(db(), officer_, rules, id, "partial", 60000, "Commission du 14/01", later, later);
  ASSERT_TRUE(decided.ok()) << decided.error().message;
  EXPECT_EQ(decided->status, "partial");
  EXPECT_EQ(decided->granted_cents, 60000);
  EXPECT_EQ(StaffReadsSupportCase(db(), officer_, id)->state, "in_progress");

  // Paid: the grant is on the ledger, once; managers may not post it.
  EXPECT_EQ(OfficerRecordsFslPayment(db(), manager, rules, id, later, later).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(OfficerRecordsFslPayment(db(), officer_, rules, id, {2027, 1, 14}, later).error().field, "paid_on");
  const int64_t before = db().Read([&](db::Connection& c) { return rent::BalanceOfLease(c, org_, lease_, later); });
  auto paid = OfficerRecordsFslPayment(db(), officer_, rules, id, later, later);
  ASSERT_TRUE(paid.ok()) << paid.error().message;
  EXPECT_EQ(paid->status, "paid");
  ASSERT_TRUE(paid->ledger_line_id);
  EXPECT_EQ(db().Read([&](db::Connection& c) { return rent::BalanceOfLease(c, org_, lease_, later); }), before - 60000);
  const auto lines = db().Read([&](db::Connection& c) { return rent::LinesOfLease(c, org_, lease_); });
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back().kind, rent::LineKind::kFslGrant);
  EXPECT_EQ(lines.back().amount_cents, -60000);
  EXPECT_EQ(lines.back().reference, "FSL-" + std::to_string(f->id));
  EXPECT_EQ(OfficerRecordsFslPayment(db(), officer_, rules, id, later, later).error().code, ErrorCode::kConflict);

  // The case's timeline tells the story.
  std::vector<std::string> kinds;
  const auto story = StaffReadsSupportCase(db(), officer_, id);
  ASSERT_TRUE(story.ok());
  for (const auto& e : story->events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"opened", "fsl_prepared", "fsl_prepared", "transition", "fsl_decision",
                                             "transition", "fsl_paid"}));
  // A new file may be prepared once the previous one is settled.
  EXPECT_TRUE(OfficerPreparesFslReferral(db(), officer_, rules, id, in, later, 10).ok());
}

TEST_P(SupportFslTest, RefusedAndOutsideTheConfiguredDepartements) {
  for (int m : {10, 11}) Post({2026, m, 1}, rent::LineKind::kRent, 30000);
  const CivilDate today{2026, 11, 20};
  auto opened = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(opened.ok());
  const int64_t id = opened->id;
  FslInput in;
  in.monthly_resources_cents = 120000;
  // No ceiling configured: the file says so, it does not judge.
  auto f = OfficerPreparesFslReferral(db(), officer_, DefaultFslRules(), id, in, today, 10);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->requested_cents, 60000);  // the debt by default
  EXPECT_FALSE(f->resources.configured);
  ASSERT_TRUE(OfficerSendsFslReferral(db(), officer_, DefaultFslRules(), id, today, today).ok());
  EXPECT_EQ(OfficerRecordsFslDecision(db(), officer_, DefaultFslRules(), id, "refused", 100, "", today, today).error().field,
            "granted_cents");
  auto refused = OfficerRecordsFslDecision(db(), officer_, DefaultFslRules(), id, "refused", std::nullopt, "", today, today);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, "refused");
  EXPECT_FALSE(refused->granted_cents);
  EXPECT_EQ(OfficerRecordsFslPayment(db(), officer_, DefaultFslRules(), id, today, today).error().code, ErrorCode::kConflict);
  // A landlord with no Calvados rules configured (another region's configuration): refused by field.
  FslRules elsewhere;
  elsewhere.departements.push_back({"75", "Paris", "", 0, 0, 0});
  EXPECT_EQ(OfficerPreparesFslReferral(db(), officer_, elsewhere, id, in, today, 10).error().field, "departement");
  // Closed case: nothing prepared.
  ASSERT_TRUE(OfficerMovesSupportCase(db(), officer_, id, "close", "other", "").ok());
  EXPECT_EQ(OfficerPreparesFslReferral(db(), officer_, DefaultFslRules(), id, in, today, 10).error().code,
            ErrorCode::kConflict);
}

TEST_P(SupportFslTest, AReferralDuringAPlanReturnsToThePlan) {
  for (int m : {9, 10, 11}) Post({2026, m, 1}, rent::LineKind::kRent, 30000);
  const CivilDate today{2026, 11, 20};
  auto opened = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(opened.ok());
  const int64_t id = opened->id;
  ASSERT_TRUE(OfficerSetsUpPaymentPlan(db(), officer_, PlanRules{}, id, {6, {2026, 12, 5}, today}, today).ok());
  FslInput in;
  in.monthly_resources_cents = 80000;
  ASSERT_TRUE(OfficerPreparesFslReferral(db(), officer_, DefaultFslRules(), id, in, today, 10).ok());
  ASSERT_TRUE(OfficerSendsFslReferral(db(), officer_, DefaultFslRules(), id, today, today).ok());
  EXPECT_EQ(StaffReadsSupportCase(db(), officer_, id)->state, "referred");
  ASSERT_TRUE(OfficerRecordsFslDecision(db(), officer_, DefaultFslRules(), id, "granted", 30000, "", today, today).ok());
  // The plan still runs: the case is back to "plan active", not merely "in progress".
  EXPECT_EQ(StaffReadsSupportCase(db(), officer_, id)->state, "plan_active");
}

INSTANTIATE_TEST_SUITE_P(Engines, SupportFslTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::support
