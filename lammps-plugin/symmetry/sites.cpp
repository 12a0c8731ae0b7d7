#include "symmetry/sites.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "nabridge/base/bounds.h"
#include "symmetry/plane_points.h"

namespace nabridge {

namespace {

constexpr double kSameSite_A = 0.05;  // candidates closer than this are one point
constexpr int kReach = 2;             // primitive cells around the central one searched for hops
// A site is the centre of an empty circle through top-layer atoms no wider than this: larger
// holes in a sparse layer are no adsorption site, and the bound keeps the search local.
constexpr double kMaxSiteRadius_A = 6.0;
constexpr double kOnCircle_A = 1e-4;  // atoms this close to a circle lie on it

struct Candidate {
  enum Kind { kTop = 0, kBridge = 1, kHollow = 2 } kind;
  Vec3 position_A;
  std::vector<std::string> under;  // elements of the surface atoms defining the site
  double length_A = 0.0;           // bridge length
  bool over_subsurface = false;    // a second-layer atom lies directly below (hollows)
};

double lateral(const Vec3& a, const Vec3& b) { return std::hypot(a.x() - b.x(), a.y() - b.y()); }

bool inside_primitive_cell(const SurfaceCell& sc, const Vec3& r) {
  const Vec2 f = sc.primitive.fractional(r.head<2>());
  const double eps = 1e-7;
  return f.x() >= -eps && f.x() < 1 - eps && f.y() >= -eps && f.y() < 1 - eps;
}

/// Circumcentre of three points in the xy plane; false when collinear.
bool circumcentre(const Vec3& a, const Vec3& b, const Vec3& c, Vec3& centre) {
  const double d = 2 * (a.x() * (b.y() - c.y()) + b.x() * (c.y() - a.y()) + c.x() * (a.y() - b.y()));
  if (std::abs(d) < 1e-9) return false;
  const double a2 = a.x() * a.x() + a.y() * a.y(), b2 = b.x() * b.x() + b.y() * b.y(),
               c2 = c.x() * c.x() + c.y() * c.y();
  centre = Vec3((a2 * (b.y() - c.y()) + b2 * (c.y() - a.y()) + c2 * (a.y() - b.y())) / d,
                (a2 * (c.x() - b.x()) + b2 * (a.x() - c.x()) + c2 * (b.x() - a.x())) / d, a.z());
  return true;
}

/// The points on the circle (within kOnCircle_A), or nothing if a point lies strictly inside.
std::vector<std::size_t> on_empty_circle(const PlanePoints& plane, const Vec3& centre, double radius) {
  std::vector<std::size_t> on = plane.within(centre, radius + kOnCircle_A);
  for (std::size_t k : on)
    if (lateral(plane.point(k), centre) < radius - kOnCircle_A) return {};
  return on;
}

std::string element_list(std::vector<std::string> elements, bool with_counts) {
  std::sort(elements.begin(), elements.end());
  std::string s;
  if (!with_counts) {
    for (const auto& e : elements) s += "-" + e;
    return s;
  }
  std::map<std::string, int> count;
  for (const auto& e : elements) ++count[e];
  s = "-";
  for (const auto& [e, n] : count) s += e + (n > 1 ? std::to_string(n) : "");
  return s;
}

/// Top, bridge and hollow candidates of the primitive cell, from its top-layer atoms and their
/// images around it; each search looks only at atoms within a site's reach, so the cost is
/// linear in the atoms of the cell.
std::vector<Candidate> make_candidates(const SurfaceCell& sc) {
  const PlanePoints plane(sc, sc.top, kMaxSiteRadius_A);  // every atom on a site's circle
  const PlanePoints below(sc, sc.second, kSameSite_A);
  std::vector<Candidate> out;
  auto add = [&](Candidate c) {
    c.position_A.z() = sc.z_top_A;
    for (auto& existing : out)
      if (lateral(existing.position_A, c.position_A) < kSameSite_A) {
        if (c.kind > existing.kind) existing = c;  // a bridge at a hollow's spot is that hollow
        return;
      }
    out.push_back(c);
  };
  for (const SurfaceAtom& atom : sc.top) add({Candidate::kTop, atom.position_A, {atom.element}});
  for (std::size_t a = 0; a < plane.size(); ++a) {
    std::vector<std::size_t> near = plane.within(plane.point(a), 2 * kMaxSiteRadius_A);
    near.erase(std::remove_if(near.begin(), near.end(), [&](std::size_t k) { return k <= a; }), near.end());
    // Bridges: Gabriel edges of the top layer (no atom inside the circle on the pair).
    for (std::size_t b : near) {
      const Vec3 mid = 0.5 * (plane.point(a) + plane.point(b));
      if (!inside_primitive_cell(sc, mid)) continue;
      const double half = 0.5 * lateral(plane.point(a), plane.point(b));
      if (!on_empty_circle(plane, mid, half).empty())
        add({Candidate::kBridge, mid, {plane.element(a), plane.element(b)}, 2 * half});
    }
    // Hollows: Voronoi vertices of the top layer (circumcentres of empty circles).
    for (std::size_t i = 0; i < near.size(); ++i)
      for (std::size_t j = i + 1; j < near.size(); ++j) {
        Vec3 centre;
        if (!circumcentre(plane.point(a), plane.point(near[i]), plane.point(near[j]), centre) ||
            !inside_primitive_cell(sc, centre))
          continue;
        const double radius = lateral(centre, plane.point(a));
        if (radius > kMaxSiteRadius_A) continue;
        const auto on = on_empty_circle(plane, centre, radius);
        if (on.empty()) continue;
        Candidate h{Candidate::kHollow, centre, {}};
        for (std::size_t k : on) h.under.push_back(plane.element(k));
        h.over_subsurface = !below.within(centre, kSameSite_A).empty();
        add(h);
      }
  }
  return out;
}

std::string label_of(const Candidate& c, bool single_element, const std::vector<double>& bridge_lengths) {
  switch (c.kind) {
    case Candidate::kTop:
      return single_element ? "top" : "top-" + c.under.front();
    case Candidate::kBridge:
      if (!single_element) return "bridge" + element_list(c.under, false);
      if (bridge_lengths.size() == 1) return "bridge";
      return std::abs(c.length_A - bridge_lengths.front()) < 1e-3 ? "short-bridge" : "long-bridge";
    case Candidate::kHollow:
      if (!single_element) return "hollow" + element_list(c.under, true);
      return c.under.size() >= 4 ? "hollow" : "threefold";
  }
  return "";
}

/// The elements of a site's nearest atoms in the slab (periodic images included) and their
/// distances from the site at the top layer's height, nearest first: the same for every symmetry
/// copy of a site and in every supercell of the surface, so it orders the classes that share a
/// label whatever the cell (on alpha-Al2O3(0001) two threefold hollows both read "fcc").
using Environment = std::vector<std::pair<double, std::string>>;

Environment environment_of(const Structure& slab, const Vec3& site_A) {
  constexpr std::size_t kAtoms = 12;  // past the top layer's and the second layer's nearest
  Environment env;
  const int reach_a = slab.pbc[0] ? 1 : 0, reach_b = slab.pbc[1] ? 1 : 0;
  const Mat3 cell_inverse = slab.cell.inverse();
  for (Eigen::Index i = 0; i < slab.positions.cols(); ++i) {
    const Vec3 d = minimum_image(slab, cell_inverse, Vec3(slab.positions.col(i) - site_A));
    for (int u = -reach_a; u <= reach_a; ++u)
      for (int v = -reach_b; v <= reach_b; ++v)
        env.emplace_back((d + u * slab.cell.col(0) + v * slab.cell.col(1)).norm(),
                         slab.species[static_cast<std::size_t>(i)]);
  }
  const std::size_t keep = std::min(kAtoms, env.size());
  std::partial_sort(env.begin(), env.begin() + static_cast<std::ptrdiff_t>(keep), env.end());
  env.resize(keep);
  return env;
}

/// Nearer atoms first, at the first distance that differs by more than 1e-3 Å, else by element.
bool environment_before(const Environment& a, const Environment& b) {
  for (std::size_t k = 0; k < std::min(a.size(), b.size()); ++k) {
    if (std::abs(a[k].first - b[k].first) > 1e-3) return a[k].first < b[k].first;
    if (a[k].second != b[k].second) return a[k].second < b[k].second;
  }
  return false;
}

/// A label shared by several classes gets a numeric suffix ("fcc", "fcc-2"), numbered in the
/// order of their environments so the same class has the same label in every cell.
void number_shared_labels(const Structure& slab, std::vector<AdsorptionSite>& sites) {
  std::map<std::string, std::vector<std::size_t>> by_label;
  for (std::size_t k = 0; k < sites.size(); ++k) by_label[sites[k].label].push_back(k);
  for (auto& [label, members] : by_label) {
    if (members.size() < 2) continue;
    std::vector<Environment> env(sites.size());
    for (std::size_t k : members) env[k] = environment_of(slab, sites[k].position_A);
    std::stable_sort(members.begin(), members.end(),
                     [&](std::size_t x, std::size_t y) { return environment_before(env[x], env[y]); });
    for (std::size_t n = 1; n < members.size(); ++n) sites[members[n]].label += "-" + std::to_string(n + 1);
  }
}

}  // namespace

std::vector<AdsorptionSite> find_adsorption_sites(const Structure& slab, const SiteOptions& opt) {
  const SurfaceCell sc = surface_cell(slab, opt);
  auto candidates = make_candidates(sc);
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (std::abs(a.position_A.x() - b.position_A.x()) > 1e-6) return a.position_A.x() < b.position_A.x();
    return a.position_A.y() < b.position_A.y();
  });

  // Symmetry classes in the primitive cell: a candidate joins the first class whose images
  // contain it.
  std::vector<std::vector<Vec3>> images;
  for (const auto& c : candidates) images.push_back(sc.primitive_images(c.position_A));
  std::vector<std::size_t> representatives;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    bool joined = false;
    for (std::size_t r = 0; r < representatives.size() && !joined; ++r) {
      const std::size_t rep = representatives[r];
      if (candidates[rep].kind != candidates[c].kind) continue;
      for (const Vec3& img : images[rep])
        joined = joined || sc.primitive.shortest((img - candidates[c].position_A).head<2>()).norm() < kSameSite_A;
    }
    if (!joined) representatives.push_back(c);
  }

  // Labels. Single-element surfaces use the textbook names; otherwise the atoms under the site.
  bool single_element = true;
  for (const SurfaceAtom& atom : sc.top) single_element = single_element && atom.element == sc.top.front().element;
  std::vector<double> bridge_lengths;
  for (std::size_t rep : representatives)
    if (candidates[rep].kind == Candidate::kBridge) bridge_lengths.push_back(candidates[rep].length_A);
  std::sort(bridge_lengths.begin(), bridge_lengths.end());
  bridge_lengths.erase(std::unique(bridge_lengths.begin(), bridge_lengths.end(),
                                   [](double a, double b) { return std::abs(a - b) < 1e-3; }),
                       bridge_lengths.end());
  std::vector<AdsorptionSite> sites;
  for (std::size_t rep : representatives) {
    const Candidate& c = candidates[rep];
    AdsorptionSite s;
    const Vec2 in_cell = sc.supercell.wrap(c.position_A.head<2>());  // a position inside the user's cell
    s.position_A = Vec3(in_cell.x(), in_cell.y(), c.position_A.z());
    s.multiplicity = static_cast<int>(images[rep].size()) * sc.cells();
    s.coordination = static_cast<int>(c.under.size());
    s.label = label_of(c, single_element, bridge_lengths);
    sites.push_back(s);
  }
  // fcc(111)-like surfaces: two threefold classes, told apart by the second layer.
  int threefold = 0;
  for (const auto& s : sites) threefold += s.label == "threefold";
  if (threefold == 2)
    for (std::size_t r = 0; r < sites.size(); ++r)
      if (sites[r].label == "threefold")
        sites[r].label = candidates[representatives[r]].over_subsurface ? "hcp" : "fcc";
  number_shared_labels(slab, sites);
  // Tops, bridges, hollows, each by label: the same order in every cell of the surface.
  std::vector<std::size_t> order(sites.size());
  for (std::size_t r = 0; r < order.size(); ++r) order[r] = r;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const auto kx = candidates[representatives[x]].kind, ky = candidates[representatives[y]].kind;
    return kx != ky ? kx < ky : sites[x].label < sites[y].label;
  });
  std::vector<AdsorptionSite> sorted;
  for (std::size_t r : order) sorted.push_back(sites[r]);
  return sorted;
}

std::vector<SiteHop> find_hops(const Structure& slab, const std::vector<AdsorptionSite>& sites,
                               const std::vector<std::size_t>& minima, const SiteOptions& opt) {
  for (std::size_t m : minima)
    if (m >= sites.size()) throw std::invalid_argument("hops: minimum index " + std::to_string(m) + " is not a site");
  const SurfaceCell sc = surface_cell(slab, opt);
  struct Target { std::size_t site; Vec3 end; double length; };
  std::vector<SiteHop> hops;
  for (std::size_t from : minima) {
    const Vec3 start = sites[from].position_A;
    // Copies of every minimum in the primitive cell, moved next to start: the shortest image
    // and its neighbours over the (reduced) primitive lattice hold every nearest hop.
    std::vector<Target> targets;
    for (std::size_t to : minima)
      for (const Vec3& img : sc.primitive_images(sites[to].position_A)) {
        const Vec2 d0 = sc.primitive.shortest((img - start).head<2>());
        for (int i = -kReach; i <= kReach; ++i)
          for (int j = -kReach; j <= kReach; ++j) {
            const Vec2 d = d0 + sc.primitive.reduced_A * Vec2(i, j);
            if (d.norm() > kSameSite_A)
              targets.push_back({to, Vec3(start.x() + d.x(), start.y() + d.y(), img.z()), d.norm()});
          }
      }
    if (targets.empty()) continue;
    double nearest = kRunningMinStart;
    for (const auto& t : targets) nearest = std::min(nearest, t.length);
    for (const auto& t : targets) {
      if (t.length > nearest + 1e-3) continue;
      // One hop per (unordered site pair, length): symmetry makes the others equivalent.
      bool known = false;
      for (const auto& h : hops)
        known = known || (std::abs(h.length_A - t.length) < 1e-3 &&
                          ((h.from == from && h.to == t.site) || (h.from == t.site && h.to == from)));
      if (!known) hops.push_back({from, t.site, start, t.end, t.length});
    }
  }
  return hops;
}

}  // namespace nabridge
