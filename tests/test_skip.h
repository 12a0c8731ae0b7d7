#pragma once
// A test whose prerequisite this machine lacks (an optional LAMMPS package, CP2K, gnuplot) is
// skipped with its reason, not passed: it prints kSkipMarker and returns, and CTest reports the
// test as skipped (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt). A Catch2 WARN instead would
// show a test that ran nothing as passed.
#include <iostream>
#include <string>

namespace nabridge::testing {

inline const char* const kSkipMarker = "NABRIDGE-TEST-SKIPPED:";

/// Prints the skip marker and `reason`; the caller returns from the test case right after.
inline void report_skipped(const std::string& reason) { std::cout << kSkipMarker << " " << reason << std::endl; }

}  // namespace nabridge::testing
