#include "protocols/htst.h"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "core/elements.h"

namespace nabridge {

std::vector<std::size_t> atoms_near(const Structure& s, std::size_t centre, double radius_A) {
  std::vector<std::size_t> out{centre};
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != centre && s.free_dofs[i] != dof::kNone &&
        minimum_image(s, s.positions.col(static_cast<Eigen::Index>(i)) - s.positions.col(static_cast<Eigen::Index>(centre))).norm() < radius_A)
      out.push_back(i);
  return out;
}

namespace {

struct Coordinate {
  Eigen::Index atom;
  int dim;
};

/// The coordinates of `atoms` their free_dofs leave free: a held coordinate is not a vibration.
std::vector<Coordinate> free_coordinates(const Structure& s, const std::vector<std::size_t>& atoms) {
  static constexpr std::uint8_t kAxis[3] = {dof::kX, dof::kY, dof::kZ};
  std::vector<Coordinate> out;
  for (std::size_t a : atoms)
    for (int dim = 0; dim < 3; ++dim)
      if (s.free_dofs[a] & kAxis[dim]) out.push_back({static_cast<Eigen::Index>(a), dim});
  return out;
}

/// The mass of atom `atom` of s (amu), from its element.
double mass_of(const Structure& s, Eigen::Index atom) {
  return atomic_mass_amu(element_of(s.species[static_cast<std::size_t>(atom)]));
}

/// A mass-weighted eigenvector over the coordinates q as atomic displacements (x = v/√m),
/// scaled so that the atom that moves most moves 1 Å.
Eigen::Matrix3Xd cartesian_pattern(const Structure& s, const std::vector<Coordinate>& q, const Eigen::VectorXd& v) {
  Eigen::Matrix3Xd d = Eigen::Matrix3Xd::Zero(3, s.positions.cols());
  for (std::size_t c = 0; c < q.size(); ++c)
    d(q[c].dim, q[c].atom) = v[static_cast<Eigen::Index>(c)] / std::sqrt(mass_of(s, q[c].atom));
  return d / d.colwise().norm().maxCoeff();
}

}  // namespace

ModeAnalysis normal_modes(Engine& engine, const Structure& s, const std::vector<std::size_t>& atoms, double h_A) {
  const std::vector<Coordinate> q = free_coordinates(s, atoms);
  const auto n = static_cast<Eigen::Index>(q.size());
  if (n == 0) throw std::invalid_argument("normal modes: no free coordinate among the selected atoms");
  Eigen::MatrixXd H(n, n);
  Structure work = s;
  Evaluation plus, minus;
  for (Eigen::Index c = 0; c < n; ++c) {
    const Coordinate qc = q[static_cast<std::size_t>(c)];
    work.positions(qc.dim, qc.atom) = s.positions(qc.dim, qc.atom) + h_A;
    engine.evaluate(work, plus);
    work.positions(qc.dim, qc.atom) = s.positions(qc.dim, qc.atom) - h_A;
    engine.evaluate(work, minus);
    work.positions(qc.dim, qc.atom) = s.positions(qc.dim, qc.atom);
    for (Eigen::Index r = 0; r < n; ++r) {
      const Coordinate qr = q[static_cast<std::size_t>(r)];
      H(r, c) = -(plus.forces_eV_A(qr.dim, qr.atom) - minus.forces_eV_A(qr.dim, qr.atom)) / (2 * h_A);
    }
  }
  H = 0.5 * (H + H.transpose()).eval();
  for (Eigen::Index r = 0; r < n; ++r)
    for (Eigen::Index c = 0; c < n; ++c)
      H(r, c) /= std::sqrt(mass_of(s, q[static_cast<std::size_t>(r)].atom) *
                           mass_of(s, q[static_cast<std::size_t>(c)].atom));
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(H);
  ModeAnalysis m;
  const double tol = 1e-6 * std::max(1.0, eig.eigenvalues().cwiseAbs().maxCoeff());
  for (Eigen::Index k = 0; k < n; ++k) {
    const double lambda = eig.eigenvalues()[k];
    if (lambda < -tol) {
      ++m.imaginary_modes;
      m.unstable_directions.push_back(cartesian_pattern(s, q, eig.eigenvectors().col(k)));
    } else if (lambda > tol) {
      m.frequencies_Hz.push_back(std::sqrt(lambda * kEvPerA2Amu_to_s2) / (2 * kPi));
    }
  }
  return m;
}

VineyardResult vineyard_prefactor(Engine& engine, const Structure& minimum, const Structure& saddle,
                                  const std::vector<std::size_t>& atoms, double h_A) {
  const ModeAnalysis a = normal_modes(engine, minimum, atoms, h_A);
  return vineyard_prefactor(a, normal_modes(engine, saddle, atoms, h_A));
}

VineyardResult vineyard_prefactor(const ModeAnalysis& a, const ModeAnalysis& b) {
  VineyardResult r;
  if (a.imaginary_modes != 0) {
    r.message = fmt::format("the minimum has {} imaginary mode(s): not a minimum", a.imaginary_modes);
    return r;
  }
  if (b.imaginary_modes != 1) {
    r.message = fmt::format("the saddle has {} imaginary modes (a first-order saddle has exactly 1)", b.imaginary_modes);
    return r;
  }
  if (a.frequencies_Hz.size() != b.frequencies_Hz.size() + 1) {
    r.message = fmt::format("mode count mismatch: {} real modes at the minimum, {} at the saddle", a.frequencies_Hz.size(),
                            b.frequencies_Hz.size());
    return r;
  }
  // Ratio of products as a product of ratios (no overflow for many modes).
  double nu = a.frequencies_Hz.back();
  for (std::size_t k = 0; k + 1 < a.frequencies_Hz.size(); ++k) nu *= a.frequencies_Hz[k] / b.frequencies_Hz[k];
  r.nu_Hz = nu;
  r.valid = true;
  return r;
}

double hop_rate_Hz(double nu_Hz, double Ea_eV, double T_K) {
  if (!(T_K > 0)) throw std::invalid_argument("hop rate: temperature must be > 0 K");
  return nu_Hz * std::exp(-Ea_eV / (kBoltzmann_eV_K * T_K));
}

double lattice_diffusivity_m2_s(const std::vector<double>& lengths_A, const std::vector<double>& rates_Hz, int dimension) {
  if (lengths_A.size() != rates_Hz.size()) throw std::invalid_argument("diffusivity: lengths and rates differ in count");
  double sum = 0;
  for (std::size_t k = 0; k < lengths_A.size(); ++k) sum += lengths_A[k] * lengths_A[k] * 1e-20 * rates_Hz[k];
  return sum / (2.0 * dimension);
}

}  // namespace nabridge
