#include "structure/slab.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "nabridge/base/bounds.h"

namespace nabridge {

namespace {

constexpr double kPlaneTol_A = 1e-6;   // a lattice vector lies in the surface plane
constexpr double kLayerTol_A = 1e-3;   // atoms of one ideal layer have equal heights

std::string slab_error(const std::string& field, const std::string& what) {
  return "slab: '" + field + "' " + what;
}

/// Fractional translations that map the bulk crystal onto itself (0 included): the centring
/// vectors of fcc/bcc conventional cells, so the surface cell found below is primitive.
std::vector<Vec3> pure_translations(const Structure& bulk) {
  const Mat3 inv = bulk.cell.inverse();
  std::vector<Vec3> frac(bulk.size());
  for (std::size_t i = 0; i < bulk.size(); ++i) frac[i] = inv * bulk.positions.col(static_cast<Eigen::Index>(i));
  auto same_point = [](Vec3 d) {
    for (int k = 0; k < 3; ++k) d[k] -= std::round(d[k]);
    return d.norm() < 1e-6;
  };
  std::vector<Vec3> result;
  for (std::size_t j = 0; j < bulk.size(); ++j) {
    if (bulk.species[j] != bulk.species[0]) continue;
    const Vec3 t = frac[j] - frac[0];
    bool maps = true;
    for (std::size_t i = 0; i < bulk.size() && maps; ++i) {
      bool found = false;
      for (std::size_t k = 0; k < bulk.size() && !found; ++k)
        found = bulk.species[k] == bulk.species[i] && same_point(frac[i] + t - frac[k]);
      maps = found;
    }
    if (maps) result.push_back(t);
  }
  return result;
}

/// Reduced chemical formula of a layer, elements in the bulk's order: "TiO2", "BaO", "Al".
std::string composition(const std::vector<std::string>& species, const std::vector<std::string>& order) {
  std::map<std::string, int> count;
  for (const auto& s : species) ++count[s];
  int g = 0;
  for (const auto& [e, n] : count) g = std::gcd(g, n);
  std::string formula;
  for (const auto& e : order) {
    auto it = count.find(e);
    if (it == count.end()) continue;
    formula += e;
    if (it->second / g > 1) formula += std::to_string(it->second / g);
  }
  return formula;
}

struct OrientedCell {
  Vec3 v1, v2, v3;   // lattice vectors, v1 and v2 in the plane, v3·n̂ > 0 minimal
  Vec3 normal;       // unit surface normal
};

OrientedCell orient(const Structure& bulk, const Eigen::Vector3i& miller) {
  const Mat3 reciprocal = bulk.cell.inverse().transpose();  // columns b_i with a_i·b_j = δ_ij
  OrientedCell oc;
  oc.normal = (reciprocal * miller.cast<double>()).normalized();
  const auto translations = pure_translations(bulk);
  const int reach = miller.cwiseAbs().maxCoeff() + 2;

  std::vector<Vec3> in_plane, out_of_plane;
  for (int i = -reach; i <= reach; ++i)
    for (int j = -reach; j <= reach; ++j)
      for (int k = -reach; k <= reach; ++k)
        for (const Vec3& t : translations) {
          const Vec3 v = bulk.cell * (Vec3(i, j, k) + t);
          if (v.norm() < 1e-9) continue;
          const double h = v.dot(oc.normal);
          if (std::abs(h) < kPlaneTol_A) in_plane.push_back(v);
          else if (h > 0) out_of_plane.push_back(v);
        }
  auto shorter = [](const Vec3& a, const Vec3& b) {
    if (std::abs(a.norm() - b.norm()) > 1e-9) return a.norm() < b.norm();
    return std::make_tuple(a.x(), a.y(), a.z()) > std::make_tuple(b.x(), b.y(), b.z());
  };
  std::sort(in_plane.begin(), in_plane.end(), shorter);
  if (in_plane.empty()) throw std::invalid_argument(slab_error("miller", "gives no in-plane lattice vector"));
  oc.v1 = in_plane.front();
  // The two successive minima of a 2D lattice form a reduced basis. Keep a right-handed
  // (v1, v2, n̂) and, between equally short choices, the acute angle (ASE's convention).
  bool found = false;
  double best_len = 0, best_dot = 0;
  for (const Vec3& v : in_plane) {
    if (oc.v1.cross(v).dot(oc.normal) < 1e-9 * oc.v1.norm() * v.norm()) continue;
    const double len = v.norm(), dot = oc.v1.dot(v);
    if (!found || len < best_len - 1e-9 || (std::abs(len - best_len) <= 1e-9 && dot > best_dot + 1e-9)) {
      oc.v2 = v, best_len = len, best_dot = dot, found = true;
    }
  }
  if (!found) throw std::invalid_argument(slab_error("miller", "gives a degenerate surface lattice"));
  // v3: the smallest step out of the plane; among those, the least lateral offset.
  double h_min = kRunningMinStart;
  for (const Vec3& v : out_of_plane) h_min = std::min(h_min, v.dot(oc.normal));
  double lateral_min = kRunningMinStart;
  for (const Vec3& v : out_of_plane) {
    const double h = v.dot(oc.normal);
    const double lateral = (v - h * oc.normal).norm();
    if (h < h_min + kPlaneTol_A && lateral < lateral_min - 1e-9) oc.v3 = v, lateral_min = lateral;
  }
  return oc;
}

struct LayerAtom {
  std::string element;
  Vec3 r;  // rotated frame: x ∥ v1, z ∥ normal
};

}  // namespace

Structure repeat(const Structure& s, int na, int nb, int nc) {
  if (na < 1 || nb < 1 || nc < 1) throw std::invalid_argument("repeat: counts must be >= 1");
  Structure r;
  r.cell = s.cell;
  r.cell.col(0) *= na;
  r.cell.col(1) *= nb;
  r.cell.col(2) *= nc;
  r.pbc = s.pbc;
  for (int i = 0; i < na; ++i)
    for (int j = 0; j < nb; ++j)
      for (int k = 0; k < nc; ++k)
        for (std::size_t a = 0; a < s.size(); ++a)
          r.add_atom(s.species[a], s.positions.col(static_cast<Eigen::Index>(a)) + s.cell * Vec3(i, j, k),
                     s.free_dofs[a]);
  return r;
}

SlabPolarity slab_polarity(const Structure& slab, const std::map<std::string, double>& charges_e) {
  if (slab.size() == 0) return {};
  const double z_mid = 0.5 * (slab.positions.row(2).minCoeff() + slab.positions.row(2).maxCoeff());
  SlabPolarity p;
  for (std::size_t i = 0; i < slab.size(); ++i) {
    const auto q = charges_e.find(slab.species[i]);
    if (q == charges_e.end())
      throw std::invalid_argument(slab_error("charges_e", "has no charge for element '" + slab.species[i] + "'"));
    p.net_charge_e += q->second;
    p.dipole_eA += q->second * (slab.positions(2, static_cast<Eigen::Index>(i)) - z_mid);
  }
  return p;
}

namespace {

void check_slab_spec(const Structure& bulk, const SlabSpec& spec) {
  bulk.validate();
  if (bulk.size() == 0) throw std::invalid_argument(slab_error("bulk", "has no atoms"));
  if (spec.miller.isZero()) throw std::invalid_argument(slab_error("miller", "must not be (0 0 0)"));
  if (spec.layers < 1) throw std::invalid_argument(slab_error("layers", "must be >= 1"));
  if (spec.vacuum_A < 0) throw std::invalid_argument(slab_error("vacuum_A", "must be >= 0"));
  if (spec.fixed_layers < 0 || spec.fixed_layers >= spec.layers)
    throw std::invalid_argument(slab_error("fixed_layers", "must be in [0, layers)"));
  if (spec.repeat_a < 1 || spec.repeat_b < 1)
    throw std::invalid_argument(slab_error("repeat_a/repeat_b", "must be >= 1"));
}

/// Rows: the slab frame's x (∥ v1), y and z (∥ the surface normal) in bulk Cartesian axes.
Mat3 slab_rotation(const OrientedCell& oc) {
  Mat3 rotation;
  rotation.row(0) = oc.v1.normalized().transpose();
  rotation.row(2) = oc.normal.transpose();
  rotation.row(1) = oc.normal.cross(oc.v1.normalized()).transpose();
  return rotation;
}

/// Atoms of the oriented cell (v1, v2, v3), in the slab frame: bulk atoms whose fractional
/// coordinates in that cell are in [0, 1).
std::vector<LayerAtom> oriented_cell_atoms(const Structure& bulk, const OrientedCell& oc, const Mat3& rotation) {
  Mat3 oriented;
  oriented << oc.v1, oc.v2, oc.v3;
  const Mat3 oriented_inv = oriented.inverse();
  const double ratio = std::abs(oriented.determinant()) / bulk.volume_A3();
  const auto expected = static_cast<std::size_t>(std::llround(ratio * static_cast<double>(bulk.size())));
  const Mat3 to_bulk_frac = bulk.cell.inverse() * oriented;
  Vec3 lo = Vec3::Constant(kRunningMinStart), hi = Vec3::Constant(kRunningMaxStart);
  for (int c = 0; c < 8; ++c) {
    const Vec3 corner = to_bulk_frac * Vec3(c & 1, (c >> 1) & 1, (c >> 2) & 1);
    lo = lo.cwiseMin(corner), hi = hi.cwiseMax(corner);
  }
  std::vector<LayerAtom> unit;
  for (int i = static_cast<int>(std::floor(lo.x())) - 1; i <= static_cast<int>(std::ceil(hi.x())); ++i)
    for (int j = static_cast<int>(std::floor(lo.y())) - 1; j <= static_cast<int>(std::ceil(hi.y())); ++j)
      for (int k = static_cast<int>(std::floor(lo.z())) - 1; k <= static_cast<int>(std::ceil(hi.z())); ++k)
        for (std::size_t a = 0; a < bulk.size(); ++a) {
          const Vec3 r = bulk.positions.col(static_cast<Eigen::Index>(a)) + bulk.cell * Vec3(i, j, k);
          Vec3 g = oriented_inv * r;
          if ((g.array() < -1e-8).any() || (g.array() >= 1.0 - 1e-8).any()) continue;
          unit.push_back({bulk.species[a], rotation * (oriented * g.cwiseMax(0.0))});
        }
  if (unit.size() != expected)
    throw std::logic_error("slab: oriented cell has " + std::to_string(unit.size()) + " atoms, expected " +
                           std::to_string(expected));
  return unit;
}

/// The layers of one period along the normal, bottom first, and the composition of each.
struct LayerPeriod {
  std::vector<std::vector<LayerAtom>> layers;
  std::vector<std::string> composition;
  int size() const { return static_cast<int>(layers.size()); }
};

LayerPeriod layer_period(std::vector<LayerAtom> unit, const Structure& bulk) {
  std::sort(unit.begin(), unit.end(), [](const LayerAtom& a, const LayerAtom& b) { return a.r.z() < b.r.z(); });
  LayerPeriod period;
  for (const auto& atom : unit) {
    if (period.layers.empty() || atom.r.z() - period.layers.back().front().r.z() > kLayerTol_A)
      period.layers.emplace_back();
    period.layers.back().push_back(atom);
  }
  std::vector<std::string> element_order;
  for (const auto& e : bulk.species)
    if (std::find(element_order.begin(), element_order.end(), e) == element_order.end()) element_order.push_back(e);
  for (const auto& layer : period.layers) {
    std::vector<std::string> sp;
    for (const auto& a : layer) sp.push_back(a.element);
    period.composition.push_back(composition(sp, element_order));
  }
  return period;
}

/// First layer of the window: the requested termination on top (where adsorbates go), and the
/// same at the bottom (a symmetric slab) when the layer count allows it. With
/// spec.cut_at_widest_gaps, of the windows that qualify the one cut across the widest interlayer
/// gaps of the bulk (fewest bonds broken); otherwise the first.
int first_layer(const LayerPeriod& period, double period_h_A, const SlabSpec& spec,
                const std::vector<std::string>& terminations) {
  const int per = period.size();
  auto height_A = [&](int l) {  // height of layer l of the infinite stacking
    const int wraps = static_cast<int>(std::floor(static_cast<double>(l) / per));
    return period.layers[l - wraps * per].front().r.z() + wraps * period_h_A;
  };
  int start = -1;
  double best_gaps_A = 0.0;
  for (int pass = 0; pass < 2 && start < 0; ++pass)
    for (int s = 0; s < per && (start < 0 || spec.cut_at_widest_gaps); ++s) {
      const int top_layer = s + spec.layers - 1;
      const std::string& top = period.composition[top_layer % per];
      const bool top_ok = spec.termination.empty() || top == spec.termination;
      const bool symmetric = period.composition[s] == top;
      if (!top_ok || !(symmetric || pass == 1)) continue;
      const double gaps_A = height_A(top_layer + 1) - height_A(top_layer) + height_A(s) - height_A(s - 1);
      if (start < 0 || gaps_A > best_gaps_A + 1e-6) start = s, best_gaps_A = gaps_A;
    }
  if (start < 0) {
    std::string known;
    for (const auto& t : terminations) known += (known.empty() ? "" : ", ") + t;
    throw std::invalid_argument(slab_error(
        "termination", "'" + spec.termination + "' is not offered by this facet (available: " + known + ")"));
  }
  return start;
}

void check_atom_count(const LayerPeriod& period, int start, const SlabSpec& spec) {
  double atoms = 0.0;  // floating point: layers × repeats may overflow an int
  for (int l = 0; l < spec.layers; ++l) atoms += static_cast<double>(period.layers[(start + l) % period.size()].size());
  atoms *= static_cast<double>(spec.repeat_a) * static_cast<double>(spec.repeat_b);
  if (atoms > static_cast<double>(spec.max_atoms))
    throw std::invalid_argument(slab_error(
        "layers/repeat", fmt::format("would build {:.0f} atoms, more than max_atoms = {}", atoms, spec.max_atoms)));
}

/// The 1 x 1 slab: spec.layers layers from `start` upwards, vacuum split above and below, the
/// bottom spec.fixed_layers held.
void stack_layers(const LayerPeriod& period, int start, const Vec3& v1r, const Vec3& v2r, const Vec3& v3r,
                  const SlabSpec& spec, Slab& slab) {
  const int per = period.size();
  const double period_h = v3r.z();
  slab.interlayer_spacing_A = period_h / per;
  Structure& s = slab.structure;
  s.pbc = {true, true, true};
  s.cell.col(0) = v1r;
  s.cell.col(1) = v2r;
  s.cell.col(0).z() = 0, s.cell.col(1).z() = 0;
  const double z_bottom = period.layers[start].front().r.z();
  double z_top = z_bottom;
  for (int l = 0; l < spec.layers; ++l) {
    const int g = start + l, rep = g / per;
    const auto& layer = period.layers[g % per];
    const double z = layer.front().r.z() + rep * period_h - z_bottom + 0.5 * spec.vacuum_A;
    z_top = z;
    slab.layer_z_A.push_back(z);
    for (const auto& atom : layer) {
      Vec3 r = atom.r + rep * v3r;
      r.z() = z;
      s.add_atom(atom.element, r, l < spec.fixed_layers ? dof::kNone : dof::kAll);
      slab.layer_of_atom.push_back(l);
    }
  }
  s.cell.col(2) = Vec3(0, 0, z_top - slab.layer_z_A.front() + spec.vacuum_A);
  s.wrap();
}

/// Repeats the slab laterally, keeping the bottom-layer-first order of the atoms.
void repeat_laterally(Slab& slab, int repeat_a, int repeat_b) {
  Structure& s = slab.structure;
  const std::vector<int> layers = slab.layer_of_atom;
  s = repeat(s, repeat_a, repeat_b, 1);
  slab.layer_of_atom.clear();
  for (int r = 0; r < repeat_a * repeat_b; ++r)
    slab.layer_of_atom.insert(slab.layer_of_atom.end(), layers.begin(), layers.end());
  std::vector<std::size_t> order(s.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return slab.layer_of_atom[a] < slab.layer_of_atom[b]; });
  Structure sorted;
  sorted.cell = s.cell;
  sorted.pbc = s.pbc;
  std::vector<int> sorted_layers;
  for (std::size_t i : order) {
    sorted.add_atom(s.species[i], s.positions.col(static_cast<Eigen::Index>(i)), s.free_dofs[i]);
    sorted_layers.push_back(slab.layer_of_atom[i]);
  }
  s = std::move(sorted);
  slab.layer_of_atom = std::move(sorted_layers);
}

}  // namespace

Slab make_slab(const Structure& bulk, const SlabSpec& spec) {
  check_slab_spec(bulk, spec);
  const OrientedCell oc = orient(bulk, spec.miller);
  const Mat3 rotation = slab_rotation(oc);
  const LayerPeriod period = layer_period(oriented_cell_atoms(bulk, oc, rotation), bulk);
  Slab slab;
  for (const auto& c : period.composition)
    if (std::find(slab.terminations.begin(), slab.terminations.end(), c) == slab.terminations.end())
      slab.terminations.push_back(c);
  const int start = first_layer(period, (rotation * oc.v3).z(), spec, slab.terminations);
  check_atom_count(period, start, spec);
  stack_layers(period, start, rotation * oc.v1, rotation * oc.v2, rotation * oc.v3, spec, slab);
  if (spec.repeat_a > 1 || spec.repeat_b > 1) repeat_laterally(slab, spec.repeat_a, spec.repeat_b);
  return slab;
}

}  // namespace nabridge
