// The one CSV quoting rule (RFC 4180) of parameters.csv and validation.csv.
#include <catch2/catch.hpp>

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
