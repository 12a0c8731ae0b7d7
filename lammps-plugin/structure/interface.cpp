#include "structure/interface.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "nabridge/base/bounds.h"
#include "nabridge/base/constants.h"

namespace nabridge {

namespace {

constexpr double kStrainTieTol = 1e-9;   // strains equal within this are a tie
constexpr double kFracTol = 1e-9;        // fractional coordinate on a cell face

std::string iface_error(const std::string& field, const std::string& what) {
  return "interface: '" + field + "' " + what;
}

Mat2 rotation2(double angle_rad) {
  Mat2 r;
  r << std::cos(angle_rad), -std::sin(angle_rad), std::sin(angle_rad), std::cos(angle_rad);
  return r;
}

/// All index-n sublattices once: upper-triangular Hermite normal forms [[a, b], [0, d]] with
/// a·d = n, 0 ≤ b < a (column operations fix the sublattice; σ(n) matrices).
std::vector<Mat2i> hermite_normal_forms(int n) {
  std::vector<Mat2i> out;
  for (int a = 1; a <= n; ++a) {
    if (n % a != 0) continue;
    for (int b = 0; b < a; ++b) {
      Mat2i m;
      m << a, b, 0, n / a;
      out.push_back(m);
    }
  }
  return out;
}

/// Changes of basis with entries in {−1, 0, 1} and det +1: the candidate maps between the
/// reduced basis of the film sublattice and a nearly reduced one that matches the substrate's
/// (within a few per cent of strain, both bases are reduced or one such step away).
const std::vector<Mat2i>& small_unimodular() {
  static const std::vector<Mat2i> set = [] {
    std::vector<Mat2i> u;
    for (int a = -1; a <= 1; ++a)
      for (int b = -1; b <= 1; ++b)
        for (int c = -1; c <= 1; ++c)
          for (int d = -1; d <= 1; ++d)
            if (a * d - b * c == 1) {
              Mat2i m;
              m << a, b, c, d;
              u.push_back(m);
            }
    return u;
  }();
  return set;
}

/// Largest |s − 1| over the singular values s of D (the principal strains of its stretch),
/// in closed form: s₁² + s₂² = ‖D‖²_F, s₁ s₂ = |det D|. Cheap prefilter for the search.
double max_abs_principal(const Mat2& D) {
  const double f2 = D.squaredNorm(), det = std::abs(D.determinant());
  const double disc = std::sqrt(std::max(0.0, f2 * f2 - 4 * det * det));
  const double s_max = std::sqrt(0.5 * (f2 + disc));
  const double s_min = s_max > 0 ? det / s_max : 0.0;
  return std::max(std::abs(s_max - 1), std::abs(s_min - 1));
}

/// Symmetric square root of a symmetric positive-definite 2×2 matrix.
Mat2 sqrt_spd(const Mat2& A) {
  Eigen::SelfAdjointEigenSolver<Mat2> es(A);
  return es.eigenvectors() * es.eigenvalues().cwiseSqrt().asDiagonal() * es.eigenvectors().transpose();
}

double wrap_angle_deg(double deg) {
  while (deg > 180.0) deg -= 360.0;
  while (deg <= -180.0) deg += 360.0;
  return deg;
}

struct ReducedSupercell {
  Mat2i hnf;
  Mat2i to_reduced;  // reduced = L·hnf·to_reduced
  Mat2 basis;        // reduced basis
};

std::vector<ReducedSupercell> reduced_supercells(const Mat2& L, int index) {
  std::vector<ReducedSupercell> out;
  for (const Mat2i& h : hermite_normal_forms(index)) {
    ReducedSupercell r;
    r.hnf = h;
    r.basis = reduce_basis_2d(L * h.cast<double>(), &r.to_reduced);
    out.push_back(r);
  }
  return out;
}

void check_lattice(const Mat2& L, const char* field) {
  if (!L.allFinite()) throw std::invalid_argument(iface_error(field, "in-plane cell is not finite"));
  const double det = L.determinant();
  if (std::abs(det) < 1e-8 * std::max(1.0, L.squaredNorm()))
    throw std::invalid_argument(iface_error(field, "in-plane cell is singular"));
  if (det < 0) throw std::invalid_argument(iface_error(field, "in-plane cell is left-handed (a × b points along −z)"));
}

}  // namespace

Mat2 reduce_basis_2d(const Mat2& basis, Mat2i* transform) {
  Eigen::Vector2d a = basis.col(0), b = basis.col(1);
  Mat2i U = Mat2i::Identity();  // columns: a, b in units of the input basis
  for (int iter = 0; iter < 1000; ++iter) {
    if (b.squaredNorm() < a.squaredNorm() * (1 - 1e-12)) {  // equal lengths: keep the input order
      std::swap(a, b);
      U.col(0).swap(U.col(1));
    }
    // Stop once |a·b| ≤ |a|²/2: rounding a ratio of exactly ±1/2 would flip b back and forth.
    const double ratio = a.dot(b) / a.squaredNorm();
    if (std::abs(ratio) <= 0.5 + 1e-12) break;
    const double mu = std::round(ratio);
    b -= mu * a;
    U.col(1) -= static_cast<int>(mu) * U.col(0);
  }
  Mat2 reduced;
  reduced << a, b;
  if (reduced.determinant() < 0) {  // keep the handedness of a right-handed lattice
    reduced.col(1) *= -1;
    U.col(1) *= -1;
  }
  if (transform) *transform = U;
  return reduced;
}

Strain2D strain_of_deformation(const Mat2& D) {
  if (!(D.determinant() > 0)) throw std::invalid_argument(iface_error("deformation", "must have det > 0"));
  const Mat2 eps = sqrt_spd(D * D.transpose()) - Mat2::Identity();
  Strain2D s;
  s.xx = eps(0, 0);
  s.yy = eps(1, 1);
  s.xy = 0.5 * (eps(0, 1) + eps(1, 0));
  Eigen::SelfAdjointEigenSolver<Mat2> es(eps);
  const double l0 = es.eigenvalues()(0), l1 = es.eigenvalues()(1);
  s.max_principal = std::abs(l0) > std::abs(l1) ? l0 : l1;
  s.areal = (Mat2::Identity() + eps).determinant() - 1.0;
  return s;
}

LatticeMatch match_lattices(const Mat2& substrate, const Mat2& film, const LatticeMatchOptions& opt,
                            int natoms_substrate, int natoms_film) {
  check_lattice(substrate, "substrate");
  check_lattice(film, "film");
  if (!(opt.max_strain > 0 && opt.max_strain < 0.5))
    throw std::invalid_argument(iface_error("max_strain", "must be in (0, 0.5)"));
  if (!(opt.film_strain_fraction >= 0 && opt.film_strain_fraction <= 1))
    throw std::invalid_argument(iface_error("film_strain_fraction", "must be in [0, 1]"));
  if (!(opt.max_area_A2 >= 0)) throw std::invalid_argument(iface_error("max_area_A2", "must be >= 0"));
  if (opt.max_atoms < 0) throw std::invalid_argument(iface_error("max_atoms", "must be >= 0"));
  if (opt.max_area_A2 == 0 && opt.max_atoms == 0)
    throw std::invalid_argument(iface_error("max_area_A2/max_atoms", "at least one must bound the search (> 0)"));
  if (natoms_substrate < 1 || natoms_film < 1)
    throw std::invalid_argument(iface_error("natoms", "atom counts of the cells must be >= 1"));

  const double A_s = substrate.determinant(), A_f = film.determinant(), t = opt.max_strain;
  // Largest supercell indices the bounds allow (each side needs at least one cell of the other).
  auto bound = [&](double area, int natoms, int other_natoms) {
    long n = 1L << 20;
    if (opt.max_area_A2 > 0) n = std::min(n, static_cast<long>(std::floor(opt.max_area_A2 / area + 1e-9)));
    if (opt.max_atoms > 0) n = std::min(n, static_cast<long>((opt.max_atoms - other_natoms) / natoms));
    return static_cast<int>(std::max(0L, n));
  };
  const int n_max = bound(A_s, natoms_substrate, natoms_film), m_max = bound(A_f, natoms_film, natoms_substrate);
  if (n_max > 20000 || m_max > 20000)
    throw std::invalid_argument(
        iface_error("max_area_A2/max_atoms", "allow more than 20000 cells per side; tighten them"));

  std::vector<std::vector<ReducedSupercell>> film_cells(static_cast<std::size_t>(m_max) + 1);
  struct Best {
    bool found = false;
    double strain = 0, rotation = 0;
    int n = 0, m = 0;
    ReducedSupercell s, f;
    Mat2i u;
    Mat2 D;
  } best;

  for (int n = 1; n <= n_max && !best.found; ++n) {
    const int m_lo = std::max(1, static_cast<int>(std::ceil(n * A_s / (A_f * (1 + t) * (1 + t)) - 1e-9)));
    const int m_hi = std::min(m_max, static_cast<int>(std::floor(n * A_s / (A_f * (1 - t) * (1 - t)) + 1e-9)));
    if (m_lo > m_hi) continue;
    const auto sub_cells = reduced_supercells(substrate, n);
    for (int m = m_lo; m <= m_hi; ++m) {
      if (opt.max_atoms > 0 &&
          static_cast<long>(n) * natoms_substrate + static_cast<long>(m) * natoms_film > opt.max_atoms)
        continue;
      auto& fc = film_cells[static_cast<std::size_t>(m)];
      if (fc.empty()) fc = reduced_supercells(film, m);
      for (const auto& sc : sub_cells)
        for (const auto& f : fc)
          for (const Mat2i& u : small_unimodular()) {
            const Mat2 D = sc.basis * (f.basis * u.cast<double>()).inverse();
            const double strain = max_abs_principal(D);
            if (strain > t + 1e-12) continue;
            const Mat2 V = sqrt_spd(D * D.transpose());
            const Mat2 R = V.inverse() * D;
            const double rot = wrap_angle_deg(std::atan2(R(1, 0), R(0, 0)) * 180.0 / kPi);
            const bool better =
                !best.found || strain < best.strain - kStrainTieTol ||
                (strain <= best.strain + kStrainTieTol && std::abs(rot) < std::abs(best.rotation) - 1e-6);
            if (better) best = {true, strain, rot, n, m, sc, f, u, D};
          }
    }
  }
  if (!best.found) {
    std::ostringstream msg;
    msg << "interface: no supercell pair matches within 'max_strain' = " << t << " under the bounds 'max_atoms' = "
        << opt.max_atoms << ", 'max_area_A2' = " << opt.max_area_A2 << " (substrate index <= " << n_max
        << ", film index <= " << m_max << "); raise a bound or 'max_strain'";
    throw std::invalid_argument(msg.str());
  }

  LatticeMatch match;
  match.substrate_hnf = best.s.hnf;
  match.film_hnf = best.f.hnf;
  match.substrate_index = best.n;
  match.film_index = best.m;
  match.substrate_area_A2 = best.n * A_s;
  match.film_area_A2 = best.m * A_f;
  match.film_rotation_deg = best.rotation;
  Mat2i sub_matrix = best.s.hnf * best.s.to_reduced, film_matrix = best.f.hnf * best.f.to_reduced * best.u;

  // Split the mismatch: the substrate lattice S goes to M S with M = (1 − f) V⁻¹ + f I (it
  // commutes with V), so the substrate's stretch is M and the film's (D = V R) is M V:
  // strains (1 − f)(V⁻¹ − I) and f (V − I), each relative to its own lattice.
  const Mat2 V = sqrt_spd(best.D * best.D.transpose());
  const double f = opt.film_strain_fraction;
  const Mat2 M = (1 - f) * V.inverse() + f * Mat2::Identity();
  const Mat2 common = M * best.s.basis;  // the interface cell in the substrate's frame
  // Interface frame: A ∥ x. Re-reduce (strain can tip a reduced basis over |A·B| ≤ |A|²/2).
  Mat2i to_reduced;
  const Mat2 reduced = reduce_basis_2d(common, &to_reduced);
  const Mat2 Q = rotation2(-std::atan2(reduced(1, 0), reduced(0, 0)));
  match.cell = Q * reduced;
  match.cell(1, 0) = 0.0;  // exactly, not 1e-17
  match.substrate_matrix = sub_matrix * to_reduced;
  match.film_matrix = film_matrix * to_reduced;
  match.substrate_deformation = Q * M;
  match.film_deformation = Q * M * best.D;
  match.mismatch = strain_of_deformation(Q * best.D);
  match.substrate_strain = strain_of_deformation(match.substrate_deformation);
  match.film_strain = strain_of_deformation(match.film_deformation);
  return match;
}

namespace {

void check_slab(const Structure& s, const char* field) {
  s.validate();
  if (s.size() == 0) throw std::invalid_argument(iface_error(field, "has no atoms"));
  if (!s.pbc[0] || !s.pbc[1]) throw std::invalid_argument(iface_error(field, "must be periodic along a and b"));
  const double tol = 1e-9 * s.cell.norm();
  if (std::abs(s.cell(2, 0)) > tol || std::abs(s.cell(2, 1)) > tol)
    throw std::invalid_argument(iface_error(field, "cell vectors a and b must lie in the xy plane (normal along z)"));
  if (std::abs(s.cell(0, 2)) > tol || std::abs(s.cell(1, 2)) > tol || s.cell(2, 2) <= 0)
    throw std::invalid_argument(iface_error(field, "cell vector c must point along +z"));
}

/// The atoms of slab s repeated over the in-plane supercell L·P (L = xy block of s.cell), the
/// in-plane coordinates mapped by `deform`; z kept. free_dofs copied.
struct Block {
  std::vector<std::string> species;
  std::vector<Vec3> r;
  std::vector<std::uint8_t> free;
};

Block supercell_atoms(const Structure& s, const Mat2i& P, const Mat2& deform, const char* field) {
  const Mat2 L = s.cell.topLeftCorner<2, 2>();
  const Mat2 Pd = P.cast<double>(), Linv = L.inverse(), Pinv = Pd.inverse();
  // Integer translations covering the supercell: the bounding box of P's corners.
  Eigen::Vector2d lo(0, 0), hi(0, 0);
  for (const Eigen::Vector2d c :
       {Eigen::Vector2d(Pd.col(0)), Eigen::Vector2d(Pd.col(1)), Eigen::Vector2d(Pd.col(0) + Pd.col(1))})
    lo = lo.cwiseMin(c), hi = hi.cwiseMax(c);
  Block out;
  for (std::size_t a = 0; a < s.size(); ++a) {
    const Vec3 r = s.positions.col(static_cast<Eigen::Index>(a));
    const Eigen::Vector2d g = Linv * r.head<2>();
    const Eigen::Vector2d g0(std::floor(g.x()), std::floor(g.y()));
    for (int i = static_cast<int>(lo.x()) - 1; i <= static_cast<int>(hi.x()) + 1; ++i)
      for (int j = static_cast<int>(lo.y()) - 1; j <= static_cast<int>(hi.y()) + 1; ++j) {
        const Eigen::Vector2d gi = g - g0 + Eigen::Vector2d(i, j);  // slab-cell fractional, shifted
        const Eigen::Vector2d h = Pinv * gi;                         // supercell fractional
        if ((h.array() < -kFracTol).any() || (h.array() >= 1.0 - kFracTol).any()) continue;
        const Eigen::Vector2d xy = deform * (L * gi);
        out.species.push_back(s.species[a]);
        out.r.emplace_back(xy.x(), xy.y(), r.z());
        out.free.push_back(s.free_dofs[a]);
      }
  }
  const auto expected = static_cast<std::size_t>(std::abs(P.determinant())) * s.size();
  if (out.r.size() != expected)
    throw std::logic_error("interface: supercell of the " + std::string(field) + " has " +
                           std::to_string(out.r.size()) + " atoms, expected " + std::to_string(expected));
  return out;
}

}  // namespace

Interface build_interface(const Structure& substrate, const Structure& film, const InterfaceOptions& opt) {
  check_slab(substrate, "substrate");
  check_slab(film, "film");
  if (!(opt.separation_A > 0)) throw std::invalid_argument(iface_error("separation_A", "must be > 0"));
  if (!(opt.vacuum_A >= 0)) throw std::invalid_argument(iface_error("vacuum_A", "must be >= 0"));
  if (!opt.film_shift_A.allFinite()) throw std::invalid_argument(iface_error("film_shift_A", "must be finite"));

  Interface out;
  out.match = match_lattices(substrate.cell.topLeftCorner<2, 2>(), film.cell.topLeftCorner<2, 2>(), opt.match,
                             static_cast<int>(substrate.size()), static_cast<int>(film.size()));
  const LatticeMatch& m = out.match;
  const Block sub = supercell_atoms(substrate, m.substrate_matrix, m.substrate_deformation, "substrate");
  const Block fil = supercell_atoms(film, m.film_matrix, m.film_deformation, "film");
  out.substrate_cell_strained = m.substrate_deformation * substrate.cell.topLeftCorner<2, 2>();

  auto z_range = [](const Block& b) {
    double lo = kRunningMinStart, hi = kRunningMaxStart;
    for (const Vec3& r : b.r) lo = std::min(lo, r.z()), hi = std::max(hi, r.z());
    return std::make_pair(lo, hi);
  };
  const auto [sub_lo, sub_hi] = z_range(sub);
  const auto [fil_lo, fil_hi] = z_range(fil);
  const double z_sub = 0.5 * opt.vacuum_A - sub_lo;                              // substrate bottom at vacuum/2
  const double z_fil = (sub_hi + z_sub) + opt.separation_A - fil_lo;             // film bottom one gap above
  const double height = (fil_hi + z_fil) - (sub_lo + z_sub);

  Structure& s = out.structure;
  s.pbc = {true, true, substrate.pbc[2]};
  s.cell = Mat3::Zero();
  s.cell.topLeftCorner<2, 2>() = m.cell;
  s.cell(2, 2) = height + opt.vacuum_A;
  for (std::size_t i = 0; i < sub.r.size(); ++i) s.add_atom(sub.species[i], sub.r[i] + Vec3(0, 0, z_sub), sub.free[i]);
  for (std::size_t i = 0; i < fil.r.size(); ++i)
    s.add_atom(fil.species[i], fil.r[i] + Vec3(opt.film_shift_A.x(), opt.film_shift_A.y(), z_fil), fil.free[i]);
  s.wrap();
  out.substrate_atoms = sub.r.size();
  out.film_atoms = fil.r.size();
  out.in_film.assign(s.size(), false);
  std::fill(out.in_film.begin() + static_cast<std::ptrdiff_t>(out.substrate_atoms), out.in_film.end(), true);
  out.separation_A = (fil_lo + z_fil) - (sub_hi + z_sub);
  return out;
}

Structure shift_film(const Interface& iface, const Eigen::Vector2d& shift_A) {
  if (iface.in_film.size() != iface.structure.size())
    throw std::invalid_argument(iface_error("in_film", "size differs from the atom count"));
  Structure s = iface.structure;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (iface.in_film[i]) s.positions.block<2, 1>(0, static_cast<Eigen::Index>(i)) += shift_A;
  s.wrap();
  return s;
}

}  // namespace nabridge
