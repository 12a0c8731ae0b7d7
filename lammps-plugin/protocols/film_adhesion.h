#pragma once
// Adhesion of a film (e.g. Na) on a substrate (e.g. an Al or Cu collector): both slabs are cut
// from their bulk crystals, their in-plane lattices matched with bounded strain (Zur–McGill,
// structure/interface.h), the film stacked above the substrate, optionally moved to the
// lowest-energy rigid registry (protocols/registry_scan.h), and the work of separation computed
// by work_of_separation (relaxed and unrelaxed, with the UBER scan):
//     W_sep = (E_substrate + E_film − E_interface) / A,    γ_int = γ_substrate + γ_film − W_sep.
// The film is strained in all three energies, so its elastic energy cancels in W_sep; W_sep is
// the work to separate the coherent (strained) interface.
#include <limits>
#include <map>
#include <optional>
#include <string>

#include "core/engine.h"
#include "protocols/adhesion.h"
#include "protocols/host_tear.h"
#include "protocols/registry_scan.h"
#include "structure/interface.h"

namespace nabridge {

/// A film's W_ad: W_sep, or 0 when the relaxed contact lies above its separated parts (the film
/// does not hold on).
double film_W_ad_J_m2(const AdhesionResult& a);

/// Young–Dupré contact angle (°) of a film with W_ad on a substrate, γ_film its own surface energy:
/// cos θ = W_ad/γ_film − 1, clamped at complete (0°) and no wetting (180°).
double young_dupre_theta_deg(double W_ad_J_m2, double gamma_film_J_m2);

struct FilmAdhesionOptions {
  int substrate_layers = 6;
  int substrate_fixed_layers = 2;      // bottom layers of the substrate held fixed
  std::string substrate_termination;   // as SlabSpec::termination ("" = the cut's first)
  int film_layers = 4;                 // a few Na layers: thin film, not bulk Na
  std::string film_termination;
  /// Vacuum above the film; must exceed the potential's cutoff plus adhesion.scan_max_A.
  double vacuum_A = 20.0;
  /// Defaults: 5 % maximal principal mismatch strain, ≤ 400 atoms, all strain on the film.
  LatticeMatchOptions match;
  /// Initial gap between the substrate's top and the film's bottom layer; NaN = the mean of
  /// the two slabs' interlayer spacings (the bulk spacing when film = substrate).
  double separation_A = std::numeric_limits<double>::quiet_NaN();
  /// Rigid registry scan over the substrate's primitive cell before relaxing: a points_a ×
  /// points_b grid; 0 × 0 = no scan (the film keeps the in-plane position the slab cut gives).
  int registry_points_a = 0, registry_points_b = 0;
  AdhesionOptions adhesion;  // relax, optimizer, UBER scan; A = substrate, B = film
  /// Surface energies for γ_int (override adhesion.gamma_A_J_m2 / gamma_B_J_m2 when set).
  std::optional<double> gamma_substrate_J_m2, gamma_film_J_m2;
};

struct FilmAdhesionResult {
  AdhesionResult adhesion;    // W_sep_J_m2, W_sep_unrelaxed_J_m2, gamma_int_J_m2, uber, curve
  Interface interface;        // the unrelaxed interface as evaluated (after the registry scan)
  std::optional<RegistryScanResult> registry;  // when scanned
  Eigen::Vector2d film_shift_A = Eigen::Vector2d::Zero();  // registry applied to the film
  std::size_t natoms = 0;
  double separation_A = 0.0;  // initial gap used
};

/// substrate_bulk / film_bulk: bulk prototypes (structure/prototypes.h); facet / film_facet:
/// Miller indices. Throws std::invalid_argument naming the field (slab, match or adhesion
/// options) on bad input or when no lattice match exists within the bounds.
FilmAdhesionResult film_adhesion(Engine& engine, const Structure& substrate_bulk, const Eigen::Vector3i& facet,
                                 const Structure& film_bulk, const Eigen::Vector3i& film_facet,
                                 const FilmAdhesionOptions& opt = {});

/// The same on a substrate slab built elsewhere (e.g. a coated collector: a coating film already
/// on its substrate). `substrate_spacing_A` is its top interlayer spacing (for the default gap);
/// the substrate_* slab options are not used.
FilmAdhesionResult film_adhesion_on_slab(Engine& engine, const Structure& substrate_slab, double substrate_spacing_A,
                                         const Structure& film_bulk, const Eigen::Vector3i& film_facet,
                                         const FilmAdhesionOptions& opt = {});

}  // namespace nabridge
