#pragma once
// Standard atomic masses (IUPAC 2013 abridged, amu) of the elements NaBridge handles, and the
// species (an element, or an element in a role) that structures and potentials name atoms by.
#include <string>
#include <vector>

namespace nabridge {
/// Throws std::invalid_argument naming the element when it is unknown.
double atomic_mass_amu(const std::string& element);
bool is_known_element(const std::string& element);

/// A species is an element symbol, or an element and a role after a colon ("Na:metal"): one
/// element as two atom types of a potential, e.g. nai-eim-nadft's lattice Na and metallic Na,
/// which interact with the iodide differently. Structures and potentials list species; masses,
/// output files and DFT read the element.
inline constexpr char kSpeciesRoleSeparator = ':';
/// The element of a species ("Na:metal" -> "Na", "Na" -> "Na").
std::string element_of(const std::string& species);
/// The role of metallic atoms of an element in a model that has them as a type of their own.
inline constexpr const char* kMetalRole = "metal";
/// "Na" -> "Na:metal".
std::string metal_species(const std::string& element);
/// The species a model gives metallic atoms of `element`: its metal species where `species` (the
/// model's, in type order) lists it, else the element itself.
std::string metallic_species_in(const std::vector<std::string>& species, const std::string& element);
/// Throws std::invalid_argument naming the species when its element is unknown or its role empty.
void check_species(const std::string& species);
}  // namespace nabridge
