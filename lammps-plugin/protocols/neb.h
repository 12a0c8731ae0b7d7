#pragma once
// Climbing-image nudged elastic band (Henkelman, Uberuaga, Jónsson, J. Chem. Phys. 113, 9901
// (2000); improved tangent: Henkelman & Jónsson, J. Chem. Phys. 113, 9978 (2000)), with linear
// or IDPP interpolation (Smidstrup et al., J. Chem. Phys. 140, 214106 (2014)). Images are
// evaluated in-process with one engine; the band is relaxed with FIRE or L-BFGS (all images at
// once), first without, then with the climbing image. Units: eV, Å.
#include <string>
#include <vector>

#include "core/engine.h"

namespace nabridge {

struct NebOptions {
  int images = 7;                      // intermediate images (endpoints excluded)
  std::string interpolation = "idpp";  // "idpp" or "linear"
  double spring_eV_A2 = 5.0;           // spring constant (maximum spring with energy weighting)
  bool energy_weighted = false;        // springs k in [k/10, k], stiffer near the top
  bool climb = true;
  double climb_switch_eV_A = 0.2;      // climbing starts once the band's max force is below this
  // Convergence on the max per-atom NEB force. Soft collective relaxations of a slab under a
  // strongly bound adatom can leave a barrier tens of meV too high at 0.01 eV/Å (measured for
  // Na on Al(100): 0.166 eV at 0.01, 0.1390 at 0.005, 0.1388 at 0.001), hence the tight default.
  double fmax_eV_A = 2e-3;
  int max_steps = 2000;                // band iterations (both stages together)
  /// Band optimiser: "fire" or "lbfgs" (L-BFGS on the NEB forces without line search, as in
  /// ASE, since the band forces are not the gradient of any energy).
  std::string optimizer = "fire";
  double max_step_A = 0.1;
  /// An intermediate image this far below the lower endpoint marks the band not converged.
  double intermediate_minimum_tolerance_eV = 1e-3;
  bool relax_endpoints = true;
  double endpoint_fmax_eV_A = 1e-3;
  double same_minimum_tol_A = 0.1;     // endpoints closer than this after relaxation: error
};

struct NebResult {
  bool converged = false;
  std::string message;                     // why not converged / what was wrong; empty if fine
  double barrier_eV = 0.0;                 // E(saddle image) − E(initial)
  double reverse_barrier_eV = 0.0;         // E(saddle image) − E(final)
  double dE_eV = 0.0;                      // E(final) − E(initial)
  std::vector<double> reaction_coordinate_A;  // cumulative distance along the band
  std::vector<double> energy_eV;              // image energies, endpoints included
  std::size_t saddle_image = 0;
  /// The lowest intermediate image when it lies below both endpoints (the band runs through
  /// another minimum; converged is then false); 0 when none does.
  std::size_t below_ends_image = 0;
  std::size_t moving_atom = 0;             // atom with the largest displacement between endpoints
  Vec3 saddle_A;                           // its position in the highest image
  std::vector<Structure> images;           // final band, endpoints included
  long force_calls = 0;
  int iterations = 0;
};

/// Relaxes the endpoints (if requested), interpolates and relaxes the band. Never throws for
/// non-convergence: converged = false and message say why. Throws std::invalid_argument for
/// endpoints that do not match (atom count, species, cell).
NebResult run_neb(Engine& engine, Structure initial, Structure final, const NebOptions& opt = {});
/// The band stage of run_neb alone, from a given band (endpoints included, held as given): to
/// restart a band, e.g. one moved off a symmetry ridge it converged onto.
NebResult relax_band(Engine& engine, std::vector<Structure> images, const NebOptions& opt = {});

/// Linear interpolation of n intermediate images between a and b (b's atoms taken at their
/// periodic image nearest to a's); endpoints included in the returned list.
std::vector<Structure> interpolate_linear(const Structure& a, const Structure& b, int n);
/// IDPP: images relaxed on the image-dependent pair potential built from the endpoints' pair
/// distances (pairs within 8 Å), starting from the linear path.
std::vector<Structure> interpolate_idpp(const Structure& a, const Structure& b, int n);

}  // namespace nabridge
