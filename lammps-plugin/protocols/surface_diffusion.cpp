#include "protocols/surface_diffusion.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <optional>
#include <stdexcept>

#include "nabridge/base/bounds.h"
#include "nabridge/base/notes.h"
#include "optimize/fire.h"
#include "protocols/adsorption.h"
#include "protocols/band_mirror_well.h"
#include "protocols/host_tear.h"
#include "protocols/htst.h"
#include "protocols/long_range_barrier.h"
#include "protocols/saddle_ridge.h"
#include "symmetry/site_images.h"
#include "symmetry/sites.h"

namespace nabridge {

Eigen::Matrix2d network_diffusion_tensor(const std::vector<double>& energies_eV, const std::vector<HopEdge>& edges,
                                         double T_K) {
  const auto n = static_cast<Eigen::Index>(energies_eV.size());
  if (n == 0) throw std::invalid_argument("diffusion network: no states");
  const double kT = kBoltzmann_eV_K * T_K;
  const double e_min = *std::min_element(energies_eV.begin(), energies_eV.end());
  Eigen::VectorXd pi(n);
  for (Eigen::Index i = 0; i < n; ++i) pi[i] = std::exp(-(energies_eV[static_cast<std::size_t>(i)] - e_min) / kT);
  pi /= pi.sum();
  Eigen::MatrixXd L = Eigen::MatrixXd::Zero(n, n), b = Eigen::MatrixXd::Zero(n, 2);
  for (const auto& e : edges) {
    const auto i = static_cast<Eigen::Index>(e.from), j = static_cast<Eigen::Index>(e.to);
    L(i, j) += e.rate_Hz;
    L(i, i) -= e.rate_Hz;
    b(i, 0) -= e.rate_Hz * e.vector_A.x();
    b(i, 1) -= e.rate_Hz * e.vector_A.y();
  }
  // L is singular (η is defined up to a constant shift): minimum-norm least squares.
  const Eigen::MatrixXd eta = L.completeOrthogonalDecomposition().solve(b);
  Eigen::Matrix2d D = Eigen::Matrix2d::Zero();
  for (const auto& e : edges) {
    const auto i = static_cast<Eigen::Index>(e.from), j = static_cast<Eigen::Index>(e.to);
    const Eigen::Vector2d w = Eigen::Vector2d(e.vector_A.x(), e.vector_A.y()) + (eta.row(j) - eta.row(i)).transpose();
    D += 0.5 * pi[i] * e.rate_Hz * w * w.transpose();
  }
  return D * 1e-20;  // Å² → m²
}

namespace {

constexpr int kLongRangeImages = 9;  // the path to the next cell crosses several wells
constexpr double kLowerState_eV = 1e-3;  // a state this much below another is a different, lower one
constexpr double kSameSaddle_A = 0.05;  // saddle positions closer than this are one saddle

double lateral(const Vec3& a, const Vec3& b) { return std::hypot(a.x() - b.x(), a.y() - b.y()); }

std::string join_labels(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

/// Minima of the adatom away from the high-symmetry sites, for surfaces where those are saddles
/// or maxima: tight free relaxations from a ring of points around every site; endpoints with no
/// imaginary mode become pseudo sites "low-1", "low-2", ... (one per symmetry class, with their
/// relaxed energies), skipping positions that are copies of a known minimum.
struct LowSymmetryMinima {
  std::vector<AdsorptionSite> sites;
  std::vector<double> energies_eV;
  std::vector<Structure> structures;  // slab + adatom as relaxed (the NEB starts there)
};

/// Relaxation settings for finding a state's minimum itself (not only an adsorption height):
/// tight enough that an off-site or reconstructed minimum is not mistaken for a nearby slope.
OptimizerOptions tight_relaxation(const OptimizerOptions& relax) {
  OptimizerOptions tight = relax;
  tight.fmax_eV_A = std::min(tight.fmax_eV_A, 1e-4);
  tight.max_steps = std::max(tight.max_steps, 5000);
  return tight;
}

LowSymmetryMinima low_symmetry_minima(Engine& engine, const Structure& slab, const std::vector<AdsorptionSite>& sites,
                                      const std::vector<std::vector<Vec3>>& copies,
                                      const std::vector<std::size_t>& known, const SurfaceDiffusionOptions& opt) {
  Fire fire(tight_relaxation(opt.relax));
  const std::size_t adatom = slab.size();
  LowSymmetryMinima out;
  std::vector<std::vector<Vec3>> class_copies;
  for (std::size_t k : known) class_copies.push_back(copies[k]);
  auto known_position = [&](const Vec3& p) {
    for (const auto& cc : class_copies)
      for (const Vec3& c : cc)
        if (lateral_distance_A(slab, p, c) < 0.05) return true;
    return false;
  };
  constexpr int kRing = 6;
  constexpr double kRadius_A = 0.45;
  constexpr double kRingPhase = 0.13;  // a fraction of the 60° step, so that no start lies on a mirror line
  for (const auto& site : sites)
    for (int r = 0; r < kRing; ++r) {
      const double phi = 2 * M_PI * (r + kRingPhase) / kRing;
      Structure s = slab;
      s.add_atom(opt.element,
                 site.position_A + Vec3(kRadius_A * std::cos(phi), kRadius_A * std::sin(phi), opt.height_A));
      if (!fire.minimize(engine, s).converged) continue;
      Vec3 end = s.positions.col(static_cast<Eigen::Index>(adatom));
      end.z() = site.position_A.z();
      if (known_position(end)) continue;
      if (normal_modes(engine, s, atoms_near(s, adatom, opt.site_mode_radius_A)).imaginary_modes != 0) continue;
      AdsorptionSite low{fmt::format("low-{}", out.sites.size() + 1), end, 1, 0};
      class_copies.push_back(equivalent_site_positions(slab, {low}, opt.sites).front());
      low.multiplicity = static_cast<int>(class_copies.back().size());
      out.sites.push_back(low);
      out.energies_eV.push_back(engine.energy(s));
      out.structures.push_back(s);
    }
  return out;
}

struct Network {
  std::vector<double> energies;   // per state (symmetry copy of a minimum in the cell)
  std::vector<std::size_t> klass; // minimum index of each state
  std::vector<Vec3> position;
};

/// What the network needs of a hop besides its SurfaceHop: the site indices of its ends and the
/// reverse direction's prefactor (one per entry of SurfaceDiffusionResult::hops, same order).
struct HopSites {
  std::size_t from = 0, to = 0;
  double nu_reverse_Hz = 0.0;
};

/// Hop edges of every symmetry copy of every hop type, with rates at T.
std::vector<HopEdge> hop_edges(const Structure& slab, const Network& net, const std::vector<SurfaceHop>& hops,
                               const std::vector<HopSites>& sites, double T_K) {
  std::vector<HopEdge> edges;
  for (std::size_t h = 0; h < hops.size(); ++h) {
    const double k_fwd = hops[h].channels * hop_rate_Hz(hops[h].nu_Hz, hops[h].neb.barrier_eV, T_K);
    const double k_rev = hops[h].channels * hop_rate_Hz(sites[h].nu_reverse_Hz, hops[h].neb.reverse_barrier_eV, T_K);
    for (std::size_t i = 0; i < net.position.size(); ++i) {
      if (net.klass[i] != sites[h].from) continue;
      for (std::size_t j = 0; j < net.position.size(); ++j) {
        if (net.klass[j] != sites[h].to) continue;
        for (int a = -2; a <= 2; ++a)
          for (int c = -2; c <= 2; ++c) {
            const Vec3 v = net.position[j] + a * slab.cell.col(0) + c * slab.cell.col(1) - net.position[i];
            if (std::abs(std::hypot(v.x(), v.y()) - hops[h].length_A) > 1e-3) continue;
            edges.push_back({i, j, v, k_fwd});
            if (sites[h].from != sites[h].to) edges.push_back({j, i, -v, k_rev});
          }
      }
    }
  }
  return edges;
}

/// The long-range barrier from the minimum `state` (slab + adatom) to its image one surface
/// lattice vector away as the network's only hop, with Ea, the prefactor and D_s from it.
void add_long_range_barrier(Engine& engine, const Structure& slab, const Structure& state, const std::string& label,
                            const std::string& why, const SurfaceDiffusionOptions& opt, SurfaceDiffusionResult& res) {
  LongRangeBarrierOptions lo;
  lo.neb = opt.neb;
  lo.neb.images = std::max(opt.neb.images, kLongRangeImages);
  lo.hessian_radius_A = opt.hessian_radius_A;
  lo.T_K = opt.T_K;
  const LongRangeBarrier lr = long_range_barrier(engine, slab, state, lo);
  SurfaceHop hop;
  hop.from = hop.to = label;
  hop.length_A = lr.lattice_vector_A.norm();
  hop.neb = lr.neb;
  hop.nu_Hz = lr.nu_Hz;
  hop.nu_valid = lr.nu_Hz > 0;
  hop.usable = lr.converged;
  hop.nu_message = lr.prefactor;
  for (auto& replaced : res.hops)
    res.superseded_hops.push_back({std::move(replaced), "replaced by the long-range barrier from " + label});
  res.hops = {hop};
  res.complete = lr.converged;
  res.Ea_diff_eV = lr.Ea_eV;
  res.nu0_Hz = lr.nu_Hz;
  res.D_s_m2_s = lr.D_s_m2_s;
  // Jumps along one line only (two lattice vectors) diffuse in one dimension.
  res.D_min_m2_s = lr.jumps > 2 ? lr.D_s_m2_s : 0.0;
  res.D_max_m2_s = lr.jumps > 2 ? lr.D_s_m2_s : 2 * lr.D_s_m2_s;
  // Appended: the notes of the states found before (an adatom settling off its site) still hold.
  append_note(res.message,
              fmt::format("{}: Ea is the long-range barrier, the highest point of the CI-NEB path from {} to its "
                          "image one lattice vector ({:.2f} Å) away, not a site-to-site hop; prefactor: {}{}",
                          why, label, hop.length_A, lr.prefactor, lr.converged ? "" : "; not converged: " + lr.message));
}

/// Sites whose free relaxation left them: the site it ended nearest to and the relaxed
/// structure. Ending on that site's position (< 0.1 Å) is a different state there.
struct Departure {
  NearestSite landed;
  Structure structure;
  bool on_site() const { return landed.distance_A < 0.1; }
};

/// The adatom's states as the search finds them: the symmetry-unique sites (off-site minima,
/// "low-N", appended after the first n_symmetric as pseudo sites) with their copies in the cell,
/// which of them are minima, the relaxed energy of each, where a free relaxation from it went,
/// and, for states a free relaxation found (off-site minima, reconstructed states), the relaxed
/// structure their NEBs start from (a symmetric start would not reach them).
struct AdatomStates {
  std::vector<AdsorptionSite> sites;
  std::vector<std::vector<Vec3>> copies;
  std::size_t n_symmetric = 0;
  std::vector<std::size_t> minima;
  std::vector<double> energy;
  std::vector<std::optional<Departure>> left;
  std::vector<Structure> structure;
  double lowest_minimum = kRunningMinStart;
};

/// An adatom closer than kMinIsolation_A to its own periodic images is a dense overlayer, not a
/// diffusing atom: its hops would move every image at once (and a 1 x 1 cell has no distinct
/// neighbour sites to hop to). Such a cell must be replicated first.
void require_isolated_adatom(const Structure& slab) {
  constexpr double kMinIsolation_A = 5.0;
  const double shortest_A = std::min(slab.cell.col(0).head<2>().norm(), slab.cell.col(1).head<2>().norm());
  if (shortest_A < kMinIsolation_A)
    throw std::invalid_argument(
        fmt::format("surface diffusion: the surface cell's shortest periodic vector is {:.3g} Å: the adatom "
                    "would sit within {:.3g} Å of its own images; replicate the cell to at least {} Å",
                    shortest_A, shortest_A, kMinIsolation_A));
}

/// Step 1 for site k. A high-symmetry site is a stationary point of the adatom's energy in the
/// surface plane, so relaxing the adatom there with its x, y held keeps it one, and imaginary
/// normal modes (adatom and its neighbours within site_mode_radius_A) prove a saddle or a
/// maximum even on a PES too flat for a free relaxation to tell. Otherwise (no imaginary mode,
/// or a site without that symmetry) the adatom is relaxed freely from 0.13 Å off the site and
/// the site is a minimum if it comes back within stay_tol_A.
void classify_site(Engine& engine, const Structure& slab, std::size_t k, Fire& fire, const SurfaceDiffusionOptions& opt,
                   AdatomStates& st, SurfaceDiffusionResult& res) {
  const auto& site = st.sites[k];
  const std::size_t adatom = slab.size();
  Structure s = slab;
  s.add_atom(opt.element, site.position_A + Vec3(0, 0, opt.height_A), dof::kZ);
  fire.minimize(engine, s);
  const Evaluation ev = engine.evaluate(s);
  const Vec3 f = ev.forces_eV_A.col(static_cast<Eigen::Index>(adatom));
  bool minimum = false;
  std::string verdict;
  // Imaginary modes of a Hessian over the atoms near the adatom (the rest held) prove a
  // saddle or maximum; none does not prove a minimum (the held rim stiffens the surface), so
  // a free relaxation from off the site must also come back to it.
  const bool stationary = std::hypot(f.x(), f.y()) <= opt.stationary_force_eV_A;
  int imaginary = 0;
  if (stationary) {
    s.free_dofs[adatom] = dof::kAll;
    imaginary = normal_modes(engine, s, atoms_near(s, adatom, opt.site_mode_radius_A)).imaginary_modes;
  }
  if (stationary && imaginary > 0) {
    verdict = fmt::format("{}->{} imaginary mode{}", site.label, imaginary, imaginary == 1 ? "" : "s");
    st.energy[k] = ev.energy_eV;
  } else {
    Structure t = slab;
    t.add_atom(opt.element, site.position_A + kOffSiteStart_A + Vec3(0, 0, opt.height_A));
    fire.minimize(engine, t);
    const Vec3 end = t.positions.col(t.positions.cols() - 1);
    minimum = lateral_distance_A(slab, end, site.position_A) < opt.stay_tol_A;
    st.energy[k] = minimum && stationary ? ev.energy_eV : engine.energy(t);
    if (!minimum) {
      st.left[k] = Departure{nearest_site(slab, st.copies, end), t};
      verdict = site.label + "->" + st.sites[st.left[k]->landed.index].label;
    }
  }
  if (minimum) {
    st.minima.push_back(k);
    res.minima.push_back(site.label);
    res.minimum_energy_eV.push_back(st.energy[k]);
  } else {
    res.unstable.push_back(verdict);
  }
}

/// What the slab's atoms may do around the adatom: nothing (e.g. a polarised slab held after its
/// relaxation), move along z only (a polarised slab kept at its bulk's in-plane positions), or
/// relax freely. Only the last can reconstruct the surface.
enum class HostFreedom { held, along_z, free };
HostFreedom host_freedom(const Structure& slab) {
  auto all = [&](auto pred) { return std::all_of(slab.free_dofs.begin(), slab.free_dofs.end(), pred); };
  if (all([](auto d) { return d == dof::kNone; })) return HostFreedom::held;
  if (all([](auto d) { return (d & ~dof::kZ) == 0; })) return HostFreedom::along_z;
  return HostFreedom::free;
}
/// What puts the adatom below the symmetric state on a site.
const char* lower_state_on_site(const Structure& slab) {
  switch (host_freedom(slab)) {
    case HostFreedom::held: return "the host's atoms are held, so the adatom alone settles off the symmetric position";
    case HostFreedom::along_z:
      return "the host's atoms move along z only, so the adatom settles off the symmetric position while the surface "
             "relaxes only vertically under it";
    case HostFreedom::free: break;
  }
  return "the surface reconstructs around the adatom";
}

/// A free relaxation that ends below every high-symmetry minimum found a lower state: then, as
/// when no high-symmetry site is a minimum, the low-symmetry minima are searched and become
/// states of the network (pseudo sites), with any high-symmetry minima.
void add_low_symmetry_states(Engine& engine, const Structure& slab, const SurfaceDiffusionOptions& opt,
                             AdatomStates& st, SurfaceDiffusionResult& res) {
  for (double e : res.minimum_energy_eV) st.lowest_minimum = std::min(st.lowest_minimum, e);
  bool lower_elsewhere = false;
  for (std::size_t k = 0; k < st.sites.size(); ++k)
    lower_elsewhere = lower_elsewhere || (st.left[k] && st.energy[k] < st.lowest_minimum - kLowerState_eV);
  if (!st.minima.empty() && !lower_elsewhere) return;
  const auto low = low_symmetry_minima(engine, slab, st.sites, st.copies, st.minima, opt);
  for (std::size_t m = 0; m < low.sites.size(); ++m) {
    // Where it is: on a high-symmetry site whose symmetric state is not a minimum (the
    // surface relaxes around the adatom), or off the sites.
    const NearestSite near = nearest_site(slab, st.copies, low.sites[m].position_A, st.n_symmetric);
    append_note(res.message,
                near.distance_A < 0.1
                    ? fmt::format("{}: on the {} site, where the symmetric state is not a minimum: {}",
                                  low.sites[m].label, st.sites[near.index].label, lower_state_on_site(slab))
                    : fmt::format("{}: a minimum {:.2f} Å off the {} site", low.sites[m].label, near.distance_A,
                                  st.sites[near.index].label));
    st.minima.push_back(st.sites.size());
    st.sites.push_back(low.sites[m]);
    st.energy.push_back(low.energies_eV[m]);
    st.left.emplace_back();
    st.structure.push_back(low.structures[m]);
    res.minima.push_back(low.sites[m].label);
    res.minimum_energy_eV.push_back(low.energies_eV[m]);
    res.low_symmetry_minima_A.push_back(low.sites[m].position_A);
    st.lowest_minimum = std::min(st.lowest_minimum, low.energies_eV[m]);
  }
  st.copies = equivalent_site_positions(slab, st.sites, opt.sites);
}

/// A free relaxation that ended on a minimum site, lower than the symmetric state there, found
/// the adatom with the surface reconstructed around it: that is the state the network uses
/// (its NEBs start from the structure that relaxation found).
void adopt_reconstructed_states(const Structure& slab, AdatomStates& st, SurfaceDiffusionResult& res) {
  for (std::size_t k = 0; k < st.sites.size(); ++k) {
    if (!st.left[k] || !st.left[k]->on_site()) continue;
    for (std::size_t i = 0; i < st.minima.size(); ++i) {
      const std::size_t m = st.minima[i];
      if (m != st.left[k]->landed.index || !(st.energy[k] < st.energy[m] - kLowerState_eV)) continue;
      const char* why =
          host_freedom(slab) == HostFreedom::free ? "the adatom reconstructs the surface" : lower_state_on_site(slab);
      append_note(res.message,
                  fmt::format("{}: {} (reached from {}, {:.1f} meV below the symmetric state)", st.sites[m].label, why,
                              st.sites[k].label, 1e3 * (st.energy[m] - st.energy[k])));
      st.energy[m] = st.energy[k];
      res.minimum_energy_eV[i] = st.energy[k];
      st.structure[m] = st.left[k]->structure;
      st.lowest_minimum = std::min(st.lowest_minimum, st.energy[k]);
    }
  }
}

/// True (with the reason appended to res.message, after what the search of the states noted)
/// when a free relaxation still ends below every state of the network: hops between those
/// states would not describe the adatom's diffusion.
bool lower_state_elsewhere(const Structure& slab, const AdatomStates& st, SurfaceDiffusionResult& res) {
  for (std::size_t k = 0; k < st.sites.size(); ++k) {
    if (!st.left[k] || !(st.energy[k] < st.lowest_minimum - kLowerState_eV)) continue;
    const double below_meV = 1e3 * (st.lowest_minimum - st.energy[k]);
    append_note(
        res.message,
        st.left[k]->on_site()
            ? fmt::format("a free relaxation from {} ends on the {} site {:.1f} meV below every state reached with "
                          "the symmetry kept: {}, and hops between the symmetric states would not describe its "
                          "diffusion, so no barrier is claimed ({})",
                          st.sites[k].label, st.sites[st.left[k]->landed.index].label, below_meV,
                          lower_state_on_site(slab), join_labels(res.unstable))
            : fmt::format("the lowest adatom state is not a high-symmetry site: relaxing from {} ends {:.1f} meV "
                          "below the lowest minimum found ({})",
                          st.sites[k].label, below_meV, join_labels(res.unstable)));
    return true;
  }
  return false;
}

/// Copies of one minimum a fraction of an ångström apart across a high-symmetry site form a
/// flat multiple well, not a lattice of hop sites: harmonic TST cannot resolve hops inside it,
/// but diffusion over longer distances must still cross the highest point of the path to the
/// next cell, the long-range barrier. True when the hop `sh` is such a pair (res then holds the
/// long-range result).
bool flat_multiple_well(Engine& engine, const Structure& slab, const SiteHop& sh, Fire& fire,
                        const SurfaceDiffusionOptions& opt, const AdatomStates& st, SurfaceDiffusionResult& res) {
  if (!(sh.length_A < opt.min_hop_A)) return false;
  std::size_t lowest = st.minima.front();
  for (std::size_t m : st.minima)
    if (st.energy[m] < st.energy[lowest]) lowest = m;
  Structure state = st.structure[lowest];
  if (state.size() == 0) {
    state = slab;
    state.add_atom(opt.element, st.sites[lowest].position_A + Vec3(0, 0, opt.height_A));
    fire.minimize(engine, state);
  }
  const std::size_t centre = nearest_site(slab, st.copies, 0.5 * (sh.start_A + sh.end_A), st.n_symmetric).index;
  const std::string well = fmt::format(
      "the adatom's minima {} and {} lie only {:.2f} Å apart across the {} site, a flat "
      "multiple well",
      st.sites[sh.from].label, st.sites[sh.to].label, sh.length_A, st.sites[centre].label);
  add_long_range_barrier(engine, slab, state, st.sites[lowest].label, well, opt, res);
  res.message += " (sites: " + join_labels(res.unstable) + ")";
  return true;
}

/// The adatom's lateral position at the band's highest image reflected across the line through
/// its positions at the two ends.
Vec3 saddle_mirrored_across_path(const NebResult& neb, std::size_t adatom) {
  const auto col = static_cast<Eigen::Index>(adatom);
  const Vec3 a = neb.images.front().positions.col(col), b = neb.images.back().positions.col(col);
  const Vec3 p = neb.images[neb.saddle_image].positions.col(col);
  Vec3 along(b.x() - a.x(), b.y() - a.y(), 0.0);
  along.normalize();
  Vec3 off(p.x() - a.x(), p.y() - a.y(), 0.0);
  off -= off.dot(along) * along;
  return p - 2.0 * off;
}

/// A converged band on a mirror ridge (its highest image a saddle of order two or more, by
/// `top_modes`) is moved off it and relaxed again (band_off_ridge). The saddle it then finds has a
/// mirror image across the path; where that image is a symmetry copy of it, the hop has two
/// equivalent channels. True when the band was replaced.
bool step_off_ridge(Engine& engine, const Structure& slab, const SurfaceDiffusionOptions& opt,
                    const ModeAnalysis& top_modes, SurfaceHop& hop, SurfaceDiffusionResult& res) {
  const std::size_t adatom = slab.size();
  auto off = band_off_ridge(engine, hop.neb, top_modes, opt.neb);
  if (!off) return false;
  const double ridge_eV = hop.neb.barrier_eV;
  if (!off->converged) {
    hop.usable = false;
    append_note(res.message, fmt::format("NEB {}->{} converged onto a ridge ({:.4f} eV, a higher-order saddle); "
                                         "the band moved off it did not converge: {}",
                                         hop.from, hop.to, ridge_eV, off->message));
    return false;
  }
  hop.neb = std::move(*off);
  const Vec3 saddle_A = hop.neb.images[hop.neb.saddle_image].positions.col(static_cast<Eigen::Index>(adatom));
  const Vec3 mirrored_A = saddle_mirrored_across_path(hop.neb, adatom);
  const bool mirror_is_copy =
      nearest_site(slab, equivalent_site_positions(slab, {AdsorptionSite{"saddle", saddle_A, 1, 0}}, opt.sites),
                   mirrored_A)
          .distance_A < kSameSaddle_A;
  const double beside_A = lateral_distance_A(slab, saddle_A, mirrored_A) / 2;
  hop.channels = mirror_is_copy && beside_A > kSameSaddle_A ? 2 : 1;
  append_note(res.message,
              fmt::format("{}->{}: the straight path is a ridge (a higher-order saddle, {:.4f} eV); the hop crosses "
                          "a saddle {:.2f} A beside it at {:.4f} eV{}",
                          hop.from, hop.to, ridge_eV, beside_A, hop.neb.barrier_eV,
                          hop.channels == 2 ? ", one of two mirror images, both counted" : ""));
  return true;
}

/// A converged band whose top is its middle image and a minimum there (a well on the mirror
/// plane, where the CI feels no force along the path) is relaxed again without an image on the
/// plane (band_off_mirror_well): its top is then a saddle beside the well. True when the band was
/// replaced.
bool step_off_mirror_well(Engine& engine, const SurfaceDiffusionOptions& opt, const ModeAnalysis& top_modes,
                          SurfaceHop& hop, SurfaceDiffusionResult& res) {
  auto moved = band_off_mirror_well(engine, hop.neb, top_modes, opt.neb);
  if (!moved) return false;
  const double well_eV = hop.neb.barrier_eV;
  if (!moved->converged) {
    hop.usable = false;
    append_note(res.message, fmt::format("NEB {}->{} stopped in a well on its mirror plane ({:.4f} eV, no imaginary "
                                         "mode); the band without an image there did not converge: {}",
                                         hop.from, hop.to, well_eV, moved->message));
    return false;
  }
  hop.neb = std::move(*moved);
  append_note(res.message, fmt::format("{}->{}: the band's middle is a shallow well on its mirror plane ({:.4f} eV); "
                                       "the hop crosses the saddle beside it at {:.4f} eV",
                                       hop.from, hop.to, well_eV, hop.neb.barrier_eV));
  return true;
}

/// Step 2 for one symmetry-distinct nearest hop: its CI-NEB and the Vineyard prefactors of both
/// directions (the reverse one returned through nu_reverse_Hz); problems go to res.message and
/// keep the hop out of the network (usable false).
SurfaceHop run_hop(Engine& engine, const Structure& slab, const SiteHop& sh, const SurfaceDiffusionOptions& opt,
                   const AdatomStates& st, SurfaceDiffusionResult& res, double& nu_reverse_Hz) {
  const std::size_t adatom = slab.size();
  SurfaceHop hop;
  hop.usable = true;
  hop.from = st.sites[sh.from].label;
  hop.to = st.sites[sh.to].label;
  hop.length_A = sh.length_A;
  Structure a = slab, b = slab;
  const bool found_state = st.structure[sh.from].size() > 0;
  if (found_state && sh.from == sh.to) {
    // From the state as the free relaxation found it; the other end is the adatom moved by the
    // hop vector out of it and relaxed by the NEB (its start is already symmetry-broken).
    a = st.structure[sh.from];
    b = a;
    b.positions.col(static_cast<Eigen::Index>(adatom)) +=
        Vec3(sh.end_A.x() - sh.start_A.x(), sh.end_A.y() - sh.start_A.y(), 0.0);
  } else {
    a.add_atom(opt.element, sh.start_A + Vec3(0, 0, opt.height_A));
    b.add_atom(opt.element, sh.end_A + Vec3(0, 0, opt.height_A));
  }
  hop.neb = run_neb(engine, a, b, opt.neb);
  if (!hop.neb.converged) {
    hop.usable = false;
    append_note(res.message, fmt::format("NEB {}->{} not converged: {}", hop.from, hop.to, hop.neb.message));
  }
  for (const auto& [end, site] :
       {std::pair{hop.neb.energy_eV.front(), sh.from}, std::pair{hop.neb.energy_eV.back(), sh.to}})
    if (st.structure[site].size() > 0 && std::abs(end - st.energy[site]) > 5e-3) {
      hop.usable = false;
      append_note(res.message, fmt::format("NEB {}->{}: an endpoint relaxed into another state than {} ({:+.3f} eV)",
                                           hop.from, hop.to, st.sites[site].label, end - st.energy[site]));
    }
  const auto atoms = atoms_near(hop.neb.images.front(), adatom, opt.hessian_radius_A);
  // The saddle's modes serve both the ridge check and the forward prefactor.
  ModeAnalysis at_saddle = normal_modes(engine, hop.neb.images[hop.neb.saddle_image], atoms);
  if (hop.neb.converged && (step_off_ridge(engine, slab, opt, at_saddle, hop, res) ||
                            step_off_mirror_well(engine, opt, at_saddle, hop, res)))
    at_saddle = normal_modes(engine, hop.neb.images[hop.neb.saddle_image], atoms);
  const Structure& saddle = hop.neb.images[hop.neb.saddle_image];
  const auto fwd = vineyard_prefactor(normal_modes(engine, hop.neb.images.front(), atoms), at_saddle);
  const auto rev = vineyard_prefactor(engine, hop.neb.images.back(), saddle,
                                      atoms_near(hop.neb.images.back(), adatom, opt.hessian_radius_A));
  hop.nu_Hz = fwd.nu_Hz;
  hop.nu_valid = fwd.valid && rev.valid;
  hop.nu_message = fwd.valid ? rev.message : fwd.message;
  if (!hop.nu_valid) {
    hop.usable = false;
    append_note(res.message, fmt::format("prefactor {}->{}: {}", hop.from, hop.to, hop.nu_message));
  }
  nu_reverse_Hz = rev.nu_Hz;
  return hop;
}

/// Where the image of a band below both its ends (the band runs through another minimum) goes
/// when relaxed freely: the state that band found.
struct StateInBand {
  std::size_t hop = 0;  // into the hop list
  std::string band;     // "from->to image k"
  Structure state;
  double energy_eV = 0.0;
  bool relaxed = false;
  double fmax_eV_A = 0.0;  // where the relaxation stopped
};

StateInBand relax_state_in_band(Engine& engine, const SurfaceHop& hop, std::size_t index,
                                const SurfaceDiffusionOptions& opt) {
  OptimizerOptions relax = opt.relax;
  relax.max_steps = std::max(relax.max_steps, 5000);  // a reconstructing host can take thousands of steps
  StateInBand s;
  s.hop = index;
  s.band = fmt::format("{}->{} image {}", hop.from, hop.to, hop.neb.below_ends_image);
  s.state = hop.neb.images[hop.neb.below_ends_image];
  const OptimizerResult r = Fire(relax).minimize(engine, s.state);
  s.relaxed = r.converged;
  s.fmax_eV_A = r.fmax_eV_A;
  s.energy_eV = r.energy_eV;
  return s;
}

std::vector<StateInBand> states_in_bands(Engine& engine, const std::vector<SurfaceHop>& hops,
                                         const SurfaceDiffusionOptions& opt) {
  std::vector<StateInBand> found;
  for (std::size_t h = 0; h < hops.size(); ++h)
    if (hops[h].neb.below_ends_image > 0) found.push_back(relax_state_in_band(engine, hops[h], h, opt));
  return found;
}

/// A hop band that runs through a state below both its ends has found a minimum the search of
/// the sites missed (on an oxide, typically the surface reconstructing around the adatom on the
/// way). When that state, relaxed freely, lies below every state found, hops between those
/// states do not describe the diffusion, and the long-range barrier from the deeper state (the
/// path to its image one lattice vector away, the host's relaxation carried along) takes the
/// network's place. Repeated while that path itself runs through a still deeper state. True
/// when res then holds a long-range result (complete or not).
bool descend_to_deeper_state(Engine& engine, const Structure& slab, const SurfaceDiffusionOptions& opt,
                             const AdatomStates& st, const std::vector<StateInBand>& in_bands,
                             SurfaceDiffusionResult& res) {
  constexpr int kMaxDescents = 3;  // each costs a long-range NEB; more nested states are reported, not followed
  const auto adatom = static_cast<Eigen::Index>(slab.size());
  double lowest_eV = st.lowest_minimum;
  std::optional<StateInBand> deeper;
  for (const auto& s : in_bands)
    if (s.relaxed && s.energy_eV < lowest_eV - kLowerState_eV && (!deeper || s.energy_eV < deeper->energy_eV))
      deeper = s;
  if (!deeper) return false;
  for (int descent = 1; deeper; ++descent) {
    if (descent > kMaxDescents) {
      res.complete = false;
      append_note(res.message, fmt::format("after {} descents the path still runs through a deeper state, {:.1f} meV "
                                           "lower: not followed further",
                                           kMaxDescents, 1e3 * (lowest_eV - deeper->energy_eV)));
      return true;
    }
    Vec3 at_A = deeper->state.positions.col(adatom);
    const NearestSite near = nearest_site(slab, st.copies, at_A, st.n_symmetric);
    const std::string label = fmt::format("deeper-{}", descent);
    at_A.z() = st.sites[near.index].position_A.z();
    res.minima.push_back(label);
    res.minimum_energy_eV.push_back(deeper->energy_eV);
    res.low_symmetry_minima_A.push_back(at_A);
    const std::string why = fmt::format(
        "{}: the band {} runs through it; relaxed freely it lies {:.1f} meV below every state found before, {:.2f} Å "
        "from the {} site{}, so hops between the states found before do not describe the diffusion",
        label, deeper->band, 1e3 * (lowest_eV - deeper->energy_eV), near.distance_A, st.sites[near.index].label,
        host_freedom(slab) == HostFreedom::free ? ", with the host relaxed around it" : "");
    try {
      add_long_range_barrier(engine, slab, deeper->state, label, why, opt, res);
    } catch (const std::invalid_argument& e) {  // a supercell too small for the path to the next cell
      append_note(res.message, fmt::format("{}; no long-range barrier: {}", why, e.what()));
      res.complete = false;
      return true;
    }
    lowest_eV = deeper->energy_eV;
    deeper.reset();
    if (res.hops.front().neb.below_ends_image > 0) {
      StateInBand next = relax_state_in_band(engine, res.hops.front(), 0, opt);
      if (next.relaxed && next.energy_eV < lowest_eV - kLowerState_eV) deeper = std::move(next);
    }
  }
  return true;
}

/// A band through a state below its ends that relaxes onto a copy of a minimum already in the
/// network (within 0.1 Å and 5 meV) is not an elementary hop but two hops through that minimum,
/// which the network has: it is left out (with its entry in `sites`). Other such states are
/// named in res.message.
void leave_out_hops_through_known_states(const Structure& slab, const AdatomStates& st,
                                         const std::vector<StateInBand>& in_bands, std::vector<HopSites>& sites,
                                         SurfaceDiffusionResult& res) {
  const auto adatom = static_cast<Eigen::Index>(slab.size());
  std::vector<std::pair<std::size_t, std::string>> drop;  // hop index, why
  for (const auto& s : in_bands) {
    const Vec3 at_A = s.state.positions.col(adatom);
    // Per minimum, not the nearest site overall: a pseudo site ("low-N") can share a
    // high-symmetry site's position.
    const auto known = std::find_if(st.minima.begin(), st.minima.end(), [&](std::size_t m) {
      return nearest_site(slab, {st.copies[m]}, at_A).distance_A < 0.1 && std::abs(s.energy_eV - st.energy[m]) < 5e-3;
    });
    if (!s.relaxed || known == st.minima.end()) {
      append_note(res.message,
                  s.relaxed ? fmt::format("the band {} runs through a state below its ends that relaxes into a state "
                                          "the search of the sites did not find ({:+.4f} eV from the lowest)",
                                          s.band, s.energy_eV - st.lowest_minimum)
                            : fmt::format("the band {} runs through a state below its ends whose relaxation stopped "
                                          "at a max force of {:.3g} eV/Å ({:+.4f} eV from the lowest state found)",
                                          s.band, s.fmax_eV_A, s.energy_eV - st.lowest_minimum));
      continue;
    }
    append_note(res.message, fmt::format("{}->{} is not an elementary hop: its band runs through the {} minimum ({} "
                                         "relaxes onto it), so it is left out of the network, which has the hops "
                                         "through {}",
                                         res.hops[s.hop].from, res.hops[s.hop].to, st.sites[*known].label, s.band,
                                         st.sites[*known].label));
    drop.emplace_back(s.hop, fmt::format("not an elementary hop: its band runs through the {} minimum",
                                         st.sites[*known].label));
  }
  std::sort(drop.rbegin(), drop.rend());
  for (auto& [h, why] : drop) {
    const auto at = static_cast<std::ptrdiff_t>(h);
    res.superseded_hops.push_back({std::move(res.hops[h]), std::move(why)});
    res.hops.erase(res.hops.begin() + at);
    sites.erase(sites.begin() + at);
  }
}

/// Step 3: the periodic network of all symmetry copies of the minima, its diffusion tensor at T
/// and T + 10 K, and from them D_s, the effective barrier and the prefactor of the hop whose
/// barrier is closest to it.
void network_diffusion(const Structure& slab, const AdatomStates& st, const std::vector<HopSites>& sites,
                       const SurfaceDiffusionOptions& opt, SurfaceDiffusionResult& res) {
  Network net;
  for (std::size_t k : st.minima)
    for (const Vec3& c : st.copies[k]) {
      net.klass.push_back(k);
      net.position.push_back(c);
      net.energies.push_back(st.energy[k]);
    }
  auto tensor = [&](double T) {
    return network_diffusion_tensor(net.energies, hop_edges(slab, net, res.hops, sites, T), T);
  };
  const double dT = 10.0;
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> d1(tensor(opt.T_K)), d2(tensor(opt.T_K + dT));
  res.D_min_m2_s = d1.eigenvalues()[0];
  res.D_max_m2_s = d1.eigenvalues()[1];
  res.D_s_m2_s = 0.5 * (res.D_min_m2_s + res.D_max_m2_s);
  if (!(res.D_min_m2_s > 0)) {
    res.complete = false;
    append_note(res.message, "the hops do not connect the surface in two dimensions");
    return;
  }
  res.Ea_diff_eV =
      -kBoltzmann_eV_K * std::log(d2.eigenvalues()[0] / res.D_min_m2_s) / (1.0 / (opt.T_K + dT) - 1.0 / opt.T_K);
  double closest = kRunningMinStart;
  for (const auto& h : res.hops)
    if (std::abs(h.neb.barrier_eV - res.Ea_diff_eV) < closest)
      closest = std::abs(h.neb.barrier_eV - res.Ea_diff_eV), res.nu0_Hz = h.nu_Hz;
}

/// Steps 1–3 on the slab's host as its free_dofs leave it.
SurfaceDiffusionResult diffusion_on_host(Engine& engine, const Structure& slab, const SurfaceDiffusionOptions& opt) {
  SurfaceDiffusionResult res;
  res.T_K = opt.T_K;
  Fire fire(opt.relax);

  // 1. Minima: the high-symmetry sites, then off-site or reconstructed states where a free
  // relaxation finds one lower.
  AdatomStates st;
  st.sites = find_adsorption_sites(slab, opt.sites);
  st.copies = equivalent_site_positions(slab, st.sites, opt.sites);
  st.n_symmetric = st.sites.size();
  st.energy.assign(st.sites.size(), 0.0);
  st.left.resize(st.sites.size());
  st.structure.resize(st.sites.size());
  for (std::size_t k = 0; k < st.n_symmetric; ++k) classify_site(engine, slab, k, fire, opt, st, res);
  add_low_symmetry_states(engine, slab, opt, st, res);
  if (st.minima.empty()) {
    res.message = "no minimum for the adatom, at or off the high-symmetry sites (" + join_labels(res.unstable) + ")";
    return res;
  }
  adopt_reconstructed_states(slab, st, res);
  if (lower_state_elsewhere(slab, st, res)) return res;

  // 2. One NEB and two Vineyard prefactors per symmetry-distinct nearest hop.
  const auto site_hops = find_hops(slab, st.sites, st.minima, opt.sites);
  for (const auto& sh : site_hops)
    if (flat_multiple_well(engine, slab, sh, fire, opt, st, res)) return res;
  std::vector<HopSites> sites;
  for (const auto& sh : site_hops) {
    sites.push_back({sh.from, sh.to, 0.0});
    res.hops.push_back(run_hop(engine, slab, sh, opt, st, res, sites.back().nu_reverse_Hz));
  }
  const auto in_bands = states_in_bands(engine, res.hops, opt);
  if (descend_to_deeper_state(engine, slab, opt, st, in_bands, res)) return res;
  leave_out_hops_through_known_states(slab, st, in_bands, sites, res);
  res.complete = std::all_of(res.hops.begin(), res.hops.end(), [](const SurfaceHop& h) { return h.usable; });
  if (!res.complete) return res;

  // 3. The periodic network of the minima and its diffusion tensor.
  network_diffusion(slab, st, sites, opt, res);
  return res;
}

/// The band image (end states included) that moves a host atom furthest from `clean`, the clean
/// slab relaxed alone, and where it is.
std::pair<HostDisplacement, std::string> furthest_host_move(const SurfaceDiffusionResult& res,
                                                            const Structure& clean) {
  std::vector<bool> guest(clean.size() + 1, false);
  guest.back() = true;
  std::pair<HostDisplacement, std::string> far;
  for (const auto& h : res.hops)
    for (std::size_t k = 0; k < h.neb.images.size(); ++k) {
      const HostDisplacement d = largest_host_displacement(h.neb.images[k], guest, clean);
      if (d.moved_A > far.first.moved_A) far = {d, fmt::format("{}->{} image {}", h.from, h.to, k)};
    }
  return far;
}

}  // namespace

SurfaceDiffusionResult surface_diffusion(Engine& engine, const Structure& slab, const SurfaceDiffusionOptions& opt) {
  require_isolated_adatom(slab);
  SurfaceDiffusionResult free = diffusion_on_host(engine, slab, opt);
  if (std::isnan(opt.host_tear_bound_A) || host_freedom(slab) == HostFreedom::held) return free;
  Structure clean = slab;
  Fire(opt.relax).minimize(engine, clean);
  const auto [far, band] = furthest_host_move(free, clean);
  free.free_host_max_displacement_A = far.moved_A;
  if (!(far.moved_A > opt.host_tear_bound_A)) return free;
  // The torn host is a reaction the potential cannot describe (host_tear.h): the adatom moves
  // on the clean surface instead, held at its own relaxed geometry.
  std::fill(clean.free_dofs.begin(), clean.free_dofs.end(), dof::kNone);
  SurfaceDiffusionResult held = diffusion_on_host(engine, clean, opt);
  held.free_host_max_displacement_A = far.moved_A;
  held.host_tear = HostTear{far.moved_A, far.atom, band, free.message,
                            free.complete ? std::optional<double>(free.Ea_diff_eV) : std::nullopt};
  for (auto& torn : free.hops)
    held.superseded_hops.push_back({std::move(torn), "on the free host, which the band " + band + " tears"});
  for (auto& s : free.superseded_hops)
    held.superseded_hops.push_back({std::move(s.hop), "on the free host: " + s.why});
  const std::string why = fmt::format(
      "host held at the clean slab's relaxed geometry (assumed): on the free host the band {} moves {} {} by {:.2f} Å "
      "(more than the {:.1f} Å tear bound), the adatom pulling it out of the surface, which a fixed-charge potential "
      "cannot describe",
      band, slab.species[far.atom], far.atom, far.moved_A, opt.host_tear_bound_A);
  std::string note = why;
  append_note(note, held.message);
  held.message = std::move(note);
  return held;
}

}  // namespace nabridge
