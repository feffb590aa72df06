#include "modules/housing/housing_import.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "platform/db/testing.h"

namespace relais::housing {
namespace {

std::vector<std::string> Described(const std::vector<csv::Problem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(csv::Describe(p));
  return out;
}

const std::string kStockHeader =
    "reference_batiment;nom_batiment;adresse;code_postal;code_insee;agence;qpv;ascenseur;etages;"
    "reference_logement;etage;typologie;surface_m2;financement;loyer;charges;accessible_pmr\r\n";

const std::string kHouseholdHeader =
    "reference_locataire;reference_logement;date_entree;loyer;charges;apl;apl_versee_bailleur;"
    "titulaire_nom;titulaire_prenom;titulaire_naissance;cotitulaire_nom;cotitulaire_prenom;"
    "cotitulaire_naissance;autres_occupants;telephone1;telephone2;email;langue;notes\r\n";

// ---- Stock -------------------------------------------------------------------------------------

TEST(StockImportTest, ReadsEveryColumnOfADwellingRow) {
  StockFile f = ReadStockFile(
      kStockHeader +
          "SL-TIL;Résidence Les Tilleuls;12 rue des Lilas;50000;50502;Agence du Centre-Manche;oui;non;4;"
          "SL-TIL-003;RDC;T3;65,23;PLUS;412,30;38,50;oui\r\n"
          "SL-TIL;Résidence Les Tilleuls;12 rue des Lilas;50000;50502;Agence du Centre-Manche;oui;non;4;"
          "SL-TIL-104;1er;T6+;102;plai;1 020,00;;non\r\n",
      nullptr);
  ASSERT_TRUE(f.problems.empty()) << csv::Describe(f.problems[0]);
  EXPECT_TRUE(f.warnings.empty());
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.lines, (std::vector<int64_t>{2, 3}));
  const StockRow& r = f.rows[0];
  EXPECT_EQ(r.building.reference, "SL-TIL");
  EXPECT_EQ(r.building.name, "Résidence Les Tilleuls");
  EXPECT_EQ(r.building.street, "12 rue des Lilas");
  EXPECT_EQ(r.building.postal_code, "50000");
  EXPECT_EQ(r.building.commune_insee, "50502");
  EXPECT_EQ(r.building.commune_name, "Saint-Lô");
  EXPECT_EQ(r.agency_name, "Agence du Centre-Manche");
  EXPECT_TRUE(r.building.qpv);
  EXPECT_FALSE(r.building.has_lift);
  EXPECT_EQ(r.building.floors, 4);
  EXPECT_EQ(r.dwelling.reference, "SL-TIL-003");
  EXPECT_EQ(r.dwelling.building_reference, "SL-TIL");
  EXPECT_EQ(r.dwelling.floor, 0);
  EXPECT_EQ(r.dwelling.rooms, 3);
  EXPECT_EQ(r.dwelling.surface_cm2, 6523);
  EXPECT_EQ(r.dwelling.financing, Financing::kPlus);
  EXPECT_EQ(r.dwelling.rent_cents, 41230);
  EXPECT_EQ(r.dwelling.charges_cents, 3850);
  EXPECT_TRUE(r.dwelling.accessible_prm);
  const Dwelling& d = f.rows[1].dwelling;
  EXPECT_EQ(d.floor, 1);
  EXPECT_EQ(d.rooms, 6);
  EXPECT_EQ(d.surface_cm2, 10200);
  EXPECT_EQ(d.financing, Financing::kPlai);
  EXPECT_EQ(d.rent_cents, 102000);
  EXPECT_EQ(d.charges_cents, 0);
  EXPECT_FALSE(d.accessible_prm);
}

TEST(StockImportTest, OptionalColumnsMayBeAbsent) {
  StockFile f = ReadStockFile(
      "reference_batiment,adresse,code_insee,reference_logement,typologie,surface_m2,financement,loyer\n"
      "CA-01,3 place Saint-Pierre,14118,CA-01-01,T2,\"48,5\",PLS,\"530,00\"\n",
      nullptr);
  ASSERT_TRUE(f.problems.empty()) << csv::Describe(f.problems[0]);
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.separator, ',');
  EXPECT_EQ(f.rows[0].building.commune_name, "Caen");
  EXPECT_EQ(f.rows[0].building.postal_code, "");
  EXPECT_EQ(f.rows[0].agency_name, "");
  EXPECT_EQ(f.rows[0].dwelling.surface_cm2, 4850);
  EXPECT_EQ(f.rows[0].dwelling.rent_cents, 53000);
}

TEST(StockImportTest, ReadsWindows1252Exports) {
  std::string file = kStockHeader +
                     "RO-01;R\xE9sidence Cl\xE8mence;5 all\xE9" "e des \x8C" "illets;76000;76540;;non;oui;9;"
                     "RO-01-12;2e;T4;81,7;autre;640,00 \x80;45;non\r\n";
  StockFile f = ReadStockFile(file, nullptr);
  ASSERT_TRUE(f.problems.empty()) << csv::Describe(f.problems[0]);
  EXPECT_EQ(f.encoding, csv::Encoding::kWindows1252);
  EXPECT_EQ(f.rows[0].building.name, "Résidence Clèmence");
  EXPECT_EQ(f.rows[0].building.street, "5 allée des Œillets");
  EXPECT_EQ(f.rows[0].dwelling.floor, 2);
  EXPECT_EQ(f.rows[0].dwelling.financing, Financing::kOther);
  EXPECT_EQ(f.rows[0].dwelling.rent_cents, 64000);
}

TEST(StockImportTest, ReportsEveryBadCellWithItsLineAndColumn) {
  StockFile f = ReadStockFile(
      kStockHeader +
          "B1;;1 rue A;50000;50502;;peut-être;non;3;L1;2;T3;60;PLUS;412,345;10;non\r\n"   // line 2: qpv, loyer
          "B2;;2 rue B;50000;50502;;non;non;3;L2;2;T9x;60;PLUS;400;10;non\r\n"           // line 3: typologie
          "B3;;3 rue C;50000;50502;;non;non;3;L3;2;T2;;PLUQ;400;10;non\r\n"              // line 4: surface, financement
          "B4;;4 rue D;50000;50502;;non;non;3;;2;T2;50;PLUS;400;10;non\r\n",             // line 5: reference_logement
      nullptr);
  EXPECT_EQ(Described(f.problems),
            (std::vector<std::string>{
                "line 2, column qpv: valeur oui/non invalide « peut-être » (attendu oui, non, o, n, 1, 0, vrai, faux, x ou vide)",
                "line 2, column loyer: montant invalide « 412,345 » : au plus 2 décimales (attendu par exemple 1 234,56)",
                "line 3, column typologie: typologie invalide « T9x » (attendu T1 à T6, T6+ ou studio)",
                "line 4, column surface_m2: valeur obligatoire manquante",
                "line 4, column financement: financement inconnu « PLUQ » (attendu PLAI, PLUS, PLS ou autre)",
                "line 5, column reference_logement: valeur obligatoire manquante",
            }));
}

TEST(StockImportTest, ValidationRulesPointAtTheirColumn) {
  StockFile f = ReadStockFile(
      kStockHeader +
          "B1;;1 rue A;50000;99999;;non;non;3;L1;2;T3;60;PLUS;400;10;non\r\n"   // not a Norman commune
          "B2;;2 rue B;5000;50502;;non;non;3;L2;2;T3;60;PLUS;400;10;non\r\n"    // postal code
          "B3;;3 rue C;50000;50502;;non;non;3;L3;2;T3;2;PLUS;400;10;non\r\n"    // 2 m2
          "B4;;4 rue D;50000;50502;;non;non;3;L 4;2;T3;60;PLUS;400;10;non\r\n",  // space in a reference
      nullptr);
  EXPECT_EQ(Described(f.problems),
            (std::vector<std::string>{
                "line 2, column code_insee: Le code INSEE « 99999 » n'est pas une commune de Normandie.",
                "line 3, column code_postal: Le code postal doit comporter 5 chiffres.",
                "line 4, column surface_m2: La surface doit être comprise entre 5 et 1 000 m².",
                "line 5, column reference_logement: La référence du logement est obligatoire (lettres, chiffres, - _ / ., 40 au plus).",
            }));
}

TEST(StockImportTest, RefusesADwellingTwiceAndABuildingDescribedTwoWays) {
  StockFile f = ReadStockFile(
      kStockHeader +
          "B1;Les Pins;1 rue A;50000;50502;;non;oui;3;L1;0;T3;60;PLUS;400;10;non\r\n"
          "B1;Les Pins;1 rue A;50000;50502;;non;oui;3;L2;1;T3;60;PLUS;400;10;non\r\n"
          "B1;Les Pins;10 rue A;50000;50502;;non;non;3;L3;1;T3;60;PLUS;400;10;non\r\n"
          "B2;;2 rue B;50000;50502;;non;non;3;L1;2;T3;60;PLUS;400;10;non\r\n",
      nullptr);
  EXPECT_EQ(Described(f.problems),
            (std::vector<std::string>{
                "line 4, column adresse: « 10 rue A » : le bâtiment « B1 » est décrit autrement ligne 2 (« 1 rue A »)",
                "line 4, column ascenseur: « non » : le bâtiment « B1 » est décrit autrement ligne 2",
                "line 5, column reference_logement: logement « L1 » déjà décrit ligne 2",
            }));
}

TEST(StockImportTest, FindsDuplicatesAmongManyReferences) {
  // Enough buildings and dwellings for the reference tables to grow past their first size.
  std::string file = kStockHeader;
  for (int i = 0; i < 300; ++i) {
    file += "B" + std::to_string(i) + ";;1 rue A;50000;50502;;non;non;3;L" + std::to_string(i) +
            ";0;T3;60;PLUS;400;10;non\r\n";
  }
  file += "B17;;1 rue B;50000;50502;;non;non;3;L299;0;T3;60;PLUS;400;10;non\r\n";  // line 302
  StockFile f = ReadStockFile(file, nullptr);
  EXPECT_EQ(f.rows.size(), 301u);
  EXPECT_EQ(Described(f.problems),
            (std::vector<std::string>{
                "line 302, column adresse: « 1 rue B » : le bâtiment « B17 » est décrit autrement ligne 19 (« 1 rue A »)",
                "line 302, column reference_logement: logement « L299 » déjà décrit ligne 301",
            }));
}

TEST(StockImportTest, MissingRequiredColumnIsOneErrorAndStopsThere) {
  StockFile f = ReadStockFile(
      "reference_batiment;adresse;code_insee;reference_logement;typologie;financement;loyer;couleur\n"
      "B1;1 rue A;50502;L1;T3;PLUS;zzz;bleu\n",
      nullptr);
  EXPECT_EQ(Described(f.problems), (std::vector<std::string>{"line 1: colonne obligatoire absente : surface_m2"}));
  EXPECT_TRUE(f.rows.empty());
  EXPECT_EQ(f.warnings, (std::vector<std::string>{"colonne « couleur » inconnue : ignorée."}));
}

TEST(StockImportTest, MappingRenamesColumnsAndErrorsUseTheFilesHeaders) {
  auto mapping = csv::Mapping::Parse(
      "reference_batiment = Code immeuble\n"
      "reference_logement = N° lot\n"
      "loyer = Loyer principal\n"
      "surface_m2 = Surface habitable\n");
  ASSERT_TRUE(mapping.ok());
  StockFile f = ReadStockFile(
      "Code immeuble;Adresse;Code INSEE;N° lot;Typologie;Surface habitable;Financement;Loyer principal\n"
      "IM-7;8 rue Verte;14327;IM-7-1;T2;44,10;PLUS;350\n"
      "IM-7;8 rue Verte;14327;IM-7-2;T2;44,10;PLUS;trois cents\n",
      &*mapping);
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.rows[0].building.reference, "IM-7");
  EXPECT_EQ(f.rows[0].dwelling.reference, "IM-7-1");
  EXPECT_EQ(f.rows[0].dwelling.surface_cm2, 4410);
  EXPECT_EQ(f.rows[0].dwelling.rent_cents, 35000);
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].line, 3);
  EXPECT_EQ(f.problems[0].column, "Loyer principal");
}

TEST(StockImportTest, BadRecordsAndBadCellsAreReportedTogetherInLineOrder) {
  StockFile f = ReadStockFile(kStockHeader +
                                  "B1;\"Les\r\nPins\";1 rue A;50000;50502;;non;non;3;L1;0;T3;60;PLUS;400;10;non\r\n"
                                  "B2;;2 rue B;50000;50502\r\n"
                                  "B3;;3 rue C;50000;50502;;non;non;3;L3;0;T3;60;PLUS;abc;10;non\r\n",
                              nullptr);
  EXPECT_EQ(Described(f.problems),
            (std::vector<std::string>{
                "line 4: 5 champs au lieu de 17 (séparateur « ; »).",
                "line 5, column loyer: montant invalide « abc » (attendu par exemple 1 234,56)",
            }));
  EXPECT_EQ(f.rows[0].building.name, "Les\nPins");
}

TEST(StockImportTest, ParsesTypologiesAndFloors) {
  EXPECT_EQ(ParseTypology("T1").value(), 1);
  EXPECT_EQ(ParseTypology("t4").value(), 4);
  EXPECT_EQ(ParseTypology("F3").value(), 3);
  EXPECT_EQ(ParseTypology("T6+").value(), 6);
  EXPECT_EQ(ParseTypology("T7").value(), 6);
  EXPECT_EQ(ParseTypology("5").value(), 5);
  EXPECT_EQ(ParseTypology("Studio").value(), 1);
  EXPECT_EQ(ParseTypology("T1 bis").value(), 1);
  for (std::string_view bad : {"", "T0", "T", "T3-4", "appartement", "T-2"}) EXPECT_FALSE(ParseTypology(bad).ok()) << bad;

  EXPECT_EQ(ParseFloor("RDC").value(), 0);
  EXPECT_EQ(ParseFloor("rez-de-chaussée").value(), 0);
  EXPECT_EQ(ParseFloor("0").value(), 0);
  EXPECT_EQ(ParseFloor("-1").value(), -1);
  EXPECT_EQ(ParseFloor("1er").value(), 1);
  EXPECT_EQ(ParseFloor("2e").value(), 2);
  EXPECT_EQ(ParseFloor("3ème").value(), 3);
  EXPECT_EQ(ParseFloor(" 12 ").value(), 12);
  for (std::string_view bad : {"", "haut", "e", "1,5", "-1er", "99999"}) EXPECT_FALSE(ParseFloor(bad).ok()) << bad;
}

// ---- Households ----------------------------------------------------------------------------------

TEST(HouseholdImportTest, ReadsEveryColumnOfAHousehold) {
  HouseholdFile f = ReadHouseholdFile(
      kHouseholdHeader +
          "LOC-0001;SL-TIL-003;01/09/2015;412,30;38,50;120,00;oui;LEFÈVRE;Hélène;12/03/1948;LEFÈVRE;Jean;"
          "1946-07-30;\"Zoé LEFÈVRE 04/05/2012 (enfant); Lucas 2014-01-02 (enfant) | Marie-Ange DE LA TOUR (autre)\";"
          "06 39 98 00 12;+33 1 99 00 00 42;Helene.Lefevre@Example.fr;FR;\"Malentendante :\r\nappeler le matin\"\r\n",
      nullptr);
  ASSERT_TRUE(f.problems.empty()) << csv::Describe(f.problems[0]);
  ASSERT_EQ(f.rows.size(), 1u);
  const Household& h = f.rows[0].household;
  EXPECT_EQ(h.reference, "LOC-0001");
  EXPECT_EQ(h.dwelling_reference, "SL-TIL-003");
  ASSERT_TRUE(h.lease.has_value());
  EXPECT_EQ(h.lease->start_date, (CivilDate{2015, 9, 1}));
  EXPECT_EQ(h.lease->rent_cents, 41230);
  EXPECT_EQ(h.lease->charges_cents, 3850);
  EXPECT_EQ(h.lease->housing_benefit_cents, 12000);
  EXPECT_TRUE(h.lease->benefit_paid_to_landlord);
  ASSERT_EQ(h.members.size(), 5u);
  EXPECT_EQ(h.members[0].relation, Relation::kHolder);
  EXPECT_EQ(h.members[0].last_name, "LEFÈVRE");
  EXPECT_EQ(h.members[0].first_name, "Hélène");
  EXPECT_EQ(h.members[0].birth_date, (CivilDate{1948, 3, 12}));
  EXPECT_EQ(h.members[1].relation, Relation::kCoHolder);
  EXPECT_EQ(h.members[1].first_name, "Jean");
  EXPECT_EQ(h.members[1].birth_date, (CivilDate{1946, 7, 30}));
  EXPECT_EQ(h.members[2].first_name, "Zoé");
  EXPECT_EQ(h.members[2].relation, Relation::kChild);
  EXPECT_EQ(h.members[3].first_name, "Lucas");
  EXPECT_EQ(h.members[3].last_name, "LEFÈVRE");  // a lone first name takes the holder's name
  EXPECT_EQ(h.members[4].first_name, "Marie-Ange");
  EXPECT_EQ(h.members[4].last_name, "DE LA TOUR");
  EXPECT_EQ(h.members[4].relation, Relation::kOther);
  EXPECT_FALSE(h.members[4].birth_date.has_value());
  ASSERT_EQ(h.phones.size(), 2u);
  EXPECT_EQ(h.phones[0].number, "0639980012");
  EXPECT_EQ(h.phones[0].label, "mobile");
  EXPECT_EQ(h.phones[1].number, "0199000042");
  EXPECT_EQ(h.phones[1].label, "fixe");
  EXPECT_EQ(h.email, "helene.lefevre@example.fr");
  EXPECT_EQ(h.preferred_language, "fr");
  EXPECT_EQ(h.notes, "Malentendante :\nappeler le matin");
}

TEST(HouseholdImportTest, OptionalCellsTakeTheirDefaults) {
  HouseholdFile f = ReadHouseholdFile(
      "reference_locataire;reference_logement;date_entree;loyer;titulaire_nom;titulaire_prenom;langue\n"
      "LOC-2;L2;2020-02-01;300;MARTIN;Zoé;\n",
      nullptr);
  ASSERT_TRUE(f.problems.empty()) << csv::Describe(f.problems[0]);
  const Household& h = f.rows[0].household;
  EXPECT_EQ(h.lease->charges_cents, 0);
  EXPECT_EQ(h.lease->housing_benefit_cents, 0);
  EXPECT_FALSE(h.lease->benefit_paid_to_landlord);
  ASSERT_EQ(h.members.size(), 1u);
  EXPECT_FALSE(h.members[0].birth_date.has_value());
  EXPECT_TRUE(h.phones.empty());
  EXPECT_EQ(h.preferred_language, "fr");
}

TEST(HouseholdImportTest, BadPhonesAndOtherCellsAreErrorsWithLineAndColumn) {
  HouseholdFile f = ReadHouseholdFile(
      kHouseholdHeader +
          "LOC-1;L1;01/09/2015;400;0;0;non;DUPONT;Paul;;;;;;06 39 98;;;;\r\n"            // line 2
          "LOC-2;L2;31/09/2015;400;0;0;non;DUPONT;Anne;;;;;;;01 99 00 00 0A;;;\r\n"      // line 3
          "LOC-3;L3;01/09/2015;400;0;0;non;DUPONT;Marc;;;Julie;;\"Léo (cousin)\";;;;;\r\n"  // line 4
          "LOC-4;L4;01/09/2015;400;0;500;non;DUPONT;Luc;;;;;;;;;;\r\n"                  // line 5 (rules)
          "LOC-5;L5;01/09/2015;400;0;0;non;DUPONT;;;;;;;;;;fra;\r\n",                      // line 6
      nullptr);
  EXPECT_EQ(Described(f.problems),
            (std::vector<std::string>{
                "line 2, column telephone1: numéro de téléphone invalide « 06 39 98 » (10 chiffres, par exemple 06 39 98 00 00)",
                "line 3, column date_entree: date invalide « 31/09/2015 » (attendu jj/mm/aaaa ou aaaa-mm-jj)",
                "line 3, column telephone2: numéro de téléphone invalide « 01 99 00 00 0A » (10 chiffres, par exemple 06 39 98 00 00)",
                "line 4, column cotitulaire_nom: nom du cotitulaire manquant (son prénom ou sa naissance sont donnés)",
                "line 4, column autres_occupants: occupant 1 « Léo (cousin) » : lien « cousin » inconnu (attendu enfant, conjoint, conjointe, époux, épouse, concubin, partenaire ou autre)",
                "line 5, column apl: L'aide au logement doit être comprise entre 0 et le loyer charges comprises.",
                "line 6, column titulaire_prenom: valeur obligatoire manquante",
            }));
}

TEST(HouseholdImportTest, RuleFailuresOnMembersPointAtTheirColumn) {
  HouseholdFile f = ReadHouseholdFile(
      kHouseholdHeader +
          "LOC-1;L1;01/09/2015;400;0;0;non;DUPONT;Paul;01/01/1850;;;;;;;;;\r\n"
          "LOC-2;L2;01/09/2015;400;0;0;non;DUPONT;Anne;;MARTIN;Luc;01/01/1890;;;;;;\r\n"
          "LOC-3;L3;01/09/2015;400;0;0;non;DUPONT;Anne;;;;;Zoé 01/01/1800;;;x@y.fr;;\r\n"
          "LOC-4;L4;01/09/2015;400;0;0;non;DUPONT;Anne;;;;;;;;pas une adresse;;\r\n"
          "LOC-5;L5;01/09/2015;400;0;0;non;DUPONT;Anne;;;;;;;;;français;\r\n",
      nullptr);
  EXPECT_EQ(Described(f.problems),
            (std::vector<std::string>{
                "line 2, column titulaire_naissance: La date de naissance n'est pas plausible.",
                "line 3, column cotitulaire_naissance: La date de naissance n'est pas plausible.",
                "line 4, column autres_occupants: La date de naissance n'est pas plausible.",
                "line 5, column email: L'adresse e-mail n'est pas valide.",
                "line 6, column langue: La langue doit être un code ISO 639-1 à deux lettres (fr, en, ar…).",
            }));
}

TEST(HouseholdImportTest, RefusesATenantTwiceAndTwoHouseholdsInOneDwelling) {
  HouseholdFile f = ReadHouseholdFile(
      kHouseholdHeader + "LOC-1;L1;01/09/2015;400;0;0;non;DUPONT;Paul;;;;;;;;;;\r\n"
                         "LOC-2;L1;01/09/2016;400;0;0;non;MARTIN;Anne;;;;;;;;;;\r\n"
                         "LOC-1;L3;01/09/2017;400;0;0;non;DURAND;Marc;;;;;;;;;;\r\n",
      nullptr);
  EXPECT_EQ(Described(f.problems),
            (std::vector<std::string>{
                "line 3, column reference_logement: logement « L1 » déjà occupé par le ménage « LOC-1 » ligne 2",
                "line 4, column reference_locataire: ménage « LOC-1 » déjà décrit ligne 2",
            }));
}

TEST(HouseholdImportTest, ParsesOtherOccupants) {
  auto m = ParseOtherOccupants("Zoé MARTIN 04/05/2012 (enfant); DUPONT Jean (conjoint) | Léa\nAli BEN SALAH 2001-02-03", "MARTIN");
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->size(), 4u);
  EXPECT_EQ((*m)[0].first_name, "Zoé");
  EXPECT_EQ((*m)[0].last_name, "MARTIN");
  EXPECT_EQ((*m)[0].birth_date, (CivilDate{2012, 5, 4}));
  EXPECT_EQ((*m)[0].relation, Relation::kChild);
  EXPECT_EQ((*m)[1].first_name, "Jean");  // "NOM Prénom" also works: the capitals are the name
  EXPECT_EQ((*m)[1].last_name, "DUPONT");
  EXPECT_EQ((*m)[1].relation, Relation::kSpouse);
  EXPECT_EQ((*m)[2].first_name, "Léa");
  EXPECT_EQ((*m)[2].last_name, "MARTIN");
  EXPECT_EQ((*m)[2].relation, Relation::kOther);
  EXPECT_EQ((*m)[3].first_name, "Ali");
  EXPECT_EQ((*m)[3].last_name, "BEN SALAH");

  auto relations = ParseOtherOccupants("Anne BOS (Grand-Mère); Paul BOS (grand-pere); Eva BOS (ÉPOUSE); Tom BOS (Enfant); Ida BOS (autre)", "X");
  ASSERT_TRUE(relations.ok()) << relations.error().message;
  std::vector<Relation> got;
  for (const auto& member : *relations) got.push_back(member.relation);
  EXPECT_EQ(got, (std::vector<Relation>{Relation::kOther, Relation::kOther, Relation::kSpouse, Relation::kChild,
                                        Relation::kOther}));

  auto mixed = ParseOtherOccupants("Jean Dupont", "X");
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ((*mixed)[0].first_name, "Jean");
  EXPECT_EQ((*mixed)[0].last_name, "Dupont");
  EXPECT_EQ((*mixed)[0].relation, Relation::kOther);

  EXPECT_EQ(ParseOtherOccupants("", "X")->size(), 0u);
  EXPECT_EQ(ParseOtherOccupants(" ; | ", "X")->size(), 0u);
  EXPECT_EQ(ParseOtherOccupants("Zoé MARTIN; MARTIN 01/01/2010", "X").error().message,
            "occupant 2 « MARTIN 01/01/2010 » : prénom manquant (écrire « Prénom NOM »)");
  EXPECT_EQ(ParseOtherOccupants("Zoé 31/02/2010", "X").error().message,
            "occupant 1 « Zoé 31/02/2010 » : date invalide « 31/02/2010 » (attendu jj/mm/aaaa ou aaaa-mm-jj)");
  EXPECT_FALSE(ParseOtherOccupants("(enfant)", "X").ok());
  EXPECT_FALSE(ParseOtherOccupants("Zoé enfant)", "X").ok());
}

TEST(HouseholdImportTest, UpsertErrorsBecomeFileLines) {
  const std::vector<int64_t> lines = {2, 5, 9};
  csv::Problem p = ProblemOfUpsert(Invalid("1", "Le logement « L9 » du ménage « LOC-9 » est inconnu."), lines);
  EXPECT_EQ(csv::Describe(p), "line 5: Le logement « L9 » du ménage « LOC-9 » est inconnu.");
  EXPECT_EQ(ProblemOfUpsert(Invalid("7", "x"), lines).line, 0);
  EXPECT_EQ(ProblemOfUpsert(Invalid("reference", "x"), lines).line, 0);
}

// ---- The sample files of docs/ --------------------------------------------------------------------

std::string SourceFile(const std::string& relative) {
  const char* root = std::getenv("RELAIS_SOURCE_DIR");
  auto bytes = csv::ReadFile(std::string(root != nullptr ? root : ".") + "/" + relative);
  EXPECT_TRUE(bytes.ok()) << relative;
  return bytes.ok() ? *bytes : std::string();
}

TEST(ImportSamplesTest, DocumentedSamplesImportWithoutProblems) {
  StockFile stock = ReadStockFile(SourceFile("docs/samples/stock.csv"), nullptr);
  EXPECT_EQ(Described(stock.problems), std::vector<std::string>{});
  EXPECT_TRUE(stock.warnings.empty());
  EXPECT_GE(stock.rows.size(), 6u);
  HouseholdFile households = ReadHouseholdFile(SourceFile("docs/samples/households.csv"), nullptr);
  EXPECT_EQ(Described(households.problems), std::vector<std::string>{});
  EXPECT_TRUE(households.warnings.empty());
  EXPECT_GE(households.rows.size(), 4u);
  // Every household lives in a dwelling of the stock sample.
  for (const auto& h : households.rows) {
    bool found = false;
    for (const auto& s : stock.rows) found = found || s.dwelling.reference == h.household.dwelling_reference;
    EXPECT_TRUE(found) << h.household.dwelling_reference;
  }
  HouseholdFile cp1252 = ReadHouseholdFile(SourceFile("docs/samples/households-windows-1252.csv"), nullptr);
  EXPECT_EQ(cp1252.encoding, csv::Encoding::kWindows1252);
  EXPECT_TRUE(cp1252.problems.empty());
  ASSERT_EQ(cp1252.rows.size(), households.rows.size());
  for (size_t i = 0; i < cp1252.rows.size(); ++i) {
    EXPECT_EQ(cp1252.rows[i].household.DisplayName(), households.rows[i].household.DisplayName());
    EXPECT_EQ(cp1252.rows[i].household.notes, households.rows[i].household.notes);
  }
}

// ---- Into the database: all or nothing, updates by reference --------------------------------------

class ImportDbTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    auto org = db().Write([](db::Connection& c) { return CreateOrganisation(c, "Manche Habitat", "732829320"); });
    ASSERT_TRUE(org.ok()) << org.error().message;
    org_ = *org;
  }
  db::Database& db() { return t_->db(); }
  int64_t Count(const std::string& table) {
    return db().Read([&](db::Connection& c) { return *c.QueryInt("SELECT COUNT(*) FROM " + table); });
  }
  template <class Row>
  Result<UpsertCounts> Write(const ImportFile<Row>& f) {
    return db().Write([&](db::Connection& c) {
      if constexpr (std::is_same_v<Row, StockRow>) return UpsertStock(c, org_, f.rows);
      else return UpsertHouseholds(c, org_, f.rows);
    });
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t org_ = 0;
};

TEST_P(ImportDbTest, ReimportUpdatesByReferenceAndNeverDuplicates) {
  const std::string stock = kStockHeader +
                            "B1;Les Pins;1 rue A;50000;50502;Agence Saint-Lô;non;oui;3;L1;0;T3;60;PLUS;400;10;non\r\n"
                            "B1;Les Pins;1 rue A;50000;50502;Agence Saint-Lô;non;oui;3;L2;1;T2;45;PLUS;350;10;non\r\n";
  StockFile first = ReadStockFile(stock, nullptr);
  ASSERT_TRUE(first.problems.empty());
  auto created = Write(first);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->created, 2);
  EXPECT_EQ(Count("dwellings"), 2);
  EXPECT_EQ(Count("buildings"), 1);

  auto again = Write(ReadStockFile(stock, nullptr));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->unchanged, 2);

  std::string changed = stock;
  changed.replace(changed.find(";350;"), 5, ";355;");
  auto updated = Write(ReadStockFile(changed, nullptr));
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->updated, 1);
  EXPECT_EQ(updated->unchanged, 1);
  EXPECT_EQ(Count("dwellings"), 2);

  const std::string households = kHouseholdHeader +
                                 "LOC-1;L1;01/09/2015;400;10;0;non;DUPONT;Paul;;;;;\"Zoé DUPONT (enfant)\";06 39 98 00 01;;;;\r\n"
                                 "LOC-2;L9;01/09/2015;400;10;0;non;MARTIN;Anne;;;;;;;;;;\r\n";
  HouseholdFile h = ReadHouseholdFile(households, nullptr);
  ASSERT_TRUE(h.problems.empty());
  auto refused = Write(h);  // L9 is not in the stock: the whole file is refused
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(csv::Describe(ProblemOfUpsert(refused.error(), h.lines)),
            "line 3: Le logement « L9 » du ménage « LOC-2 » est inconnu.");
  EXPECT_EQ(Count("households"), 0);

  std::string fixed = households;
  fixed.replace(fixed.find(";L9;"), 4, ";L2;");
  auto created_households = Write(ReadHouseholdFile(fixed, nullptr));
  ASSERT_TRUE(created_households.ok()) << created_households.error().message;
  EXPECT_EQ(created_households->created, 2);
  auto same = Write(ReadHouseholdFile(fixed, nullptr));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->unchanged, 2);
  fixed.replace(fixed.find("06 39 98 00 01"), 14, "06 39 98 00 02");
  auto phone_changed = Write(ReadHouseholdFile(fixed, nullptr));
  ASSERT_TRUE(phone_changed.ok());
  EXPECT_EQ(phone_changed->updated, 1);
  EXPECT_EQ(phone_changed->unchanged, 1);
  EXPECT_EQ(Count("households"), 2);
  EXPECT_EQ(Count("phones"), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, ImportDbTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::housing
