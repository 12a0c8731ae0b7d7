#include "engines/pair_engine.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/periodic_pairs.h"

namespace nabridge {

namespace {
std::pair<std::string, std::string> key(const std::string& a, const std::string& b) {
  return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
}
}  // namespace

void PairEngine::set_pair(const std::string& a, const std::string& b, PairTerm term) {
  double slope_at_cutoff = 0.0;  // φ'(rc): not needed, the shift is a constant
  const double shift_eV = term.shift ? term.phi(term.cutoff_A, slope_at_cutoff) : 0.0;
  terms_[key(a, b)] = {std::move(term), shift_eV};
}

const PairEngine::ShiftedTerm* PairEngine::find(const std::string& a, const std::string& b) const {
  auto it = terms_.find(key(a, b));
  return it == terms_.end() ? nullptr : &it->second;
}

void PairEngine::compute(const Structure& s, Evaluation& out, bool want_virial) {
  double rc_max = 0.0;
  for (const auto& [k, t] : terms_) rc_max = std::max(rc_max, t.term.cutoff_A);
  out.energy_eV = 0.0;
  out.forces_eV_A.setZero(3, static_cast<Eigen::Index>(s.size()));
  Mat3 virial = Mat3::Zero();
  for (const PeriodicPair& p : periodic_pairs(s, rc_max)) {
    const ShiftedTerm* t = find(s.species[p.i], s.species[p.j]);
    if (!t || p.r_A >= t->term.cutoff_A) continue;
    double dphi = 0.0;
    // Self-images (i == j) are visited twice (±image), so each counts half.
    const double w = p.self_image ? 0.5 : 1.0;
    out.energy_eV += w * (t->term.phi(p.r_A, dphi) - t->shift_eV);
    const Vec3 f_on_j = -w * dphi / p.r_A * p.d_A;
    out.forces_eV_A.col(p.j) += f_on_j;
    out.forces_eV_A.col(p.i) -= f_on_j;
    if (want_virial) virial += p.d_A * f_on_j.transpose();
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
