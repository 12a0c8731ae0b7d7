// The one CSV format (RFC 4180) of NaBridge's files: the writer's quoting and the reader.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "nabridge/base/csv.h"

using nabridge::csv_field;

TEST_CASE("csv fields: plain text stays as it is, a comma, quote or line break is quoted", "[core][csv]") {
  CHECK(csv_field("Al(111)") == "Al(111)");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a, b") == "\"a, b\"");
  CHECK(csv_field("the \"fcc\" site") == "\"the \"\"fcc\"\" site\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("cr\rlf") == "\"cr\rlf\"");
}

TEST_CASE("csv rows: hostile fields written by csv_row come back whole through parse_csv", "[core][csv]") {
  const std::vector<std::string> hostile{"Al(111)", "a, b", "the \"fcc\" site", "two\nlines", "", "\"", ","};
  const std::string text =
      nabridge::csv_row({"name", "value"}) + nabridge::csv_row(hostile) + nabridge::csv_row({"x", "1"});
  CHECK(nabridge::csv_row({"x", "1"}) == "x,1\n");
  const auto records = nabridge::parse_csv(text);
  REQUIRE(records.size() == 3);
  CHECK(records[0].fields == std::vector<std::string>{"name", "value"});
  CHECK(records[1].fields == hostile);
  // The line break inside a quoted field: the third record starts on line 4 of the text.
  CHECK(records[1].line == 2);
  CHECK(records[2].line == 4);
  CHECK(records[2].fields == std::vector<std::string>{"x", "1"});
}

TEST_CASE("csv reading: CRLF ends a record, blank lines are skipped, the last line needs no break", "[core][csv]") {
  const auto records = nabridge::parse_csv("a,b\r\n\r\n\n\"c\r\nd\",\ne,f");
  REQUIRE(records.size() == 3);
  CHECK(records[0].fields == std::vector<std::string>{"a", "b"});
  CHECK(records[1].fields == std::vector<std::string>{"c\r\nd", ""});
  CHECK(records[1].line == 4);
  CHECK(records[2].fields == std::vector<std::string>{"e", "f"});
  CHECK(records[2].line == 6);
}

TEST_CASE("csv reading: a malformed quote is an error naming the line", "[core][csv]") {
  CHECK_THROWS_WITH(nabridge::parse_csv("a,b\nx,ab\"c\n"),
                    Catch::StartsWith("line 2: a quote inside an unquoted field"));
  CHECK_THROWS_WITH(nabridge::parse_csv("a,b\n\"x\"y,1\n"), Catch::StartsWith("line 2: text after the closing quote"));
  CHECK_THROWS_WITH(nabridge::parse_csv("a,b\n\"x,1\n2,3\n"),
                    Catch::StartsWith("line 2: a quoted field is not closed"));
  CHECK_THROWS_WITH(nabridge::read_csv_file("/nonexistent/table.csv"), "/nonexistent/table.csv: cannot be read");
}
