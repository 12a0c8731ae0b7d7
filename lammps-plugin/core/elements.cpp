#include "core/elements.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace nabridge {
namespace {
const std::map<std::string, double>& masses() {
  static const std::map<std::string, double> table{
      {"H", 1.008},    {"Li", 6.94},    {"C", 12.011},   {"N", 14.007},   {"O", 15.999},
      {"F", 18.998},   {"Na", 22.990},  {"Mg", 24.305},  {"Al", 26.982},  {"Si", 28.085},
      {"P", 30.974},   {"S", 32.06},    {"Cl", 35.45},   {"K", 39.098},   {"Ca", 40.078},
      {"Ti", 47.867},  {"Fe", 55.845},  {"Ni", 58.693},  {"Cu", 63.546},  {"Zn", 65.38},
      {"Zr", 91.224},  {"Ag", 107.868}, {"Sn", 118.71},  {"I", 126.904},  {"Ba", 137.327},
      {"Pt", 195.084}, {"Au", 196.967}, {"Pb", 207.2},   {"Ar", 39.948},  {"Cs", 132.905}};
  return table;
}
}  // namespace

bool is_known_element(const std::string& element) { return masses().count(element) > 0; }

double atomic_mass_amu(const std::string& element) {
  auto it = masses().find(element);
  if (it == masses().end()) throw std::invalid_argument("unknown element '" + element + "'");
  return it->second;
}

std::string element_of(const std::string& species) { return species.substr(0, species.find(kSpeciesRoleSeparator)); }

std::string metal_species(const std::string& element) {
  return element + kSpeciesRoleSeparator + kMetalRole;
}

std::string metallic_species_in(const std::vector<std::string>& species, const std::string& element) {
  const std::string metal = metal_species(element);
  return std::find(species.begin(), species.end(), metal) != species.end() ? metal : element;
}

void check_species(const std::string& species) {
  const std::string element = element_of(species);
  if (!is_known_element(element))
    throw std::invalid_argument("species '" + species + "': unknown element '" + element + "'");
  if (element.size() + 1 == species.size())
    throw std::invalid_argument("species '" + species + "': empty role after the colon");
}
}  // namespace nabridge
