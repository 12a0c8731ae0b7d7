#pragma once
// Charges of the embedded-ion method, q_i = Σ_j A_η,ij (χ_j − χ_i) f_c(r_ij; r_s,η, r_c,η)
// (Zhou & Doty, Phys. Rev. B 78, 224307 (2008)), from the ffield.eim a pair_style eim potential
// reads (the file format and cutoff function of LAMMPS pair_eim.cpp). LAMMPS computes these
// charges internally and does not expose them; this reproduces them for reports.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/potential_spec.h"
#include "core/structure.h"

namespace nabridge::potentials {

/// The ffield.eim among the files a potential's commands read; std::invalid_argument naming the
/// potential when there is none.
std::string eim_parameter_file(const PotentialSpec& spec);

/// NaBridge element -> the EIM element name of the potential's pair_coeff (its type_labels, e.g.
/// I -> Id; the symbol itself when the potential has none).
std::map<std::string, std::string> eim_element_names(const PotentialSpec& spec);

class EimCharges {
 public:
  /// Reads the global, element and pair entries; std::runtime_error for a file that cannot be
  /// opened or has no element or pair entry.
  explicit EimCharges(const std::string& ffield);

  /// Charges (e) of every atom of s; `names` maps NaBridge element -> EIM element name.
  /// std::out_of_range for an element (or pair) the file lacks.
  std::vector<double> charges(const Structure& s, const std::map<std::string, std::string>& names) const;

 private:
  struct Eta {
    double rcut = 0.0, A = 0.0, rs = 0.0;
  };
  double cutoff(double rp, double rc, double r) const;
  double rbig_ = 0.0, rsmall_ = 0.0;
  std::map<std::string, double> chi_;  // EIM element name -> electronegativity
  std::map<std::pair<std::string, std::string>, Eta> eta_;
};

}  // namespace nabridge::potentials
