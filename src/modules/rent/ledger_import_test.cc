// `relais import ledger`: reading the file (every problem with its line and column, the words of
// accounting exports), and the import on both engines: matched to the tenant's lease on the date,
// idempotent by line reference (unchanged, updated, never duplicated), unknown tenants and lines
// before the lease reported, another landlord's tenants never matched; the sample file is valid.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "modules/rent/ledger_import.h"
#include "modules/rent/ledger_test_fixture.h"

namespace relais::rent {
namespace {

constexpr const char* kHeader = "reference_ligne;reference_locataire;date;nature;montant;mode_paiement;libelle\n";

TEST(LedgerFile, ReadsTheWordsOfAccountingExports) {
  auto f = ReadLedgerFile("Référence ligne;Référence locataire;Date;Nature;Montant;Mode paiement;Libellé\n"
                          "Q1;LOC-A;01/09/2026;Loyer;280,00;;Loyer septembre\n"
                          "Q2;LOC-A;2026-09-01;Provision sur charges;20;;\n"
                          "Q3;LOC-A;05/09/2026;APL/AL;50,00 €;;\n"
                          "E1;LOC-A;10/09/2026;Règlement;150,00;Prélèvement;\n"
                          "E2;LOC-A;11/09/2026;paiement;10;CB;\n"
                          "R1;LOC-A;12/09/2026;Régularisation;-12,34;;Trop-perçu\n"
                          "F1;LOC-A;13/09/2026;FSL;400;;\n"
                          "G1;LOC-A;14/09/2026;Visale;300;;\n",
                          nullptr);
  ASSERT_TRUE(f.problems.empty()) << csv::Describe(f.problems.front());
  ASSERT_EQ(f.rows.size(), 8u);
  EXPECT_EQ(f.rows[0].line, 2);
  EXPECT_EQ(f.rows[0].entry.kind, LineKind::kRent);
  EXPECT_EQ(f.rows[0].entry.amount_cents, 28000);
  EXPECT_EQ(f.rows[0].tenant_reference, "LOC-A");
  EXPECT_EQ(f.rows[1].entry.kind, LineKind::kCharges);
  EXPECT_EQ(f.rows[2].entry.kind, LineKind::kHousingBenefit);
  EXPECT_EQ(f.rows[3].entry.kind, LineKind::kPayment);
  EXPECT_EQ(f.rows[3].entry.method, PaymentMethod::kDirectDebit);
  EXPECT_EQ(f.rows[4].entry.method, PaymentMethod::kCard);
  EXPECT_EQ(f.rows[5].entry.amount_cents, -1234);
  EXPECT_EQ(f.rows[6].entry.kind, LineKind::kFslGrant);
  EXPECT_EQ(f.rows[7].entry.kind, LineKind::kGuaranteePayment);
}

TEST(LedgerFile, ReportsEveryProblemWithItsLineAndColumn) {
  auto f = ReadLedgerFile(std::string(kHeader) +
                              "Q1;LOC-A;31/09/2026;loyer;280;;\n"      // 2: no such date
                              "Q2;LOC-A;01/09/2026;loyer;-280;;\n"     // 3: negative rent
                              "Q1;LOC-A;01/09/2026;loyer;280;;\n"      // 4: reference given twice
                              ";;01/09/2026;pourboire;12,345;;\n"      // 5: four problems
                              "E1;LOC-A;01/09/2026;paiement;100;;\n"   // 6: payment without method
                              "E2;LOC-A;01/09/2026;paiement;100;troc;\n"  // 7: unknown method
                              "Q3;LOC-A;01/09/2026;loyer;280;chèque;\n"   // 8: method on a rent
                              "Q4;LOC-A;01/09/2026;loyer;0;;\n",          // 9: nil amount
                          nullptr);
  EXPECT_TRUE(f.rows.empty());
  ASSERT_EQ(f.problems.size(), 11u);
  EXPECT_EQ(f.problems[0].line, 2);
  EXPECT_EQ(f.problems[0].column, "date");
  EXPECT_EQ(f.problems[1].line, 3);
  EXPECT_EQ(f.problems[1].column, "montant");
  EXPECT_EQ(f.problems[2].line, 4);
  EXPECT_EQ(f.problems[2].message, "référence de ligne « Q1 » déjà décrite ligne 2");
  EXPECT_EQ(f.problems[3].column, "reference_ligne");
  EXPECT_EQ(f.problems[4].column, "reference_locataire");
  EXPECT_EQ(f.problems[5].column, "nature");
  EXPECT_EQ(f.problems[6].column, "montant");
  EXPECT_EQ(f.problems[7].line, 6);
  EXPECT_EQ(f.problems[7].message, "mode de paiement manquant pour un paiement");
  EXPECT_EQ(f.problems[8].line, 7);
  EXPECT_EQ(f.problems[9].line, 8);
  EXPECT_EQ(f.problems[9].column, "mode_paiement");
  EXPECT_EQ(f.problems[10].line, 9);
  EXPECT_EQ(f.problems[10].message, "montant nul");

  auto missing = ReadLedgerFile("reference_ligne;date;nature;montant\nQ1;01/09/2026;loyer;280\n", nullptr);
  ASSERT_EQ(missing.problems.size(), 1u);
  EXPECT_EQ(missing.problems[0].line, 1);
  EXPECT_NE(missing.problems[0].message.find("reference_locataire"), std::string::npos);
}

TEST(LedgerFile, TheSampleFileIsValid) {
  const char* root = std::getenv("RELAIS_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  std::ifstream in(std::string(root) + "/docs/samples/ledger.csv", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto file = ReadLedgerFile(bytes.str(), nullptr);
  EXPECT_TRUE(file.problems.empty());
  EXPECT_EQ(file.rows.size(), 13u);
}

class LedgerImportTest : public LedgerFixture {
 protected:
  LedgerImport Import(const std::string& rows, int64_t org = 0) {
    auto file = ReadLedgerFile(kHeader + rows, nullptr);
    EXPECT_TRUE(file.problems.empty()) << csv::Describe(file.problems.front());
    return *db().Write([&](db::Connection& c) -> Result<LedgerImport> {
      return ImportLedgerLines(c, org == 0 ? a_ : org, file.rows);
    });
  }
  std::string Ledger(int64_t org, int64_t lease) {
    std::string out;
    for (const auto& l : db().Read([&](db::Connection& c) { return LinesOfLease(c, org, lease); }))
      out += l.reference + ":" + FormatIso(l.date) + ":" + std::string(CodeOf(l.kind)) + ":" +
             std::to_string(l.amount_cents) + (l.method ? ":" + std::string(CodeOf(*l.method)) : "") + " ";
    return out;
  }
};

TEST_P(LedgerImportTest, ImportsOnceThenUpdatesByReference) {
  const std::string file = "Q1;LOC-A;01/09/2026;loyer;280;;\n"
                           "Q2;LOC-A;01/09/2026;charges;20;;\n"
                           "A1;LOC-A;05/09/2026;apl;50;;\n"
                           "E1;LOC-A;10/09/2026;paiement;250;virement;\n";
  auto first = Import(file);
  EXPECT_TRUE(first.problems.empty());
  EXPECT_EQ(first.created, 4);
  const std::string ledger = Ledger(a_, lease_a_);
  EXPECT_EQ(ledger,
            "Q1:2026-09-01:rent:28000 Q2:2026-09-01:charges:2000 A1:2026-09-05:housing_benefit:-5000 "
            "E1:2026-09-10:payment:-25000:transfer ");
  auto again = Import(file);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.unchanged, 4);
  EXPECT_EQ(Ledger(a_, lease_a_), ledger);
  // The accounting corrected a payment: the line is updated, not duplicated.
  auto corrected = Import("E1;LOC-A;10/09/2026;paiement;240;chèque;\nE2;LOC-A;11/09/2026;paiement;10;chèque;\n");
  EXPECT_EQ(corrected.updated, 1);
  EXPECT_EQ(corrected.created, 1);
  EXPECT_EQ(db().Read([&](db::Connection& c) { return BalanceOfLease(c, a_, lease_a_, {2026, 9, 30}); }), 0);
  // The same references at landlord B are B's own lines.
  auto b = Import("Q1;LOC-B;01/09/2026;loyer;400;;\n", b_);
  EXPECT_EQ(b.created, 1);
  EXPECT_EQ(Ledger(b_, lease_b_), "Q1:2026-09-01:rent:40000 ");
}

TEST_P(LedgerImportTest, ReportsUnknownTenantsAndLinesBeforeTheLease) {
  auto r = Import("Q1;LOC-X;01/09/2026;loyer;280;;\n"
                  "Q2;LOC-B;01/09/2026;loyer;280;;\n"     // landlord B's tenant
                  "Q3;LOC-A;31/12/2014;loyer;280;;\n"     // the day before the lease
                  "Q4;LOC-A;01/01/2015;loyer;280;;\n");   // its first day
  ASSERT_EQ(r.problems.size(), 3u);
  EXPECT_EQ(r.problems[0].line, 2);
  EXPECT_EQ(r.problems[0].column, "reference_locataire");
  EXPECT_EQ(r.problems[1].line, 3);
  EXPECT_EQ(r.problems[2].line, 4);
  EXPECT_EQ(r.problems[2].column, "date");
  EXPECT_EQ(r.created, 1);  // the caller rolls back: the CLI test checks that nothing is kept
}

INSTANTIATE_TEST_SUITE_P(Engines, LedgerImportTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::rent
