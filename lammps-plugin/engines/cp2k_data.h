#pragma once
// CP2K's data files (cp2k-data: BASIS_MOLOPT, GTH_POTENTIALS): checking, before a run, that
// every element has the basis set and pseudopotential a calculation names, and that the two
// agree on the number of valence electrons (a MOLOPT basis is built for one GTH valence). A
// missing entry is one clear error naming the element and the file, not a CP2K abort later.
#include <filesystem>
#include <string>

namespace nabridge {

/// Valence charge encoded in a GTH name ("GTH-PBE-q9" -> 9, "DZVP-MOLOPT-SR-GTH-q9" -> 9);
/// 0 when the name carries no "-q<N>" suffix.
int gth_valence_from_name(const std::string& name);

/// The valence charge of the entry `basis_name` of `element` in a CP2K basis file (from the
/// "-q<N>" alias on its header line, 0 if it has none). Throws std::runtime_error naming the
/// element, the basis and the file when the file is unreadable or has no such entry.
int find_basis_set(const std::filesystem::path& basis_file, const std::string& element,
                   const std::string& basis_name);

/// The valence charge of the GTH pseudopotential `potential_name` of `element` (from the
/// numbers of s, p, d, f electrons on the line after its header). Throws std::runtime_error
/// naming the element, the potential and the file when there is no such entry.
int find_gth_potential(const std::filesystem::path& potential_file, const std::string& element,
                       const std::string& potential_name);

}  // namespace nabridge
