#include "symmetry/sites.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "symmetry/site_images.h"

namespace nabridge {

namespace {

constexpr double kSameSite_A = 0.05;  // candidates closer than this are one point

struct Candidate {
  enum Kind { kTop = 0, kBridge = 1, kHollow = 2 } kind;
  Vec3 position_A;
  std::vector<std::string> under;  // elements of the surface atoms defining the site
  double length_A = 0.0;           // bridge length
  bool over_subsurface = false;    // a second-layer atom lies directly below (hollows)
};

struct Plane {
  std::vector<Vec3> points;          // top-layer atoms and their in-plane periodic images
  std::vector<std::string> species;
};

/// Top-layer atoms replicated over the neighbouring in-plane cells, so every site of the
/// central cell sees all atoms that define it.
Plane top_plane(const Structure& slab, const std::vector<std::size_t>& top, int reach) {
  Plane p;
  for (int i = -reach; i <= reach; ++i)
    for (int j = -reach; j <= reach; ++j)
      for (std::size_t k : top) {
        p.points.push_back(slab.positions.col(static_cast<Eigen::Index>(k)) + i * slab.cell.col(0) + j * slab.cell.col(1));
        p.species.push_back(slab.species[k]);
      }
  return p;
}

double lateral(const Vec3& a, const Vec3& b) { return std::hypot(a.x() - b.x(), a.y() - b.y()); }

bool inside_cell(const Structure& slab, const Vec3& r) {
  const Vec3 f = slab.to_fractional(r);
  const double eps = 1e-7;
  return f.x() >= -eps && f.x() < 1 - eps && f.y() >= -eps && f.y() < 1 - eps;
}

/// Circumcentre of three points in the xy plane; false when collinear.
bool circumcentre(const Vec3& a, const Vec3& b, const Vec3& c, Vec3& centre) {
  const double d = 2 * (a.x() * (b.y() - c.y()) + b.x() * (c.y() - a.y()) + c.x() * (a.y() - b.y()));
  if (std::abs(d) < 1e-9) return false;
  const double a2 = a.x() * a.x() + a.y() * a.y(), b2 = b.x() * b.x() + b.y() * b.y(), c2 = c.x() * c.x() + c.y() * c.y();
  centre = Vec3((a2 * (b.y() - c.y()) + b2 * (c.y() - a.y()) + c2 * (a.y() - b.y())) / d,
                (a2 * (c.x() - b.x()) + b2 * (a.x() - c.x()) + c2 * (b.x() - a.x())) / d, a.z());
  return true;
}

/// Atoms of the plane within radius (+tolerance) of centre, and whether any lies strictly inside.
std::vector<std::size_t> on_circle(const Plane& p, const Vec3& centre, double radius, bool& any_inside) {
  std::vector<std::size_t> on;
  any_inside = false;
  for (std::size_t k = 0; k < p.points.size(); ++k) {
    const double d = lateral(p.points[k], centre);
    if (d < radius - 1e-4) any_inside = true;
    else if (d < radius + 1e-4) on.push_back(k);
  }
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

std::vector<Candidate> make_candidates(const Structure& slab, const std::vector<std::size_t>& top,
                                       const std::vector<std::size_t>& second, double z_top) {
  const Plane plane = top_plane(slab, top, 2);
  std::vector<Candidate> out;
  auto add = [&](Candidate c) {
    c.position_A.z() = z_top;
    for (auto& existing : out)
      if (lateral(existing.position_A, c.position_A) < kSameSite_A) {
        if (c.kind > existing.kind) existing = c;  // a bridge at a hollow's spot is that hollow
        return;
      }
    out.push_back(c);
  };
  for (std::size_t k : top) {
    const Vec3 r = slab.positions.col(static_cast<Eigen::Index>(k));
    add({Candidate::kTop, r, {slab.species[k]}});
  }
  // Bridges: Gabriel edges of the top layer (no atom inside the circle on the pair).
  for (std::size_t a = 0; a < plane.points.size(); ++a)
    for (std::size_t b = a + 1; b < plane.points.size(); ++b) {
      const Vec3 mid = 0.5 * (plane.points[a] + plane.points[b]);
      if (!inside_cell(slab, mid)) continue;
      const double half = 0.5 * lateral(plane.points[a], plane.points[b]);
      bool inside = false;
      on_circle(plane, mid, half, inside);
      if (!inside) add({Candidate::kBridge, mid, {plane.species[a], plane.species[b]}, 2 * half});
    }
  // Hollows: Voronoi vertices of the top layer (circumcentres of empty circles).
  for (std::size_t a = 0; a < plane.points.size(); ++a)
    for (std::size_t b = a + 1; b < plane.points.size(); ++b) {
      if (lateral(plane.points[a], plane.points[b]) > 12.0) continue;
      for (std::size_t c = b + 1; c < plane.points.size(); ++c) {
        Vec3 centre;
        if (!circumcentre(plane.points[a], plane.points[b], plane.points[c], centre) || !inside_cell(slab, centre)) continue;
        const double radius = lateral(centre, plane.points[a]);
        bool inside = false;
        const auto on = on_circle(plane, centre, radius, inside);
        if (inside) continue;
        Candidate h{Candidate::kHollow, centre, {}};
        for (std::size_t i : on) h.under.push_back(plane.species[i]);
        for (std::size_t s : second)
          for (int i = -1; i <= 1; ++i)
            for (int j = -1; j <= 1; ++j) {
              const Vec3 r = slab.positions.col(static_cast<Eigen::Index>(s)) + i * slab.cell.col(0) + j * slab.cell.col(1);
              if (lateral(r, centre) < kSameSite_A) h.over_subsurface = true;
            }
        add(h);
      }
    }
  return out;
}

}  // namespace

std::vector<AdsorptionSite> find_adsorption_sites(const Structure& slab, const SiteOptions& opt) {
  slab.validate();
  if (slab.size() == 0) throw std::invalid_argument("sites: the slab has no atoms");
  if (!slab.pbc[0] || !slab.pbc[1]) throw std::invalid_argument("sites: the slab must be periodic along a and b");
  // Layers by height from the top.
  std::vector<std::size_t> order(slab.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return slab.positions(2, a) > slab.positions(2, b); });
  const double z_top = slab.positions(2, static_cast<Eigen::Index>(order.front()));
  std::vector<std::size_t> top, second;
  double z_second = -1e300;
  for (std::size_t i : order) {
    const double z = slab.positions(2, static_cast<Eigen::Index>(i));
    if (z > z_top - opt.layer_tol_A) top.push_back(i);
    else if (z_second == -1e300 || z > z_second - opt.layer_tol_A) {
      if (z_second == -1e300) z_second = z;
      second.push_back(i);
    }
  }

  auto candidates = make_candidates(slab, top, second, z_top);
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (std::abs(a.position_A.x() - b.position_A.x()) > 1e-6) return a.position_A.x() < b.position_A.x();
    return a.position_A.y() < b.position_A.y();
  });

  // Symmetry classes: a candidate joins the first class whose images contain it.
  std::vector<AdsorptionSite> probe;
  for (const auto& c : candidates) probe.push_back({"", c.position_A});
  const auto images = equivalent_site_positions(slab, probe, opt.symprec_A);
  std::vector<std::size_t> representatives;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    bool joined = false;
    for (std::size_t r = 0; r < representatives.size() && !joined; ++r) {
      const std::size_t rep = representatives[r];
      if (candidates[rep].kind != candidates[c].kind) continue;
      for (const Vec3& img : images[rep])
        if (lateral_distance_A(slab, img, candidates[c].position_A) < kSameSite_A) joined = true;
    }
    if (!joined) representatives.push_back(c);
  }

  // Labels. Single-element surfaces use the textbook names; otherwise the atoms under the site.
  bool single_element = true;
  for (std::size_t k : top) single_element = single_element && slab.species[k] == slab.species[top.front()];
  std::vector<double> bridge_lengths;
  for (std::size_t rep : representatives)
    if (candidates[rep].kind == Candidate::kBridge) bridge_lengths.push_back(candidates[rep].length_A);
  std::sort(bridge_lengths.begin(), bridge_lengths.end());
  bridge_lengths.erase(std::unique(bridge_lengths.begin(), bridge_lengths.end(),
                                   [](double a, double b) { return std::abs(a - b) < 1e-3; }),
                       bridge_lengths.end());
  std::vector<AdsorptionSite> sites;
  for (std::size_t r = 0; r < representatives.size(); ++r) {
    const Candidate& c = candidates[representatives[r]];
    AdsorptionSite s;
    s.position_A = c.position_A;
    s.multiplicity = static_cast<int>(images[representatives[r]].size());
    s.coordination = static_cast<int>(c.under.size());
    switch (c.kind) {
      case Candidate::kTop:
        s.label = single_element ? "top" : "top-" + c.under.front();
        break;
      case Candidate::kBridge:
        if (!single_element) s.label = "bridge" + element_list(c.under, false);
        else if (bridge_lengths.size() == 1) s.label = "bridge";
        else s.label = std::abs(c.length_A - bridge_lengths.front()) < 1e-3 ? "short-bridge" : "long-bridge";
        break;
      case Candidate::kHollow:
        if (!single_element) s.label = "hollow" + element_list(c.under, true);
        else if (c.under.size() >= 4) s.label = "hollow";
        else s.label = "threefold";
        break;
    }
    sites.push_back(s);
  }
  // fcc(111)-like surfaces: two threefold classes, told apart by the second layer.
  int threefold = 0;
  for (const auto& s : sites) threefold += s.label == "threefold";
  if (threefold == 2)
    for (std::size_t r = 0; r < sites.size(); ++r)
      if (sites[r].label == "threefold") sites[r].label = candidates[representatives[r]].over_subsurface ? "hcp" : "fcc";
  // Any label still shared by two classes gets a numeric suffix, so labels stay unique.
  std::map<std::string, int> seen;
  for (auto& s : sites)
    if (++seen[s.label] > 1) s.label += "-" + std::to_string(seen[s.label]);
  return sites;
}

std::vector<SiteHop> find_hops(const Structure& slab, const std::vector<AdsorptionSite>& sites,
                               const std::vector<std::size_t>& minima, const SiteOptions& opt) {
  for (std::size_t m : minima)
    if (m >= sites.size()) throw std::invalid_argument("hops: minimum index " + std::to_string(m) + " is not a site");
  const auto images = equivalent_site_positions(slab, sites, opt.symprec_A);
  struct Target { std::size_t site; Vec3 end; double length; };
  std::vector<SiteHop> hops;
  for (std::size_t from : minima) {
    const Vec3 start = sites[from].position_A;
    std::vector<Target> targets;
    for (std::size_t to : minima)
      for (const Vec3& img : images[to])
        for (int i = -2; i <= 2; ++i)
          for (int j = -2; j <= 2; ++j) {
            const Vec3 end = img + i * slab.cell.col(0) + j * slab.cell.col(1);
            const double d = lateral(start, end);
            if (d > kSameSite_A) targets.push_back({to, end, d});
          }
    if (targets.empty()) continue;
    double nearest = 1e300;
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
