#include "protocols/film_adhesion.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "structure/slab.h"

namespace nabridge {

double film_W_ad_J_m2(const AdhesionResult& a) { return std::max(a.W_sep_J_m2, 0.0); }

double young_dupre_theta_deg(double W_ad_J_m2, double gamma_film_J_m2) {
  return std::acos(std::clamp(W_ad_J_m2 / gamma_film_J_m2 - 1.0, -1.0, 1.0)) * 180.0 / M_PI;
}

FilmAdhesionResult film_adhesion(Engine& engine, const Structure& substrate_bulk, const Eigen::Vector3i& facet,
                                 const Structure& film_bulk, const Eigen::Vector3i& film_facet,
                                 const FilmAdhesionOptions& opt) {
  SlabSpec sub_spec;
  sub_spec.miller = facet;
  sub_spec.layers = opt.substrate_layers;
  sub_spec.fixed_layers = opt.substrate_fixed_layers;
  sub_spec.termination = opt.substrate_termination;
  sub_spec.vacuum_A = opt.vacuum_A;
  const Slab sub = make_slab(substrate_bulk, sub_spec);
  return film_adhesion_on_slab(engine, sub.structure, sub.interlayer_spacing_A, film_bulk, film_facet, opt);
}

FilmAdhesionResult film_adhesion_on_slab(Engine& engine, const Structure& substrate_slab, double substrate_spacing_A,
                                         const Structure& film_bulk, const Eigen::Vector3i& film_facet,
                                         const FilmAdhesionOptions& opt) {
  if (opt.registry_points_a < 0 || opt.registry_points_b < 0 ||
      (opt.registry_points_a == 0) != (opt.registry_points_b == 0))
    throw std::invalid_argument(
        "film adhesion: 'registry_points_a/registry_points_b' must both be 0 (no scan) or both >= 1");
  if (!std::isnan(opt.separation_A) && !(opt.separation_A > 0))
    throw std::invalid_argument("film adhesion: 'separation_A' must be > 0 (or NaN for the default)");

  SlabSpec film_spec;
  film_spec.miller = film_facet;
  film_spec.layers = opt.film_layers;
  film_spec.termination = opt.film_termination;
  film_spec.vacuum_A = opt.vacuum_A;
  const Slab film = make_slab(film_bulk, film_spec);

  InterfaceOptions io;
  io.match = opt.match;
  io.vacuum_A = opt.vacuum_A;
  io.separation_A = std::isnan(opt.separation_A) ? 0.5 * (substrate_spacing_A + film.interlayer_spacing_A)
                                                 : opt.separation_A;

  FilmAdhesionResult res;
  res.separation_A = io.separation_A;
  res.interface = build_interface(substrate_slab, film.structure, io);
  if (opt.registry_points_a > 0) {
    res.registry = registry_scan(engine, res.interface, opt.registry_points_a, opt.registry_points_b);
    res.film_shift_A = res.registry->points[res.registry->best].shift_A;
    res.interface.structure = shift_film(res.interface, res.film_shift_A);
  }
  res.natoms = res.interface.structure.size();

  AdhesionOptions ao = opt.adhesion;
  if (opt.gamma_substrate_J_m2) ao.gamma_A_J_m2 = opt.gamma_substrate_J_m2;
  if (opt.gamma_film_J_m2) ao.gamma_B_J_m2 = opt.gamma_film_J_m2;
  res.adhesion = work_of_separation(engine, res.interface.structure, res.interface.in_film, ao);
  return res;
}

}  // namespace nabridge
