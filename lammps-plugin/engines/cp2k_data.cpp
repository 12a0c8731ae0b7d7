#include "engines/cp2k_data.h"

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace nabridge {

namespace {

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> w;
  for (std::string t; in >> t;) w.push_back(t);
  return w;
}

std::ifstream open_data_file(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cp2k: cannot read the " + what + " file " + file.string());
  return in;
}

// An entry header is "<Element> <name> [<alias> ...]" with the element symbol first; comment
// lines start with '#'. Returns the header's names when it belongs to `element` and one of its
// names is `name`.
bool header_matches(const std::vector<std::string>& w, const std::string& element, const std::string& name) {
  if (w.size() < 2 || w[0] != element) return false;
  for (std::size_t i = 1; i < w.size(); ++i)
    if (w[i] == name) return true;
  return false;
}

}  // namespace

int gth_valence_from_name(const std::string& name) {
  static const std::regex q(R"(-q(\d+)$)");
  std::smatch m;
  return std::regex_search(name, m, q) ? std::stoi(m[1]) : 0;
}

int find_basis_set(const std::filesystem::path& basis_file, const std::string& element,
                   const std::string& basis_name) {
  auto in = open_data_file(basis_file, "basis set");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto w = words(line);
    if (!header_matches(w, element, basis_name)) continue;
    for (std::size_t i = 1; i < w.size(); ++i)
      if (const int q = gth_valence_from_name(w[i])) return q;
    return 0;
  }
  throw std::runtime_error("cp2k: no basis set '" + basis_name + "' for element " + element + " in " +
                           basis_file.string());
}

int find_gth_potential(const std::filesystem::path& potential_file, const std::string& element,
                       const std::string& potential_name) {
  auto in = open_data_file(potential_file, "pseudopotential");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (!header_matches(words(line), element, potential_name)) continue;
    // The next line lists the electrons per angular momentum (s p d f); their sum is Z_val.
    std::string counts;
    std::getline(in, counts);
    int z = 0;
    for (const auto& n : words(counts)) z += std::stoi(n);
    return z;
  }
  throw std::runtime_error("cp2k: no pseudopotential '" + potential_name + "' for element " + element + " in " +
                           potential_file.string());
}

}  // namespace nabridge
