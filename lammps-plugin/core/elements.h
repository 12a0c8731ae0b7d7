#pragma once
// Standard atomic masses (IUPAC 2013 abridged, amu) of the elements NaBridge handles.
#include <string>

namespace nabridge {
/// Throws std::invalid_argument naming the element when it is unknown.
double atomic_mass_amu(const std::string& element);
bool is_known_element(const std::string& element);
}  // namespace nabridge
