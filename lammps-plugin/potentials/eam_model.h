#pragma once
// An EAM model as functions of r and ρ: per element the density f_i(r) and embedding F_i(ρ),
// per pair φ_ij(r), all truncated at one cutoff (as a LAMMPS eam/alloy setfl is). The analytic
// engine (EamEngine), the setfl writer and the fitters all work on this interface.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "potentials/zhou_eam.h"

namespace nabridge::potentials {

class EamModel {
 public:
  virtual ~EamModel() = default;
  virtual std::size_t size() const = 0;
  virtual const std::string& element(std::size_t i) const = 0;
  virtual double cutoff_A() const = 0;
  virtual double density(std::size_t i, double r_A, double* d_dr = nullptr) const = 0;
  virtual double embedding(std::size_t i, double rho, double* d_drho = nullptr) const = 0;
  virtual double pair(std::size_t i, std::size_t j, double r_A, double* d_dr = nullptr) const = 0;
  /// Setfl per-element line: atomic number, mass, reference lattice constant and lattice name.
  virtual int atomic_number(std::size_t i) const = 0;
  virtual double mass_amu(std::size_t i) const = 0;
  virtual double lattice_constant_A(std::size_t i) const = 0;
  virtual std::string lattice(std::size_t i) const = 0;
  /// Index of an element; throws std::invalid_argument naming it and the model's elements.
  std::size_t index(const std::string& symbol) const;
};

/// Correction of one unlike pair on top of the alloy rule: φ_ab(r) = scale · φ_rule(r / stretch).
/// scale = stretch = 1 is the unmodified Zhou rule.
struct CrossTerm {
  double scale = 1.0;
  double stretch = 1.0;
};

/// Zhou–Johnson–Wadley elements mixed by the Zhou alloy rule, with optional per-pair corrections.
class ZhouAlloyModel : public EamModel {
 public:
  /// cutoff_A <= 0: Zhou's choice √10/2 · a_max with a = √2 re (between the 3rd and 4th fcc shells
  /// of the element with the largest re), as in his create.f.
  explicit ZhouAlloyModel(std::vector<ZhouElement> elements, double cutoff_A = 0.0);

  std::size_t size() const override { return elements_.size(); }
  const std::string& element(std::size_t i) const override { return elements_.at(i).symbol; }
  double cutoff_A() const override { return cutoff_A_; }
  double density(std::size_t i, double r_A, double* d_dr = nullptr) const override;
  double embedding(std::size_t i, double rho, double* d_drho = nullptr) const override;
  double pair(std::size_t i, std::size_t j, double r_A, double* d_dr = nullptr) const override;
  int atomic_number(std::size_t i) const override { return elements_.at(i).atomic_number; }
  double mass_amu(std::size_t i) const override { return elements_.at(i).mass_amu; }
  double lattice_constant_A(std::size_t i) const override;
  std::string lattice(std::size_t i) const override { return elements_.at(i).lattice; }

  const ZhouElement& zhou(std::size_t i) const { return elements_.at(i); }
  void set_cross(const std::string& a, const std::string& b, CrossTerm t);
  CrossTerm cross(const std::string& a, const std::string& b) const;
  const std::map<std::pair<std::string, std::string>, CrossTerm>& cross_terms() const { return cross_; }

 private:
  std::vector<ZhouElement> elements_;
  double cutoff_A_;
  std::map<std::pair<std::string, std::string>, CrossTerm> cross_;  // key: ordered symbols
  std::vector<CrossTerm> cross_table_;                              // n×n lookup
};

}  // namespace nabridge::potentials
