#include "potentials/eim_charges.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/periodic_pairs.h"

namespace nabridge::potentials {

std::string eim_parameter_file(const PotentialSpec& spec) {
  for (const auto& f : spec.files)
    if (std::filesystem::path(f).filename() == "ffield.eim") return f;
  throw std::invalid_argument(spec.id + ": its commands read no ffield.eim");
}

std::map<std::string, std::string> eim_element_names(const PotentialSpec& spec) {
  std::map<std::string, std::string> names;
  for (std::size_t i = 0; i < spec.elements.size(); ++i)
    names[spec.elements[i]] = spec.type_labels.empty() ? spec.elements[i] : spec.type_labels.at(i);
  return names;
}

EimCharges::EimCharges(const std::string& ffield) {
  std::ifstream in(ffield);
  if (!in) throw std::runtime_error(ffield + ": cannot open");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream w(line);
    std::string tag;
    w >> tag;
    if (tag == "global:") {
      double division;
      w >> division >> rbig_ >> rsmall_;
    } else if (tag == "element:") {
      std::string name;
      double z, mass, x;
      w >> name >> z >> mass >> x;
      chi_[name] = x;
    } else if (tag == "pair:") {
      std::string e1, e2;
      double rcutphiA, rcutphiR, Eb, r0, alpha;
      w >> e1 >> e2 >> rcutphiA >> rcutphiR >> Eb >> r0 >> alpha;
      std::getline(in, line);
      std::istringstream w2(line);
      double beta;
      Eta e;
      w2 >> beta >> e.rcut >> e.A >> e.rs;
      eta_[{e1, e2}] = eta_[{e2, e1}] = e;
      std::getline(in, line);  // Ac zeta rs tp: the psi function, not needed for charges
    }
  }
  if (chi_.empty() || eta_.empty()) throw std::runtime_error(ffield + ": no EIM element/pair entries");
}

double EimCharges::cutoff(double rp, double rc, double r) const {
  const double a = std::erfc((rsmall_ - rbig_) / (rc - rp) * (r - rp) + rbig_);
  return (a - std::erfc(rsmall_)) / (std::erfc(rbig_) - std::erfc(rsmall_));
}

std::vector<double> EimCharges::charges(const Structure& s, const std::map<std::string, std::string>& names) const {
  double rmax = 0.0;
  for (const auto& [k, e] : eta_) rmax = std::max(rmax, e.rcut);
  std::vector<double> q(s.size(), 0.0);
  // eta is symmetric in the pair's parameters and antisymmetric in chi: q_i and q_j change by opposite amounts.
  for (const PeriodicPair& p : periodic_pairs(s, rmax)) {
    if (p.self_image) continue;  // like atoms: chi_j - chi_i = 0
    const std::string& ei = names.at(s.species[static_cast<std::size_t>(p.i)]);
    const std::string& ej = names.at(s.species[static_cast<std::size_t>(p.j)]);
    const Eta& e = eta_.at({ei, ej});
    const double r = std::max(p.r_A, 0.2);
    if (e.rcut <= 0.0 || r >= e.rcut) continue;
    const double dq = e.A * (chi_.at(ej) - chi_.at(ei)) * cutoff(e.rs, e.rcut, r);
    q[static_cast<std::size_t>(p.i)] += dq;
    q[static_cast<std::size_t>(p.j)] -= dq;
  }
  return q;
}

}  // namespace nabridge::potentials
