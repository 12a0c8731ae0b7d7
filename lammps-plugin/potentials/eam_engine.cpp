#include "potentials/eam_engine.h"

#include <cmath>
#include <stdexcept>

#include "core/periodic_pairs.h"

namespace nabridge::potentials {

EamEngine::EamEngine(const EamModel& model) : model_(model) {}

std::string EamEngine::describe() const {
  std::string d = "analytic eam (";
  for (std::size_t i = 0; i < model_.size(); ++i) d += (i ? " " : "") + model_.element(i);
  return d + ")";
}

void EamEngine::compute(const Structure& s, Evaluation& out, bool want_virial) {
  s.validate();
  const std::size_t n = s.size();
  types_.resize(n);
  for (std::size_t i = 0; i < n; ++i) types_[i] = model_.index(s.species[i]);
  const auto nbr = periodic_pairs(s, model_.cutoff_A());

  rho_.assign(n, 0.0);
  for (const auto& p : nbr) {
    if (p.self_image) {
      rho_[p.i] += model_.density(types_[p.i], types_[p.i], p.r_A);
    } else {
      rho_[p.i] += model_.density(types_[p.j], types_[p.i], p.r_A);
      rho_[p.j] += model_.density(types_[p.i], types_[p.j], p.r_A);
    }
  }
  double energy = 0.0;
  dF_.resize(n);
  for (std::size_t i = 0; i < n; ++i) energy += model_.embedding(types_[i], rho_[i], &dF_[i]);

  out.forces_eV_A.setZero(3, static_cast<Eigen::Index>(n));
  Mat3 virial = Mat3::Zero();
  for (const auto& p : nbr) {
    const std::size_t ti = types_[p.i], tj = types_[p.j];
    double dphi = 0.0, dfi = 0.0, dfj = 0.0;
    const double phi = model_.pair(ti, tj, p.r_A, &dphi);
    model_.density(tj, ti, p.r_A, &dfj);  // j's density at i
    double dE_dr;
    if (p.self_image) {
      energy += 0.5 * phi;
      dE_dr = 0.5 * dphi + dF_[p.i] * dfj;  // per visit; the −n image gives the mirror term
    } else {
      model_.density(ti, tj, p.r_A, &dfi);  // i's density at j
      energy += phi;
      dE_dr = dphi + dF_[p.i] * dfj + dF_[p.j] * dfi;
    }
    const Vec3 f_on_j = -dE_dr / p.r_A * p.d_A;
    out.forces_eV_A.col(p.j) += f_on_j;
    out.forces_eV_A.col(p.i) -= f_on_j;
    if (want_virial) virial += p.d_A * f_on_j.transpose();
  }
  if (!std::isfinite(energy)) throw std::runtime_error(describe() + ": non-finite energy");
  out.energy_eV = energy;
  if (want_virial) out.virial_eV = virial;
  else out.virial_eV.reset();
}

}  // namespace nabridge::potentials
