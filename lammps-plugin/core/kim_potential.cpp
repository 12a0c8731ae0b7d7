#include "core/kim_potential.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

#include "core/elements.h"

namespace nabridge {

namespace {
bool valid_kim_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> w;
  for (std::string t; in >> t;) w.push_back(t);
  return w;
}
}  // namespace

PotentialSpec kim_potential(const std::string& model, std::vector<std::string> elements, const std::string& units) {
  if (!valid_kim_name(model))
    throw std::invalid_argument("kim potential: '" + model + "' is not a KIM model name (letters, digits, '_')");
  if (elements.empty()) throw std::invalid_argument("kim potential '" + model + "': 'elements' is empty");
  for (const auto& e : elements) atomic_mass_amu(e);  // validates the element names
  PotentialSpec p;
  p.id = "kim:" + model;
  p.units = units;
  p.init_commands = {"kim init " + model + " " + units};
  std::string interactions = "kim interactions";
  for (const auto& e : elements) interactions += " " + e;
  p.commands = {interactions};
  p.elements = std::move(elements);
  return p;
}

bool uses_kim(const PotentialSpec& potential) {
  for (const auto* list : {&potential.init_commands, &potential.commands})
    for (const auto& c : *list)
    {
      const auto w = words(c);
      if (w.empty()) continue;
      if (w[0] == "kim" || (w[0] == "pair_style" && std::find(w.begin() + 1, w.end(), "kim") != w.end())) return true;
    }
  return false;
}

}  // namespace nabridge
