#pragma once
// Surface diffusion of an adatom from its hops: adsorption minima among the symmetry-unique
// sites, one CI-NEB per symmetry-distinct nearest hop, Vineyard prefactors, and the diffusion
// tensor of the resulting periodic hop network. Where the minima form a flat multiple well
// (nearest hops shorter than min_hop_A), the long-range barrier to the next cell
// (long_range_barrier.h) takes the place of the hop network.
//
// Diffusion tensor of a continuous-time random walk on a periodic network of states i with
// occupancies π_i ∝ exp(−E_i/kT) and rates k_ij along displacements v_ij:
//   D = ½ Σ_i π_i Σ_j k_ij w_ij w_ijᵀ,  w_ij = v_ij + η_j − η_i,
// where the site shifts η solve Σ_j k_ij (v_ij + η_j − η_i) = 0 for every i (no net drift out of
// any state; η = 0 when each site's hops are symmetric). For a single site type this reduces to
// D = (1/2d) Σ λ² Γ. The effective barrier is the Arrhenius slope of the smallest eigenvalue of
// D (the direction a 2D walk cannot avoid), evaluated between T and T + 10 K.
//
// On a charged substrate (host_tear_bound_A set) the adatom may tear the host (protocols/host_tear.h):
// when a band image (its end states included) moves a host atom further than the bound from the
// clean slab relaxed alone, the whole analysis is repeated with the host held at that geometry,
// and the result says so (host_tear).
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/engine.h"
#include "optimize/optimizer.h"
#include "protocols/neb.h"
#include "symmetry/surface_cell.h"

namespace nabridge {

struct SurfaceDiffusionOptions {
  std::string element = "Na";
  double height_A = 2.0;            // starting height of the adatom above the top layer
  double T_K = 300.0;
  NebOptions neb;                   // images, springs, tolerance of every hop's NEB
  OptimizerOptions relax;           // adatom relaxation on each site
  double stay_tol_A = 0.05;  // a site without an in-plane symmetry is a minimum if the adatom, started 0.13 Å off it,
                             // returns this close
  double stationary_force_eV_A = 1e-3;  // in-plane force below which a site counts as stationary (mode test)
  double min_hop_A = 1.0;  // shorter nearest hops between minima: a flat multiple well (long-range barrier instead)
  double hessian_radius_A = 3.2;    // atoms within this radius of the adatom enter the Hessian
  double site_mode_radius_A = 6.0;  // and for classifying a site (a small frozen-rim Hessian is too stiff)
  SiteOptions sites;                // the surface cell of the sites and hops (top-layer thickness of a rumpled surface)
  /// Host displacement (Å) beyond which the host counts as torn (substrate_tear_bound_A); NaN: never.
  double host_tear_bound_A = std::numeric_limits<double>::quiet_NaN();
};

struct SurfaceHop {
  std::string from, to;
  double length_A = 0.0;
  NebResult neb;
  double nu_Hz = 0.0;               // Vineyard prefactor from `from`
  bool nu_valid = false;
  std::string nu_message;
  /// Equivalent paths between the same two sites: 2 where the straight path lies on a mirror
  /// ridge and the hop crosses either of the two mirror-image saddles beside it (each rate counts).
  int channels = 1;
  /// The band converged onto a saddle between the intended states and both prefactors are
  /// valid: the hop enters the network.
  bool usable = false;
};

/// A band the result no longer uses (SurfaceDiffusionResult::superseded_hops).
struct SupersededHop {
  SurfaceHop hop;
  std::string why;
};

/// Why a result is that of the held host: where the analysis on the free host tore it.
struct HostTear {
  double moved_A = 0.0;       // the largest host displacement from the clean slab relaxed alone
  std::size_t atom = 0;       // its index in the slab
  std::string band;           // "from->to image k" where it was found
  /// The free host's analysis: its message, and its Ea when that network was complete.
  std::string free_message;
  std::optional<double> free_Ea_eV;
};

struct SurfaceDiffusionResult {
  std::vector<std::string> minima;          // site labels that are minima ("low-N": off the high-symmetry sites)
  std::vector<Vec3> low_symmetry_minima_A;  // positions of the "low-N" minima (z = top-layer height)
  std::vector<double> minimum_energy_eV;    // relaxed slab+adatom energies
  std::vector<std::string> unstable;        // sites that are not minima: "label->N imaginary modes" (stationary
                                            // sites) or "label->label" where a free relaxation ended
  std::vector<SurfaceHop> hops;
  /// Bands that were run and then not used, each with why: site hops replaced by a long-range
  /// barrier, hops left out as two hops through a known minimum, the free host's bands when the
  /// host tore. Kept as the evidence for those verdicts.
  std::vector<SupersededHop> superseded_hops;
  double T_K = 0.0;
  bool complete = false;                    // every NEB converged and every prefactor valid
  std::string message;
  double Ea_diff_eV = 0.0;                  // effective barrier of the slow direction
  double nu0_Hz = 0.0;                      // prefactor of the hop whose barrier is closest to Ea_diff
  double D_s_m2_s = 0.0;                    // ½ trace(D): isotropic average
  double D_min_m2_s = 0.0, D_max_m2_s = 0.0;  // eigenvalues of D
  /// With host_tear_bound_A set: the largest host move (Å) over the free host's band images, from
  /// the clean slab relaxed alone; NaN when not measured.
  double free_host_max_displacement_A = std::numeric_limits<double>::quiet_NaN();
  std::optional<HostTear> host_tear;        // set: everything above is on the held host
};

SurfaceDiffusionResult surface_diffusion(Engine& engine, const Structure& slab, const SurfaceDiffusionOptions& opt);

/// The network part on its own (for tests): states at positions with energies, hop edges with
/// rates; returns the 2x2 (xy) diffusion tensor in m²/s. Positions in Å.
struct HopEdge { std::size_t from, to; Vec3 vector_A; double rate_Hz; };
Eigen::Matrix2d network_diffusion_tensor(const std::vector<double>& energies_eV, const std::vector<HopEdge>& edges,
                                         double T_K);

}  // namespace nabridge
