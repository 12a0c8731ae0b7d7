#include "engines/pair_engine.h"

#include <cmath>
#include <stdexcept>

namespace nabridge {

namespace {
std::pair<std::string, std::string> key(const std::string& a, const std::string& b) {
  return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
}
}  // namespace

void PairEngine::set_pair(const std::string& a, const std::string& b, PairTerm term) {
  terms_[key(a, b)] = std::move(term);
}

const PairTerm* PairEngine::find(const std::string& a, const std::string& b) const {
  auto it = terms_.find(key(a, b));
  return it == terms_.end() ? nullptr : &it->second;
}

void PairEngine::compute(const Structure& s, Evaluation& out, bool want_virial) {
  const auto n = static_cast<Eigen::Index>(s.size());
  double rc_max = 0.0;
  for (const auto& [k, t] : terms_) rc_max = std::max(rc_max, t.cutoff_A);

  // Each pair's displacement is first reduced to fractional components in [-1/2, 1/2] along
  // periodic directions, so positions need not be wrapped. Images needed to cover the cutoff:
  // along direction k the cell's thickness is V / |b × c| etc., and an image n can be within rc
  // only if (|n| − 1/2) · thickness < rc.
  int reach[3] = {0, 0, 0};
  const double volume = s.volume_A3();
  for (int k = 0; k < 3; ++k) {
    if (!s.pbc[k]) continue;
    const Vec3 cross = s.cell.col((k + 1) % 3).cross(s.cell.col((k + 2) % 3));
    reach[k] = static_cast<int>(std::ceil(rc_max / (volume / cross.norm()) + 0.5));
  }
  const Positions frac = s.cell.inverse() * s.positions;

  out.energy_eV = 0.0;
  out.forces_eV_A.setZero(3, n);
  Mat3 virial = Mat3::Zero();
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = i; j < n; ++j) {
      const PairTerm* t = find(s.species[i], s.species[j]);
      if (!t) continue;
      const double rc2 = t->cutoff_A * t->cutoff_A;
      double dummy = 0.0;
      const double e_shift = t->shift ? t->phi(t->cutoff_A, dummy) : 0.0;
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
            const double r = std::sqrt(r2);
            double dphi = 0.0;
            // Self-images (i == j) are visited twice (±image), so each counts half.
            const double w = (i == j) ? 0.5 : 1.0;
            out.energy_eV += w * (t->phi(r, dphi) - e_shift);
            const Vec3 f_on_j = -w * dphi / r * d;
            out.forces_eV_A.col(j) += f_on_j;
            out.forces_eV_A.col(i) -= f_on_j;
            if (want_virial) virial += d * f_on_j.transpose();
          }
    }
  }
  if (!std::isfinite(out.energy_eV)) throw std::runtime_error(describe() + ": non-finite energy");
  if (want_virial) out.virial_eV = virial;
  else out.virial_eV.reset();
}

LennardJonesEngine::LennardJonesEngine(const std::string& element, double epsilon_eV, double sigma_A,
                                       double cutoff_A, bool shift)
    : LennardJonesEngine() {
  set(element, element, epsilon_eV, sigma_A, cutoff_A, shift);
}

void LennardJonesEngine::set(const std::string& a, const std::string& b, double epsilon_eV,
                             double sigma_A, double cutoff_A, bool shift) {
  PairTerm t;
  t.cutoff_A = cutoff_A;
  t.shift = shift;
  t.phi = [epsilon_eV, sigma_A](double r, double& dphi_dr) {
    const double sr6 = std::pow(sigma_A / r, 6);
    dphi_dr = 4.0 * epsilon_eV * (-12.0 * sr6 * sr6 + 6.0 * sr6) / r;
    return 4.0 * epsilon_eV * (sr6 * sr6 - sr6);
  };
  set_pair(a, b, std::move(t));
}

MorseEngine::MorseEngine(const std::string& element, double D0_eV, double alpha_per_A, double r0_A,
                         double cutoff_A, bool shift)
    : MorseEngine() {
  set(element, element, D0_eV, alpha_per_A, r0_A, cutoff_A, shift);
}

void MorseEngine::set(const std::string& a, const std::string& b, double D0_eV, double alpha_per_A,
                      double r0_A, double cutoff_A, bool shift) {
  PairTerm t;
  t.cutoff_A = cutoff_A;
  t.shift = shift;
  t.phi = [D0_eV, alpha_per_A, r0_A](double r, double& dphi_dr) {
    const double e1 = std::exp(-alpha_per_A * (r - r0_A));
    dphi_dr = D0_eV * (-2.0 * alpha_per_A * e1 * e1 + 2.0 * alpha_per_A * e1);
    return D0_eV * (e1 * e1 - 2.0 * e1);
  };
  set_pair(a, b, std::move(t));
}

}  // namespace nabridge
