#pragma once
// Miller indices as campaigns write them: "111", "100", "001", "1-10", "1 1 0", "-1 1 0".
#include <string>

#include <Eigen/Core>

namespace nabridge::workflow {

/// Throws std::invalid_argument for anything that is not three integers, not all zero.
Eigen::Vector3i parse_miller(const std::string& text);

}  // namespace nabridge::workflow
