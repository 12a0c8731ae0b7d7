#pragma once
// An EAM model as functions of r and ρ: the density f_{j→i}(r) an atom of element j gives an
// atom of element i, per element the embedding F_i(ρ), per pair φ_ij(r), all truncated at one
// cutoff. When f_{j→i} does not depend on the receiving element i the model tabulates as a LAMMPS
// eam/alloy setfl, otherwise as eam/fs (Finnis–Sinclair form). The analytic engine (EamEngine),
// the setfl writer and the fitters all work on this interface.
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
  /// Density an atom of element `donor` contributes at an atom of element `receiver`.
  virtual double density(std::size_t donor, std::size_t receiver, double r_A, double* d_dr = nullptr) const = 0;
  /// True when some f_{j→i} depends on i (the model then needs eam/fs).
  virtual bool density_depends_on_receiver() const = 0;
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

/// Correction of one unlike pair a–b on top of the alloy rule: φ_ab(r) = scale · φ_rule(r / stretch),
/// and the partner's density felt at an atom of element e scaled by density_at[e] and stretched
/// in range by density_stretch (f_{b→a}(r) = density_at[a] · f_b(r / density_stretch), the same
/// range both ways). The density factors are the Finnis–Sinclair freedom an eam/alloy pair term
/// lacks: the embedding makes them count less per neighbour the more neighbours there are, which a
/// pair term cannot (an adatom with three neighbours and a compound with twelve). The range sets
/// how much the far neighbours of a site count against the near ones (a fourfold hollow with its
/// neighbours at 3.0 Å against a threefold one at 2.8 Å). scale = stretch = density_stretch = 1 and
/// no density factor is the unmodified Zhou rule.
struct CrossTerm {
  double scale = 1.0;
  double stretch = 1.0;
  std::map<std::string, double> density_at;  // receiving element → factor (absent: 1)
  double density_stretch = 1.0;
  double density_factor_at(const std::string& receiver) const;
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
  double density(std::size_t donor, std::size_t receiver, double r_A, double* d_dr = nullptr) const override;
  bool density_depends_on_receiver() const override;
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
  std::vector<double> density_factor_;                              // [receiver·n + donor]
  std::vector<double> density_stretch_;                             // [receiver·n + donor]
};

}  // namespace nabridge::potentials
