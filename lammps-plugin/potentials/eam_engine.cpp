#include "potentials/eam_engine.h"

#include <cmath>
#include <stdexcept>

namespace nabridge::potentials {

namespace {
struct Neighbor {
  Eigen::Index i, j;
  Vec3 d;       // r_j − r_i (image included)
  double r;
  bool self;    // i == j: a periodic image of the atom itself
};

/// All pairs within rc. Pairs (i, j) with i < j appear once; self-images appear once per image
/// vector n ≠ 0 (both n and −n), so their pair energy carries a factor ½.
std::vector<Neighbor> neighbours(const Structure& s, double rc) {
  int reach[3] = {0, 0, 0};
  const double volume = s.volume_A3();
  for (int k = 0; k < 3; ++k) {
    if (!s.pbc[k]) continue;
    const Vec3 cross = s.cell.col((k + 1) % 3).cross(s.cell.col((k + 2) % 3));
    reach[k] = static_cast<int>(std::ceil(rc / (volume / cross.norm()) + 0.5));
  }
  const Positions frac = s.cell.inverse() * s.positions;
  const double rc2 = rc * rc;
  std::vector<Neighbor> out;
  const auto n = static_cast<Eigen::Index>(s.size());
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i; j < n; ++j) {
      Vec3 df = frac.col(j) - frac.col(i);
      for (int k = 0; k < 3; ++k)
        if (s.pbc[k]) df[k] -= std::round(df[k]);
      const Vec3 base = s.cell * df;
      for (int a = -reach[0]; a <= reach[0]; ++a)
        for (int b = -reach[1]; b <= reach[1]; ++b)
          for (int c = -reach[2]; c <= reach[2]; ++c) {
            if (i == j && a == 0 && b == 0 && c == 0) continue;
            const Vec3 d = base + s.cell * Vec3(a, b, c);
            const double r2 = d.squaredNorm();
            if (r2 >= rc2) continue;
            out.push_back({i, j, d, std::sqrt(r2), i == j});
          }
    }
  return out;
}
}  // namespace

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
  const auto nbr = neighbours(s, model_.cutoff_A());

  rho_.assign(n, 0.0);
  for (const auto& p : nbr) {
    if (p.self) {
      rho_[p.i] += model_.density(types_[p.i], p.r);
    } else {
      rho_[p.i] += model_.density(types_[p.j], p.r);
      rho_[p.j] += model_.density(types_[p.i], p.r);
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
    const double phi = model_.pair(ti, tj, p.r, &dphi);
    model_.density(tj, p.r, &dfj);  // j's density at i
    double dE_dr;
    if (p.self) {
      energy += 0.5 * phi;
      dE_dr = 0.5 * dphi + dF_[p.i] * dfj;  // per visit; the −n image gives the mirror term
    } else {
      model_.density(ti, p.r, &dfi);
      energy += phi;
      dE_dr = dphi + dF_[p.i] * dfj + dF_[p.j] * dfi;
    }
    const Vec3 f_on_j = -dE_dr / p.r * p.d;
    out.forces_eV_A.col(p.j) += f_on_j;
    out.forces_eV_A.col(p.i) -= f_on_j;
    if (want_virial) virial += p.d * f_on_j.transpose();
  }
  if (!std::isfinite(energy)) throw std::runtime_error(describe() + ": non-finite energy");
  out.energy_eV = energy;
  if (want_virial) out.virial_eV = virial;
  else out.virial_eV.reset();
}

}  // namespace nabridge::potentials
