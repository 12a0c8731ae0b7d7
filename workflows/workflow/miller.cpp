#include "workflow/miller.h"

#include <cctype>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace nabridge::workflow {

Eigen::Vector3i parse_miller(const std::string& text) {
  std::vector<int> v;
  if (text.find(' ') != std::string::npos) {
    std::istringstream in(text);
    for (int k; in >> k;) v.push_back(k);
    if (!in.eof()) v.clear();
  } else {
    // Compact form: one digit per index, '-' negates the next digit.
    int sign = 1;
    for (char ch : text) {
      if (ch == '-') sign = -1;
      else if (std::isdigit(static_cast<unsigned char>(ch))) v.push_back(sign * (ch - '0')), sign = 1;
      else v.clear(), v.resize(4);
    }
  }
  if (v.size() != 3 || (v[0] == 0 && v[1] == 0 && v[2] == 0))
    throw std::invalid_argument("'" + text +
                                "' is not a facet (three Miller indices such as \"111\", \"1-10\" or \"1 1 0\")");
  return {v[0], v[1], v[2]};
}

}  // namespace nabridge::workflow
