#pragma once
// Zhou EAM parameter files (TOML): a [source] table (citation, doi, note) and one
// [elements.X] table per element with re, fe, rhoe, rhos, alpha, beta, A, B, kappa, lambda,
// Fn = [4], F = [4], F3_above (optional, default F[3]), eta, Fe, Z, mass_amu, lattice.
// Example: potentials/zhou2004/zhou2004.toml.
#include <map>
#include <string>
#include <vector>

#include "nabridge/base/toml_reader.h"
#include "potentials/zhou_eam.h"

namespace nabridge::potentials {

/// One fitted target as recorded beside fitted parameters (and copied into metadata).
struct FitRecord {
  std::string system, property, target, source;
  double model = 0.0, sigma = 0.0, residual = 0.0;
};

struct ZhouParameterFile {
  std::string path;
  std::string citation, doi, note;
  std::vector<FitRecord> fit;  // [[fit]] tables: targets of the fit that produced the file
  std::map<std::string, ZhouElement> elements;
  /// The element or std::invalid_argument naming the file, the element and those it has.
  const ZhouElement& get(const std::string& symbol) const;
};

/// Throws std::invalid_argument naming the file and the key for any missing/invalid entry.
ZhouParameterFile read_zhou_parameters(const std::string& path);

/// The [[fit]] tables of a parameter file (Zhou parameters, cross terms).
std::vector<FitRecord> read_fit_records(const TomlReader& top);

/// Writes one file (elements sorted by symbol) that read_zhou_parameters reads back exactly
/// (numbers with 17 significant digits).
void write_zhou_parameters(const ZhouParameterFile& file, const std::string& path);

}  // namespace nabridge::potentials
