#include "platform/csv/csv.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace relais::csv {
namespace {

// All records of a table, cell by cell.
std::vector<std::vector<std::string>> Rows(const Table& t) {
  std::vector<std::vector<std::string>> rows;
  for (size_t r = 0; r < t.record_count(); ++r) {
    std::vector<std::string> row;
    for (size_t c = 0; c < t.column_count(); ++c) row.emplace_back(t.cell(r, c));
    rows.push_back(row);
  }
  return rows;
}

using Cells = std::vector<std::vector<std::string>>;

// ---- Reading ----------------------------------------------------------------------------------

TEST(CsvReadTest, ReadsSemicolonSeparatedUtf8) {
  Table t = ReadTable("nom;prenom\nDupont;Hélène\nMartin;Zoé\n");
  EXPECT_TRUE(t.problems().empty());
  EXPECT_EQ(t.separator(), ';');
  EXPECT_EQ(t.encoding(), Encoding::kUtf8);
  ASSERT_EQ(t.column_count(), 2u);
  EXPECT_EQ(t.header(0), "nom");
  EXPECT_EQ(t.header(1), "prenom");
  EXPECT_EQ(Rows(t), (Cells{{"Dupont", "Hélène"}, {"Martin", "Zoé"}}));
  EXPECT_EQ(t.line(0), 2);
  EXPECT_EQ(t.line(1), 3);
}

TEST(CsvReadTest, DetectsCommaFromTheHeaderOutsideQuotes) {
  // The header holds a quoted ";" that must not count; its real separator is ",".
  Table t = ReadTable("\"nom;complet\",loyer,charges\n\"Dupont; Hélène\",\"412,50\",30\n");
  EXPECT_TRUE(t.problems().empty());
  EXPECT_EQ(t.separator(), ',');
  EXPECT_EQ(t.header(0), "nom;complet");
  EXPECT_EQ(Rows(t), (Cells{{"Dupont; Hélène", "412,50", "30"}}));
}

TEST(CsvReadTest, PrefersSemicolonWhenCommasAreInsideHeaderNames) {
  Table t = ReadTable("loyer, hors charges;charges\n1;2\n");
  EXPECT_EQ(t.separator(), ';');
  EXPECT_EQ(t.header(0), "loyer, hors charges");
}

TEST(CsvReadTest, DetectsTabs) {
  Table t = ReadTable("a\tb\n1\t2\n");
  EXPECT_EQ(t.separator(), '\t');
  EXPECT_EQ(Rows(t), (Cells{{"1", "2"}}));
}

TEST(CsvReadTest, ConvertsWindows1252) {
  // "Hélène" and "Cœur" as Excel writes them on a French Windows: é=E9, è=E8, œ=9C, €=80.
  Table t = ReadTable("nom;ville;loyer\r\nH\xE9l\xE8ne;C\x9Cur;12\x80\r\n");
  EXPECT_TRUE(t.problems().empty());
  EXPECT_EQ(t.encoding(), Encoding::kWindows1252);
  EXPECT_EQ(Rows(t), (Cells{{"Hélène", "Cœur", "12€"}}));
}

TEST(CsvReadTest, OneBadByteMakesTheWholeFileWindows1252) {
  // Valid UTF-8 on the first row, a Windows-1252 byte on the second: the file is not UTF-8.
  Table t = ReadTable("nom\nabc\nd\xE9j\xE0\n");
  EXPECT_EQ(t.encoding(), Encoding::kWindows1252);
  EXPECT_EQ(t.cell(1, 0), "déjà");
}

TEST(CsvReadTest, StripsUtf8BomAndCrLf) {
  Table t = ReadTable("\xEF\xBB\xBFreference;nom\r\nA1;Les Tilleuls\r\n");
  EXPECT_TRUE(t.problems().empty());
  EXPECT_EQ(t.encoding(), Encoding::kUtf8);
  EXPECT_EQ(t.header(0), "reference");
  EXPECT_EQ(Rows(t), (Cells{{"A1", "Les Tilleuls"}}));
}

TEST(CsvReadTest, ReadsTheLastRecordWithoutFinalNewline) {
  Table t = ReadTable("a;b\r\n1;2\r\n3;4");
  EXPECT_EQ(Rows(t), (Cells{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(t.line(1), 3);
}

TEST(CsvReadTest, KeepsEmptyCellsIncludingTheLast) {
  Table t = ReadTable("a;b;c\n;x;\n1;;\n");
  EXPECT_TRUE(t.problems().empty());
  EXPECT_EQ(Rows(t), (Cells{{"", "x", ""}, {"1", "", ""}}));
}

TEST(CsvReadTest, UnquotesDoubledQuotesAndEmbeddedSeparators) {
  Table t = ReadTable("nom;notes\n\"Le \"\"Clos\"\"\";\"a;b\"\n\"\";x\n");
  EXPECT_TRUE(t.problems().empty());
  EXPECT_EQ(Rows(t), (Cells{{"Le \"Clos\"", "a;b"}, {"", "x"}}));
}

TEST(CsvReadTest, MultiLineQuotedCellsKeepPhysicalLineNumbers) {
  const std::string file =
      "ref;notes\r\n"                       // line 1
      "L1;\"premier\r\nsecond\r\ntroisième\"\r\n"  // lines 2-4
      "L2;simple\r\n"                       // line 5
      "L3;\"a\nb\"\n"                       // lines 6-7
      "L4;\"x;y\";trop\n";                  // line 8: one field too many
  Table t = ReadTable(file);
  ASSERT_EQ(t.record_count(), 3u);
  EXPECT_EQ(t.cell(0, 1), "premier\nsecond\ntroisième");  // CRLF inside a cell becomes LF
  EXPECT_EQ(t.line(0), 2);
  EXPECT_EQ(t.line(1), 5);
  EXPECT_EQ(t.cell(1, 1), "simple");
  EXPECT_EQ(t.line(2), 6);
  EXPECT_EQ(t.cell(2, 1), "a\nb");
  ASSERT_EQ(t.problems().size(), 1u);
  EXPECT_EQ(t.problems()[0].line, 8);
  EXPECT_EQ(Describe(t.problems()[0]), "line 8: 3 champs au lieu de 2 (séparateur « ; »).");
}

TEST(CsvReadTest, ReportsEveryRecordWithAWrongFieldCount) {
  Table t = ReadTable("a;b;c\n1;2;3\n1;2\n1;2;3;4\n5;6;7\n");
  ASSERT_EQ(t.problems().size(), 2u);
  EXPECT_EQ(t.problems()[0].line, 3);
  EXPECT_EQ(t.problems()[0].message, "2 champs au lieu de 3 (séparateur « ; »).");
  EXPECT_EQ(t.problems()[1].line, 4);
  // The good records are still there (to report their own errors), bad ones left out.
  EXPECT_EQ(Rows(t), (Cells{{"1", "2", "3"}, {"5", "6", "7"}}));
  EXPECT_EQ(t.line(1), 5);
}

TEST(CsvReadTest, UnterminatedQuoteIsAnErrorAtTheLineWhereItOpens) {
  Table t = ReadTable("a;b\n1;2\n3;\"jamais\nfermé\n4;5\n");
  ASSERT_EQ(t.problems().size(), 1u);
  EXPECT_EQ(t.problems()[0].line, 3);
  EXPECT_NE(t.problems()[0].message.find("guillemet ouvert jamais fermé"), std::string::npos);
  EXPECT_EQ(Rows(t), (Cells{{"1", "2"}}));
}

TEST(CsvReadTest, TextAfterAClosingQuoteIsAnErrorAndReadingGoesOn) {
  Table t = ReadTable("a;b\n\"x\"y;2\n\"multi\nligne\" z;3\n4;5\n");
  ASSERT_EQ(t.problems().size(), 2u);
  EXPECT_EQ(t.problems()[0].line, 2);
  EXPECT_NE(t.problems()[0].message.find("texte après le guillemet fermant"), std::string::npos);
  EXPECT_EQ(t.problems()[1].line, 4);  // where the stray text is, after the cell's own newline
  EXPECT_EQ(Rows(t), (Cells{{"4", "5"}}));
  EXPECT_EQ(t.line(0), 5);
}

TEST(CsvReadTest, SpacesAfterAClosingQuoteAreTolerated) {
  Table t = ReadTable("a;b\n\"x\"  ;\"y\" \n");
  EXPECT_TRUE(t.problems().empty());
  EXPECT_EQ(Rows(t), (Cells{{"x", "y"}}));
}

TEST(CsvReadTest, IgnoresBlankAndSeparatorOnlyLines) {
  Table t = ReadTable("a;b\r\n1;2\r\n\r\n;\r\n3;4\r\n\r\n;\r\n\n\n");
  EXPECT_TRUE(t.problems().empty());
  EXPECT_EQ(Rows(t), (Cells{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(t.line(1), 5);
}

TEST(CsvReadTest, TrimsHeaderCellsButNotDataCells) {
  Table t = ReadTable(" nom ; prenom \n Dupont ;x\n");
  EXPECT_EQ(t.header(0), "nom");
  EXPECT_EQ(t.header(1), "prenom");
  EXPECT_EQ(t.cell(0, 0), " Dupont ");
}

TEST(CsvReadTest, EmptyFileIsAProblem) {
  for (std::string file : {"", "\xEF\xBB\xBF", "\r\n\r\n"}) {
    Table t = ReadTable(file);
    ASSERT_EQ(t.problems().size(), 1u) << file;
    EXPECT_EQ(t.problems()[0].line, 0);
    EXPECT_EQ(t.record_count(), 0u);
  }
}

TEST(CsvReadTest, HeaderOnlyFileHasNoRecords) {
  Table t = ReadTable("a;b\n");
  EXPECT_TRUE(t.problems().empty());
  EXPECT_EQ(t.column_count(), 2u);
  EXPECT_EQ(t.record_count(), 0u);
}

TEST(CsvReadTest, RefusesUtf16WithAnExplanation) {
  Table t = ReadTable(std::string("\xFF\xFE" "a\0;\0b\0", 8));
  ASSERT_EQ(t.problems().size(), 1u);
  EXPECT_NE(t.problems()[0].message.find("UTF-16"), std::string::npos);
}

TEST(CsvReadTest, SmallTablesSurviveBeingMoved) {
  // Cells are offsets, so a short text held in the string's inline buffer stays readable.
  Table a = ReadTable("a\nb\n");
  Table b = std::move(a);
  std::vector<Table> v;
  v.push_back(std::move(b));
  EXPECT_EQ(v[0].header(0), "a");
  EXPECT_EQ(v[0].cell(0, 0), "b");
}

TEST(CsvReadTest, RoundTripsRandomTablesWithTheirLineNumbers) {
  // Cells of every length around the eight-byte scanning steps, with separators, quotes and
  // line breaks to quote, written as a spreadsheet would; read back cell for cell.
  std::mt19937 rng(20201130);
  const std::vector<std::string> pieces = {"a", "Z", "0", " ", "é", "€", "œ", ";", ",", "\"", "\n", "\t", "xxxxxxx"};
  for (int round = 0; round < 200; ++round) {
    const char sep = round % 2 == 0 ? ';' : ',';
    const std::string eol = round % 3 == 0 ? "\n" : "\r\n";
    const size_t columns = 2 + rng() % 5;
    std::string file;
    for (size_t c = 0; c < columns; ++c) file += (c ? std::string(1, sep) : "") + "col" + std::to_string(c);
    file += eol;
    int64_t line = 2;
    std::vector<std::vector<std::string>> expected;
    std::vector<int64_t> expected_lines;
    const size_t records = 1 + rng() % 20;
    for (size_t r = 0; r < records; ++r) {
      std::vector<std::string> row;
      expected_lines.push_back(line);
      for (size_t c = 0; c < columns; ++c) {
        std::string cell = c == 0 ? "k" : "";  // never a whole empty record (those are skipped)
        const size_t n = rng() % 30;
        for (size_t i = 0; i < n; ++i) cell += pieces[rng() % pieces.size()];
        const bool needs_quotes = cell.find_first_of(std::string("\"\n") + sep) != std::string::npos;
        if (needs_quotes || rng() % 4 == 0) {
          std::string quoted = "\"";
          for (char ch : cell) {
            if (ch == '"') quoted += "\"\"";
            else if (ch == '\n') quoted += eol, ++line;
            else quoted += ch;
          }
          file += quoted + "\"";
        } else {
          file += cell;
        }
        if (c + 1 < columns) file += sep;
        row.push_back(cell);
      }
      file += eol;
      ++line;
      expected.push_back(row);
    }
    Table t = ReadTable(file);
    ASSERT_TRUE(t.problems().empty()) << "round " << round << ": " << Describe(t.problems()[0]);
    ASSERT_EQ(t.separator(), sep);
    ASSERT_EQ(t.column_count(), columns);
    ASSERT_EQ(Rows(t), expected) << "round " << round;
    for (size_t r = 0; r < expected_lines.size(); ++r) EXPECT_EQ(t.line(r), expected_lines[r]) << "round " << round;
  }
}

TEST(CsvReadTest, DescribesProblems) {
  EXPECT_EQ(Describe({12, "loyer", "montant vide"}), "line 12, column loyer: montant vide");
  EXPECT_EQ(Describe({3, "", "2 champs au lieu de 3"}), "line 3: 2 champs au lieu de 3");
  EXPECT_EQ(Describe({0, "", "fichier vide"}), "fichier vide");
  Error e = ToError({{2, "loyer", "montant vide"}, {5, "", "x"}});
  EXPECT_EQ(e.code, ErrorCode::kInvalid);
  EXPECT_EQ(e.field, "loyer");
  ASSERT_EQ(e.fields.size(), 2u);
  EXPECT_EQ(e.fields[1].second, "line 5: x");
  EXPECT_NE(e.message.find("2 problèmes"), std::string::npos);
  EXPECT_NE(e.message.find("line 2, column loyer: montant vide"), std::string::npos);
}

TEST(CsvReadTest, ReadsFilesAndReportsMissingOnes) {
  auto missing = ReadFile("/nonexistent/relais/stock.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("/nonexistent/relais/stock.csv"), std::string::npos);

  std::string path = ::testing::TempDir() + "relais_csv_read_test.csv";
  const std::string bytes("a;b\r\nH\xE9l\xE8ne;\0x\n", 16);
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  auto read = ReadFile(path);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, bytes);  // byte for byte, NUL included
  std::remove(path.c_str());
}

// ---- Values -----------------------------------------------------------------------------------

TEST(CsvValueTest, ParsesFrenchAndIsoDates) {
  EXPECT_EQ(ParseDateValue("07/03/2024").value(), (CivilDate{2024, 3, 7}));
  EXPECT_EQ(ParseDateValue(" 2024-03-07 ").value(), (CivilDate{2024, 3, 7}));
  EXPECT_EQ(ParseDateValue("7/3/1948").value(), (CivilDate{1948, 3, 7}));
  auto bad = ParseDateValue("31/02/2024");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bad.error().message, "date invalide « 31/02/2024 » (attendu jj/mm/aaaa ou aaaa-mm-jj)");
  EXPECT_FALSE(ParseDateValue("03/07/24").ok());
  EXPECT_FALSE(ParseDateValue("2024/03/07").ok());
  EXPECT_FALSE(ParseDateValue("").ok());
}

TEST(CsvValueTest, ParsesAmountsToExactCents) {
  struct Case {
    std::string_view in;
    int64_t cents;
  };
  const Case cases[] = {
      {"1 234,56", 123456},          {"12,5", 1250},
      {"-3,00", -300},               {"0", 0},
      {"412.30", 41230},             {"1234", 123400},
      {"1\xC2\xA0" "234,56", 123456},  // no-break space
      {"1\xE2\x80\xAF" "234,56", 123456},  // narrow no-break space (Excel, macOS)
      {"12 345 678,90", 1234567890}, {"450,00 \xE2\x82\xAC", 45000},
      {"\xE2\x82\xAC 450", 45000},   {"-12,00\xC2\xA0\xE2\x82\xAC", -1200},
      {"\xE2\x82\xAC-7,5", -750},     {"+3", 300},
      {"  0,01 ", 1},                {"0,1", 10},
      {"999999999999,99", 99999999999999},
  };
  for (const auto& c : cases) {
    auto r = ParseAmountCents(c.in);
    ASSERT_TRUE(r.ok()) << c.in << ": " << r.error().message;
    EXPECT_EQ(*r, c.cents) << c.in;
  }
}

TEST(CsvValueTest, RefusesAmountsThatAreNotExact) {
  auto three = ParseAmountCents("12,345");
  ASSERT_FALSE(three.ok());
  EXPECT_EQ(three.error().message, "montant invalide « 12,345 » : au plus 2 décimales (attendu par exemple 1 234,56)");
  for (std::string_view bad : {"", "abc", "12,", ",5", "1.234,56", "1,234.56", "12 34", "1234 567",
                               "1 23,00", "12 ,00", "12, 50", "--3", "3-", "1e3", "12,3 4",
                               "10000000000000", "€", "12 € 50"}) {
    EXPECT_FALSE(ParseAmountCents(bad).ok()) << bad;
  }
}

TEST(CsvValueTest, ParsesBooleans) {
  for (std::string_view yes : {"oui", "OUI", "Oui", "o", "O", "1", "true", "TRUE", "vrai", "Vrai", "x", "X", " oui "}) {
    auto r = ParseBoolean(yes);
    ASSERT_TRUE(r.ok()) << yes;
    EXPECT_TRUE(*r) << yes;
  }
  for (std::string_view no : {"non", "NON", "n", "N", "0", "false", "faux", "FAUX", "", "  "}) {
    auto r = ParseBoolean(no);
    ASSERT_TRUE(r.ok()) << no;
    EXPECT_FALSE(*r) << no;
  }
  auto bad = ParseBoolean("peut-être");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("« peut-être »"), std::string::npos);
  EXPECT_FALSE(ParseBoolean("ouii").ok());
  EXPECT_FALSE(ParseBoolean("2").ok());
}

TEST(CsvValueTest, ParsesIntegers) {
  EXPECT_EQ(ParseInteger("12").value(), 12);
  EXPECT_EQ(ParseInteger(" -1 ").value(), -1);
  EXPECT_EQ(ParseInteger("+4").value(), 4);
  EXPECT_EQ(ParseInteger("007").value(), 7);
  for (std::string_view bad : {"", "-", "1,5", "1.0", "12a", "1 000", "9999999999999999999"}) {
    EXPECT_FALSE(ParseInteger(bad).ok()) << bad;
  }
  EXPECT_EQ(ParseInteger("3e").error().message, "nombre entier invalide « 3e »");
}

TEST(CsvValueTest, ParsesSurfacesToHundredths) {
  EXPECT_EQ(ParseSurfaceHundredths("65,23").value(), 6523);
  EXPECT_EQ(ParseSurfaceHundredths("65").value(), 6500);
  EXPECT_EQ(ParseSurfaceHundredths("65.2").value(), 6520);
  EXPECT_EQ(ParseSurfaceHundredths("1 020,5 m\xC2\xB2").value(), 102050);
  EXPECT_EQ(ParseSurfaceHundredths("48 m2").value(), 4800);
  EXPECT_EQ(ParseSurfaceHundredths("48M2").value(), 4800);
  auto negative = ParseSurfaceHundredths("-12");
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.error().message.find("négative"), std::string::npos);
  for (std::string_view bad : {"", "65,234", "m2", "soixante", "65 m3"}) {
    EXPECT_FALSE(ParseSurfaceHundredths(bad).ok()) << bad;
  }
}

// ---- Columns ----------------------------------------------------------------------------------

constexpr std::array<Column, 3> kExpected = {{
    {"reference_logement", true},
    {"loyer", true},
    {"telephone1", false},
}};

TEST(CsvColumnsTest, MatchesCanonicalNamesIgnoringCaseAccentsAndPunctuation) {
  Table t = ReadTable("Loyer;Référence logement;Téléphone 1\n1;2;3\n");
  ColumnIndex c = ResolveColumns(t, kExpected, nullptr);
  EXPECT_TRUE(c.problems.empty());
  EXPECT_TRUE(c.warnings.empty());
  EXPECT_EQ(c.index, (std::vector<int>{1, 0, 2}));
}

TEST(CsvColumnsTest, MissingRequiredColumnIsOneErrorNamingIt) {
  Table t = ReadTable("loyer;commentaire\n1;2\n");
  ColumnIndex c = ResolveColumns(t, kExpected, nullptr);
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(Describe(c.problems[0]), "line 1: colonne obligatoire absente : reference_logement");
  EXPECT_EQ(c.index, (std::vector<int>{ColumnIndex::kAbsent, 0, ColumnIndex::kAbsent}));
  // The extra column is ignored, with a warning; the optional missing one says nothing.
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0], "colonne « commentaire » inconnue : ignorée.");
}

TEST(CsvColumnsTest, ColumnFoundTwiceIsAProblem) {
  Table t = ReadTable("loyer;reference_logement;LOYER\n1;2;3\n");
  ColumnIndex c = ResolveColumns(t, kExpected, nullptr);
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].line, 1);
  EXPECT_EQ(c.problems[0].column, "LOYER");
  EXPECT_NE(c.problems[0].message.find("colonnes 1 et 3"), std::string::npos);
}

TEST(CsvColumnsTest, UnnamedColumnsWarnOnlyWhenTheyHoldData) {
  Table quiet = ReadTable("reference_logement;loyer;\nA;1;\n");
  EXPECT_TRUE(ResolveColumns(quiet, kExpected, nullptr).warnings.empty());
  Table loud = ReadTable("reference_logement;loyer;\nA;1;\nB;2;oups\n");
  auto w = ResolveColumns(loud, kExpected, nullptr).warnings;
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], "colonne 3 sans en-tête : ignorée.");
}

TEST(CsvColumnsTest, MappingRenamesAnotherExportsHeaders) {
  auto m = Mapping::Parse(
      "# Export Ikos\n"
      "\n"
      "reference_logement = N° lot\r\n"
      "  loyer=Loyer principal (HT)  \n"
      "telephone1 = \"Tél. portable\"\n"
      "code_insee = Commune INSEE\n");  // not a column of this file
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->entries().size(), 4u);
  ASSERT_NE(m->HeaderFor("Reference_Logement"), nullptr);
  EXPECT_EQ(*m->HeaderFor("reference_logement"), "N° lot");
  EXPECT_EQ(*m->HeaderFor("telephone1"), "Tél. portable");
  EXPECT_EQ(m->HeaderFor("charges"), nullptr);

  Table t = ReadTable("N° LOT;loyer principal HT;tel portable;Divers\nA;1;2;3\n");
  ColumnIndex c = ResolveColumns(t, kExpected, &*m);
  EXPECT_TRUE(c.problems.empty());
  EXPECT_EQ(c.index, (std::vector<int>{0, 1, 2}));
  ASSERT_EQ(c.warnings.size(), 2u);
  EXPECT_EQ(c.warnings[0], "colonne « Divers » inconnue : ignorée.");
  EXPECT_NE(c.warnings[1].find("code_insee"), std::string::npos);
}

TEST(CsvColumnsTest, MappedHeaderAbsentFallsBackToTheCanonicalName) {
  auto m = Mapping::Parse("loyer = Loyer HT\nreference_logement = Lot\n");
  ASSERT_TRUE(m.ok());
  Table t = ReadTable("loyer;autre\n1;2\n");
  ColumnIndex c = ResolveColumns(t, kExpected, &*m);
  EXPECT_EQ(c.index[1], 0);
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].message, "colonne obligatoire absente : reference_logement (« Lot » selon la correspondance)");
}

TEST(CsvColumnsTest, MappingFileMayBeWindows1252) {
  auto m = Mapping::Parse("reference_logement = N\xB0 lot\r\ntelephone1 = T\xE9l\xE9phone\r\n");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*m->HeaderFor("reference_logement"), "N° lot");
  EXPECT_EQ(*m->HeaderFor("telephone1"), "Téléphone");
}

TEST(CsvColumnsTest, MalformedMappingLinesAreErrorsWithTheirLine) {
  auto no_equals = Mapping::Parse("loyer = Loyer\n\nreference_logement Lot\n");
  ASSERT_FALSE(no_equals.ok());
  EXPECT_NE(no_equals.error().message.find("line 3"), std::string::npos);
  auto empty_side = Mapping::Parse("loyer =\n");
  ASSERT_FALSE(empty_side.ok());
  EXPECT_NE(empty_side.error().message.find("line 1"), std::string::npos);
  auto twice = Mapping::Parse("loyer = A\nLOYER = B\n");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message.find("line 2"), std::string::npos);
  EXPECT_NE(twice.error().message.find("déjà renommée"), std::string::npos);
}

TEST(CsvWriteTest, ACellIsQuotedOnlyWhenItMustBeAndReadsBackTheSame) {
  std::string line;
  const std::vector<std::string> cells = {"simple", "a;b", "dit \"oui\"", "deux\nlignes", "", "Hélène"};
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ';';
    AppendCell(line, cells[i]);
  }
  EXPECT_EQ(line, "simple;\"a;b\";\"dit \"\"oui\"\"\";\"deux\nlignes\";;Hélène");
  // The reader gives the cells back (a header line first: the reader takes it as the header).
  const std::string header = "c1;c2;c3;c4;c5;c6\n";
  Table t = ReadTable(header + line + "\n");
  ASSERT_TRUE(t.problems().empty());
  ASSERT_EQ(t.record_count(), 1u);
  for (size_t c = 0; c < cells.size(); ++c) EXPECT_EQ(t.cell(0, c), cells[c]) << c;
}

}  // namespace
}  // namespace relais::csv
