#include "symmetry/surface_cell.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

#include "symmetry/point_index.h"

namespace nabridge {

namespace {

/// Atom positions with the slab made contiguous along c (a slab straddling the cell's top and
/// bottom is unwrapped), after checking that the widest empty gap along z is a vacuum.
std::vector<Vec3> contiguous_positions(const Structure& slab, const SiteOptions& opt) {
  const std::size_t n = slab.size();
  std::vector<Vec3> r(n);
  for (std::size_t i = 0; i < n; ++i) r[i] = slab.positions.col(static_cast<Eigen::Index>(i));
  if (!slab.pbc[2]) return r;
  const Vec3 c = slab.cell.col(2);
  const double height = std::abs(c.z());  // a and b lie in the xy plane: c_z is the cell height
  std::vector<double> z(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = r[i].z() - std::floor(r[i].z() / height) * height;
  std::sort(z.begin(), z.end());
  double gap = z.front() + height - z.back(), start = z.front();
  for (std::size_t i = 0; i + 1 < n; ++i)
    if (z[i + 1] - z[i] > gap) gap = z[i + 1] - z[i], start = z[i + 1];
  if (gap < opt.min_vacuum_A)
    throw std::invalid_argument(fmt::format(
        "sites: the slab has no vacuum: it is periodic along c and its widest empty gap along z is {:.2f} Å "
        "(a free surface needs at least {:.1f} Å); add vacuum above the top layer",
        gap, opt.min_vacuum_A));
  const Vec3 up = c.z() > 0 ? c : Vec3(-c);
  for (std::size_t i = 0; i < n; ++i) r[i] -= std::floor((r[i].z() - start) / height + 1e-9) * up;
  return r;
}

struct Layers {
  std::vector<std::size_t> top, second;
  double z_top_A = 0.0;
};

Layers top_layers(const std::vector<Vec3>& r, const SiteOptions& opt) {
  std::vector<std::size_t> order(r.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return r[a].z() > r[b].z(); });
  Layers l;
  l.z_top_A = r[order.front()].z();
  std::size_t k = 0;
  while (k < order.size() && r[order[k]].z() > l.z_top_A - opt.layer_tol_A) l.top.push_back(order[k++]);
  if (k == order.size()) return l;
  // An atom just below the layer tolerance makes "the top layer" a matter of that tolerance.
  const double z_next = r[order[k]].z();
  if (l.z_top_A - z_next < 2 * opt.layer_tol_A)
    throw std::invalid_argument(fmt::format(
        "sites: the top layer is not flat: an atom lies {:.2f} Å below the topmost one, neither within the layer "
        "tolerance ({:.2f} Å) nor clearly in the layer below (>= {:.2f} Å)",
        l.z_top_A - z_next, opt.layer_tol_A, 2 * opt.layer_tol_A));
  while (k < order.size() && r[order[k]].z() > z_next - opt.layer_tol_A) l.second.push_back(order[k++]);
  return l;
}

/// The lattice spanned by basis and the vector basis · p / q (p integer).
Mat2 lattice_with(const Mat2& basis, const Eigen::Vector2i& p, int q) {
  // Column Euclid on integer vectors in units of basis / q: one column ends up holding the gcd
  // of the first components, the others only second components, whose gcd completes the basis.
  std::vector<Eigen::Vector2i> cols{{q, 0}, {0, q}, p};
  std::size_t pivot = 0;
  for (bool reduced = false; !reduced;) {
    for (std::size_t k = 0; k < cols.size(); ++k)
      if (cols[k].x() != 0 && (cols[pivot].x() == 0 || std::abs(cols[k].x()) < std::abs(cols[pivot].x()))) pivot = k;
    reduced = true;
    for (std::size_t k = 0; k < cols.size(); ++k)
      if (k != pivot && cols[k].x() != 0) {
        cols[k] -= (cols[k].x() / cols[pivot].x()) * cols[pivot];
        reduced = false;
      }
  }
  int h = 0;
  for (std::size_t k = 0; k < cols.size(); ++k)
    if (k != pivot) h = std::gcd(h, std::abs(cols[k].y()));
  Mat2 out;
  out.col(0) = basis * Vec2(cols[pivot].x(), cols[pivot].y()) / q;
  out.col(1) = basis * Vec2(0, h) / q;
  return gauss_reduce(out);
}

/// Whether r + t (t in the plane) is an atom of the same element, for every atom; and, for the
/// top layer, how many atoms it maps and whether every atom it fails on is carried across the
/// supercell's edge (a seam where the cell cuts the surface lattice, not a defect inside it).
struct TranslationCheck {
  bool valid = false;
  std::size_t top_matched = 0;
  bool misses_only_across_edge = true;
};

TranslationCheck check_translation(const Vec2& t, const std::vector<Vec3>& r, const std::vector<int>& type,
                                   const Layers& layers, const PeriodicPointIndex& atoms,
                                   const PlaneLattice& supercell) {
  const Vec3 shift(t.x(), t.y(), 0.0);
  const Vec2 t_f = supercell.fractional(t);
  TranslationCheck c;
  for (std::size_t i : layers.top) {
    if (atoms.find(type[i], r[i] + shift) != PeriodicPointIndex::npos) {
      ++c.top_matched;
      continue;
    }
    const Vec2 g = supercell.fractional(supercell.wrap(r[i].head<2>())) + t_f;
    c.misses_only_across_edge = c.misses_only_across_edge && (g.x() < 0 || g.x() >= 1 || g.y() < 0 || g.y() >= 1);
  }
  if (c.top_matched < layers.top.size()) return c;
  for (std::size_t i = 0; i < r.size(); ++i)
    if (atoms.find(type[i], r[i] + shift) == PeriodicPointIndex::npos) return c;
  c.valid = true;
  return c;
}

/// Reduced basis of the in-plane translations that map the slab onto itself. Candidates are the
/// vectors from one top-layer atom (of its rarest element) to the others of that element,
/// shortest first; one already in the lattice found so far, or differing from a rejected one by
/// such a vector, needs no check, so a perfect slab costs O(N log N) whatever its supercell.
Mat2 translation_lattice(const std::vector<Vec3>& r, const std::vector<int>& type,
                         const std::vector<std::string>& names, const Layers& layers, const PeriodicPointIndex& atoms,
                         const PlaneLattice& supercell, double tol_A) {
  std::map<int, std::size_t> count;
  for (std::size_t i : layers.top) ++count[type[i]];
  int ref_type = type[layers.top.front()];
  for (const auto& [t, n] : count)
    if (n < count[ref_type] ||
        (n == count[ref_type] && names[static_cast<std::size_t>(t)] < names[static_cast<std::size_t>(ref_type)]))
      ref_type = t;
  std::size_t ref = layers.top.front();
  for (std::size_t i : layers.top)
    if (type[i] == ref_type) { ref = i; break; }
  std::vector<Vec2> candidates;
  for (std::size_t i : layers.top)
    if (type[i] == ref_type && i != ref)
      if (const Vec2 d = supercell.shortest((r[i] - r[ref]).head<2>()); d.norm() > tol_A) candidates.push_back(d);
  std::sort(candidates.begin(), candidates.end(),
            [](const Vec2& a, const Vec2& b) { return a.squaredNorm() < b.squaredNorm(); });

  Mat2 lattice = supercell.reduced_A;
  std::vector<Vec2> rejected;
  const int max_denominator = static_cast<int>(count[ref_type]);
  for (const Vec2& d : candidates) {
    const PlaneLattice current(lattice);
    if (current.contains(d, tol_A)) continue;
    bool known_bad = false;
    for (const Vec2& u : rejected) known_bad = known_bad || current.contains(d - u, tol_A);
    if (known_bad) continue;
    // A translation of the slab is a rational combination of the lattice found so far; snapping
    // it to that combination removes the rounding of the atom positions.
    const Vec2 f = current.fractional(d);
    int q = 1;
    Eigen::Vector2i p;
    for (; q <= max_denominator; ++q) {
      p = Eigen::Vector2i(static_cast<int>(std::lround(q * f.x())), static_cast<int>(std::lround(q * f.y())));
      if ((current.cartesian(p.cast<double>() / q) - d).norm() < tol_A) break;
    }
    // One that is no such combination is no translation of the slab, but where it fails on the
    // top layer tells a supercell that cuts the surface lattice from a slab with defects.
    const bool rational = q <= max_denominator;
    const TranslationCheck check =
        check_translation(rational ? current.cartesian(p.cast<double>() / q) : d, r, type, layers, atoms, supercell);
    if (check.valid && rational) {
      lattice = lattice_with(lattice, p, q);
      continue;
    }
    // Most of the top layer maps and the misses (two or more: one could be a vacancy at the
    // edge) all sit at the cell's edge: the cell vectors are not lattice vectors of the surface.
    // Misses inside the cell are defects or relaxations: the slab just has less symmetry.
    const std::size_t missed = layers.top.size() - check.top_matched;
    if (2 * check.top_matched > layers.top.size() && missed >= 2 && check.misses_only_across_edge)
      throw std::invalid_argument(fmt::format(
          "sites: the supercell breaks the surface periodicity: the in-plane translation ({:.3f}, {:.3f}) Å maps {} "
          "of the {} top-layer atoms onto atoms of the same element and fails on the others, all at the cell's edge; "
          "the cell vectors a and b must be lattice vectors of the surface",
          d.x(), d.y(), check.top_matched, layers.top.size()));
    rejected.push_back(d);
  }
  return gauss_reduce(lattice);
}

/// The primitive translations inside the supercell, zero first.
std::vector<Vec2> cell_translations(const PlaneLattice& primitive, const PlaneLattice& supercell) {
  // Integer points of the primitive lattice in the bounding box of the supercell's corners.
  Vec2 lo = Vec2::Zero(), hi = Vec2::Zero();
  const Vec2 a = supercell.basis_A.col(0), b = supercell.basis_A.col(1);
  for (const Vec2& corner : {a, b, Vec2(a + b)}) {
    const Vec2 f = primitive.fractional(corner);
    lo = lo.cwiseMin(f);
    hi = hi.cwiseMax(f);
  }
  constexpr double kEdge = 1e-7;
  std::vector<Vec2> out{Vec2::Zero()};
  for (int i = static_cast<int>(std::floor(lo.x())) - 1; i <= static_cast<int>(std::ceil(hi.x())) + 1; ++i)
    for (int j = static_cast<int>(std::floor(lo.y())) - 1; j <= static_cast<int>(std::ceil(hi.y())) + 1; ++j) {
      if (i == 0 && j == 0) continue;
      const Vec2 v = primitive.cartesian(Vec2(i, j));
      const Vec2 f = supercell.fractional(v);
      if (f.x() >= -kEdge && f.x() < 1 - kEdge && f.y() >= -kEdge && f.y() < 1 - kEdge) out.push_back(v);
    }
  const long expected = std::lround(supercell.area_A2() / primitive.area_A2());
  if (static_cast<long>(out.size()) != expected)
    throw std::logic_error(
        fmt::format("sites: {} primitive cells found in a supercell {} times their area", out.size(), expected));
  return out;
}

/// Rotations and mirrors about z (with their in-plane translations) that map the slab onto
/// itself: the point operations of the primitive lattice, each with the translation that maps
/// a reference atom onto an atom of its element, checked on one primitive cell's atoms (the
/// translations carry the check to the whole slab). Identity first.
std::vector<PlaneOperation> layer_operations(const PlaneLattice& primitive, const PeriodicPointIndex& basis,
                                             const std::vector<std::size_t>& top_basis) {
  const Mat2 P = primitive.basis_A, P_inv = primitive.inverse;
  std::vector<Mat2> rotations{Mat2::Identity()};
  // A reduced basis's lattice automorphisms have entries in {-1, 0, 1}.
  for (int m = 0; m < 81; ++m) {
    Mat2 M;
    M << m % 3 - 1, m / 3 % 3 - 1, m / 9 % 3 - 1, m / 27 % 3 - 1;
    if (std::abs(std::abs(M.determinant()) - 1) > 1e-9 || M.isIdentity()) continue;
    const Mat2 R = P * M * P_inv;
    if ((R.transpose() * R - Mat2::Identity()).norm() < 1e-6) rotations.push_back(R);
  }
  const std::size_t ref = top_basis.front();
  std::vector<PlaneOperation> ops;
  for (const Mat2& R : rotations)
    for (std::size_t j : top_basis) {
      if (basis.type(j) != basis.type(ref)) continue;
      const PlaneOperation op{R, basis.point(j).head<2>() - R * basis.point(ref).head<2>()};
      bool maps = true;
      for (std::size_t k = 0; k < basis.size() && maps; ++k) {
        const Vec3 p = basis.point(k);
        const Vec2 q = op.apply(p.head<2>());
        maps = basis.find(basis.type(k), Vec3(q.x(), q.y(), p.z())) != PeriodicPointIndex::npos;
      }
      if (maps) {
        ops.push_back(op);
        break;  // the other translations for R differ from this one by a lattice vector
      }
    }
  return ops;
}

}  // namespace

std::vector<Vec3> SurfaceCell::primitive_images(const Vec3& r_A) const {
  std::vector<Vec3> out;
  for (const PlaneOperation& op : operations) {
    const Vec2 q = primitive.wrap(op.apply(r_A.head<2>()));
    bool seen = false;
    for (const Vec3& x : out) seen = seen || primitive.shortest(x.head<2>() - q).norm() < same_A;
    if (!seen) out.emplace_back(q.x(), q.y(), r_A.z());
  }
  return out;
}

std::vector<Vec3> SurfaceCell::supercell_images(const Vec3& r_A) const {
  std::vector<Vec3> out;
  for (const Vec3& p : primitive_images(r_A))
    for (const Vec2& t : cell_translations_A) {
      const Vec2 q = supercell.wrap(p.head<2>() + t);
      out.emplace_back(q.x(), q.y(), r_A.z());
    }
  return out;
}

SurfaceCell surface_cell(const Structure& slab, const SiteOptions& opt) {
  slab.validate();
  if (slab.size() == 0) throw std::invalid_argument("sites: the slab has no atoms");
  if (!slab.pbc[0] || !slab.pbc[1]) throw std::invalid_argument("sites: the slab must be periodic along a and b");
  if (std::abs(slab.cell(2, 0)) > 1e-6 || std::abs(slab.cell(2, 1)) > 1e-6)
    throw std::invalid_argument(fmt::format(
        "sites: the cell vectors a and b must lie in the surface (xy) plane, the surface normal along z "
        "(a_z = {:.4g} Å, b_z = {:.4g} Å)",
        slab.cell(2, 0), slab.cell(2, 1)));
  const std::vector<Vec3> r = contiguous_positions(slab, opt);
  std::map<std::string, int> type_of;
  std::vector<std::string> names;
  std::vector<int> type(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto [it, added] = type_of.emplace(slab.species[i], static_cast<int>(names.size()));
    if (added) names.push_back(slab.species[i]);
    type[i] = it->second;
  }
  const Layers layers = top_layers(r, opt);

  SurfaceCell sc;
  sc.supercell = PlaneLattice(slab.cell.topLeftCorner<2, 2>());
  sc.z_top_A = layers.z_top_A;
  sc.same_A = 10 * opt.symprec_A;
  PeriodicPointIndex atoms(sc.supercell, opt.symprec_A);
  for (std::size_t i = 0; i < r.size(); ++i) atoms.insert(type[i], r[i]);
  sc.primitive = PlaneLattice(translation_lattice(r, type, names, layers, atoms, sc.supercell, opt.symprec_A));
  sc.cell_translations_A = cell_translations(sc.primitive, sc.supercell);

  // One primitive cell's atoms: the first atom of each translation class.
  PeriodicPointIndex basis(sc.primitive, opt.symprec_A);
  std::vector<int> layer_of(r.size(), 2);
  for (std::size_t i : layers.top) layer_of[i] = 0;
  for (std::size_t i : layers.second) layer_of[i] = 1;
  std::vector<std::size_t> top_basis;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (basis.find(type[i], r[i]) != PeriodicPointIndex::npos) continue;
    const Vec2 w = sc.primitive.wrap(r[i].head<2>());
    const Vec3 p(w.x(), w.y(), r[i].z());
    const std::size_t k = basis.insert(type[i], p);
    if (layer_of[i] == 0) top_basis.push_back(k);
    if (layer_of[i] < 2) (layer_of[i] == 0 ? sc.top : sc.second).push_back({slab.species[i], p});
  }
  if (basis.size() * sc.cell_translations_A.size() != r.size())
    throw std::invalid_argument(
        fmt::format("sites: {} atoms are not {} primitive cells of {} atoms: atoms overlap or are "
                    "missing",
                    r.size(), sc.cell_translations_A.size(), basis.size()));
  sc.operations = layer_operations(sc.primitive, basis, top_basis);
  return sc;
}

}  // namespace nabridge
