#include <catch2/catch.hpp>

#include "requirements/requirement_export.h"

#include "test_support.h"

using namespace kijun;

TEST_CASE("CSV cells that a spreadsheet would run as formulas are neutralised") {
  CHECK(csv_field("=HYPERLINK(\"http://x.invalid\",\"a\")") == "\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"a\"\")\"");
  CHECK(csv_field("+cmd|' /C calc'!A0") == "\"'+cmd|' /C calc'!A0\"");
  CHECK(csv_field("-1+1") == "\"'-1+1\"");
  CHECK(csv_field("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(csv_field("\tx") == "\"'\tx\"");
  CHECK(csv_field("\rx") == "\"'\rx\"");
  CHECK(csv_field("＝1+1") == "\"'＝1+1\"");
  CHECK(csv_field("＠x") == "\"'＠x\"");
  // Ordinary text is unchanged; quoting only where CSV needs it.
  CHECK(csv_field("CS-3.1-8-3") == "CS-3.1-8-3");
  CHECK(csv_field("クラウドサービス、利用") == "クラウドサービス、利用");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("a=b") == "a=b");
  CHECK(csv_field("") == "");
}

TEST_CASE("a provision text starting with a formula reaches requirements.csv neutralised") {
  test::LoadedSite site({{"a.md", "---\ntitle: A\n---\n{#CS-1-1} =HYPERLINK(\"http://x.invalid\")\n"}});
  REQUIRE(site.reg);
  std::string csv = requirements_csv(*site.lib, *site.reg);
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://x.invalid\"\")\",") != std::string::npos);
  CHECK(csv.find(",=HYPERLINK") == std::string::npos);
}
