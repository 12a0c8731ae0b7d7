// adhesion: a few layers of bcc Na (the campaign's Na facet) on the substrate facet, in-plane
// lattices matched with bounded strain (all of it on the soft Na film), a rigid registry scan,
// then the relaxed work of separation with its UBER fit, γ_int = γ_sub + γ_Na − W_ad and the
// Young–Dupré contact angle cos θ = W_ad/γ_Na − 1 (clamped at complete / no wetting). A fixed-charge
// substrate the film tears (an atom moved > 1 Å) is held at its own relaxed geometry, and a contact
// above its separated parts has W_ad = 0; both with a note.
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "optimize/fire.h"
#include "protocols/film_adhesion.h"
#include "structure/prototypes.h"
#include "workflow/miller.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

nlohmann::json run_adhesion_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const nlohmann::json bulk = slab_bulk(p, ctx.input("bulk"));
  const auto& na = ctx.input("na_bulk");
  const auto& surf = ctx.input("surface");
  auto engine = ctx.engine(p.at("potential"));
  // The primitive surface cell: the lattice match picks the smallest supercell that fits Na.
  nlohmann::json primitive = p;
  primitive["slab"]["repeat"] = 1;
  const SurfaceSlab substrate = make_surface_slab(*engine, primitive, bulk, p.at("slab").at("fixed_layers"));
  const Structure film = bulk_bcc(metallic_na_species(p), na.at("a_A"));
  FilmAdhesionOptions opt = film_adhesion_options(p);
  OptimizerOptions fo;
  fo.fmax_eV_A = p.at("slab").at("fmax_eV_A");
  Fire fire(fo);
  opt.adhesion.optimizer = &fire;
  opt.gamma_substrate_J_m2 = surf.at("gamma_J_m2").get<double>();
  opt.gamma_film_J_m2 = na.at("gamma_Na_J_m2").get<double>();
  const FilmAdhesionResult r = film_adhesion_on_slab(*engine, substrate.structure, substrate.top_spacing_A, film,
                                                     parse_miller(na.at("facet")), opt);
  const std::string structures =
      write_structures(*engine, ctx, "interface",
                       {XyzFrame{r.adhesion.structure_AB,
                                 r.adhesion.energy_AB_eV,
                                 std::nullopt,
                                 {{"state", "Na film on the substrate at its relaxed separation"}}}});
  nlohmann::json result = film_adhesion_json(r, na.at("gamma_Na_J_m2"));
  result["structures"] = {{"interface", structures}};
  return result;
}

namespace {
std::string adhesion_note(const FilmAdhesionResult& r) {
  const auto& a = r.adhesion;
  std::string note;
  if (a.W_sep_A_free_J_m2)
    note = fmt::format(
        "the film pulls a substrate {} atom {:.2f} A out of place when the substrate relaxes too (W_ad {:.3f} J/m2): "
        "an interface reaction, not adhesion, and one the potential's fixed charges cannot describe; W_ad with the "
        "substrate held at its own relaxed geometry (only the film relaxes, as in the DFT film relaxation)",
        r.interface.structure.species[a.max_A_displacement_atom], a.max_A_displacement_A, *a.W_sep_A_free_J_m2);
  if (a.W_sep_J_m2 < 0.0)
    note += fmt::format("{}the relaxed contact lies {:.3f} J/m2 above the separated film and substrate: the film "
                        "does not adhere (W_ad = 0, no wetting)",
                        note.empty() ? "" : "; ", -a.W_sep_J_m2);
  return note;
}
}  // namespace

FilmAdhesionOptions film_adhesion_options(const nlohmann::json& params) {
  FilmAdhesionOptions opt;
  opt.adhesion.max_A_displacement_A = host_tear_bound_A(params);
  opt.film_layers = params.at("film_layers");
  opt.vacuum_A = params.at("film_vacuum_A");
  opt.match.max_strain = params.at("max_strain");
  opt.match.max_atoms = params.at("max_atoms");
  opt.registry_points_a = opt.registry_points_b = params.at("registry_points");
  return opt;
}

nlohmann::json film_adhesion_json(const FilmAdhesionResult& r, double gamma_Na_J_m2) {
  const auto& a = r.adhesion;
  const double W_ad_J_m2 = film_W_ad_J_m2(a);  // 0 for a contact above its parts, said in the note
  nlohmann::json curve = nlohmann::json::array();
  for (const auto& [d, e] : a.curve) curve.push_back({d, e});
  const auto& m = r.interface.match;
  const std::string note = adhesion_note(r);
  return {{"W_ad_J_m2", W_ad_J_m2},
          {"W_ad_unrelaxed_J_m2", a.W_sep_unrelaxed_J_m2},
          {"gamma_int_J_m2", a.gamma_int_J_m2 ? *a.gamma_int_J_m2 + a.W_sep_J_m2 - W_ad_J_m2 : std::nan("")},
          {"theta_deg", young_dupre_theta_deg(W_ad_J_m2, gamma_Na_J_m2)},
          {"uber_W_J_m2", a.uber.W_J_m2},
          {"uber_l_A", a.uber.l_A},
          {"uber_d0_A", a.uber.d0_A},
          {"sigma_max_GPa", a.uber.sigma_max_GPa},
          {"uber_converged", a.uber.converged},
          {"uber_curve", curve},
          {"area_A2", a.area_A2},
          {"natoms", r.natoms},
          {"film_strain_max", m.film_strain.max_principal},
          {"film_strain_xx", m.film_strain.xx},
          {"film_strain_yy", m.film_strain.yy},
          {"film_strain_xy", m.film_strain.xy},
          {"film_rotation_deg", m.film_rotation_deg},
          {"relax_converged", a.relax_AB.converged && a.relax_A.converged && a.relax_B.converged},
          {"substrate_max_displacement_A", a.max_A_displacement_A},
          {"W_ad_substrate_free_J_m2", a.W_sep_A_free_J_m2 ? nlohmann::json(*a.W_sep_A_free_J_m2) : nlohmann::json()},
          {"adhesion_note", note.empty() ? nlohmann::json() : nlohmann::json(note)}};
}

}  // namespace nabridge::workflow
