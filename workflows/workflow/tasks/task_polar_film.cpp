// polar_film: W_ad of a Na film on the BO2-terminated top face of a ferroelectric coating's
// polarised (001) slab, one direction of P per task (docs/ferroelectric.md §7). The slab, its
// boundary conditions and its host as in polar_surface (polar_slab_task.h); the film is a few
// layers of bcc Na of the shell model's metal film (potentials::metal_film_model: Na–Na the metal of its
// [metal_film], each film Na keeping the model's Na terms toward the host), matched onto the
// slab with bounded strain and moved to its best rigid registry, then the relaxed work of
// separation and the Young–Dupré angle with γ_Na of the same metal (film_adhesion.h).
#include <fmt/format.h>

#include <stdexcept>

#include "optimize/fire.h"
#include "potentials/potential_library.h"
#include "protocols/film_adhesion.h"
#include "structure/prototypes.h"
#include "workflow/miller.h"
#include "workflow/potential_json.h"
#include "workflow/tasks/polar_slab_task.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

/// Cost settings of the film's engine (docs/ferroelectric.md §7, "Cost"; every call relaxes the
/// host's shells on the ~270-particle interface): the Ewald sum at 1e-6 relative force accuracy
/// (LAMMPS's estimate ~1e-5 eV/A RMS) instead of the model's 1e-8, a third of the k-vectors of the
/// film's long cell; the shells to 1e-4 eV/A instead of the row's 1e-5, which is kept for the
/// finite-difference Hessians of the hops (there are none here). Measured together against the
/// model's sum and the row's tolerance: W_ad moves by 4e-6 (P up) and 1.1e-5 J/m2 (P down), the
/// force calls are the same, the CPU time a third.
constexpr double kFilmEwaldAccuracy = 1e-6;
constexpr double kFilmShellFtol_eV_A = 1e-4;

nlohmann::json run_polar_film_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  PolarSlabSetup setup = polar_slab_setup(ctx);
  const PotentialSpec film_model = potentials::metal_film_model(setup.model);
  ShellEngineOptions engine_options = setup.engine;
  engine_options.ewald_accuracy = kFilmEwaldAccuracy;
  engine_options.shell_ftol_eV_A = kFilmShellFtol_eV_A;
  auto engine = ctx.shell_engine(to_json(film_model), engine_options);

  // The clean slab relaxed and judged as polar_surface's, then held as its host option says.
  Structure slab = setup.cell;
  const PolarHost host = prepare_polar_host(*engine, slab, setup.host);
  // Bulk Na and its γ in the film's own metal alone (the task's ordinary engine: the shell engine
  // has no virial for the lattice constant), for the film's lattice and Young–Dupré.
  const nlohmann::json na =
      na_bulk_properties(*ctx.engine(to_json(potentials::metal_alone_model(setup.model))), p.at("na"), "Na");

  FilmAdhesionOptions opt = film_adhesion_options(p);
  Fire fire(setup.host.relax);
  opt.adhesion.optimizer = &fire;
  opt.gamma_film_J_m2 = na.at("gamma_Na_J_m2").get<double>();
  const double layer_spacing_A = ctx.input("polarization").at("c_A").get<double>() / 2.0;
  FilmAdhesionResult r;
  try {
    r = film_adhesion_on_slab(*engine, slab, layer_spacing_A, bulk_bcc("Na", na.at("a_A")),
                              parse_miller(p.at("na").at("facet")), opt);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(fmt::format("polar_film {}: the Na film on the polarised slab's {:.4f} A cell: {}",
                                            p.at("substrate").get<std::string>(), slab.cell(0, 0), e.what()));
  }

  const std::string host_text = polar_host_text(setup.host.host);
  const MetalFilmSpec& metal = film_model.metal_film;
  const std::string film_text = fmt::format(
      "Na film on the polarised slab (ASSUMED, NaBridge's, not the published model): Na-Na the metal of {}'s "
      "[metal_film] ({}, no Na-Na Coulomb); each film Na keeps {:+.3f} e (DSF) and the Na-O terms of {} toward the host; "
      "the film's net charge is not compensated and does not feel the screening field",
      film_model.id, metal.pair_style, film_model.charges_e.at(metal.element), film_model.id);
  nlohmann::json result = film_adhesion_json(r, na.at("gamma_Na_J_m2"));
  result["direction"] = p.at("direction");
  result["polarisation"] = setup.direction;
  result["depolarising_field"] = setup.field;
  result["host_relaxation"] = host_text;
  result["host_field_V_A"] = setup.engine.host_field_V_A;
  result["ewald_accuracy"] = kFilmEwaldAccuracy;
  result["shell_ftol_eV_A"] = kFilmShellFtol_eV_A;
  result["bo2_off_centring_A"] = host.d_A;
  result["film_model"] = film_text;
  result["na_film_bulk"] = na;
  result["assumed"] = {
      film_text,
      fmt::format("theta_deg from Young-Dupre with gamma_Na(110) = {:.4f} J/m2 of the film's own metal",
                  na.at("gamma_Na_J_m2").get<double>()),
      fmt::format("Na film on the polarised slab: {} layers, {} bilayers ({} held at the polar bulk), host {}",
                  opt.film_layers, setup.bilayers, setup.fixed_bilayers, host_text)};
  result["structures"] = {
      {"interface",
       write_structures(*engine, ctx, "interface",
                        {XyzFrame{r.adhesion.structure_AB,
                                  r.adhesion.energy_AB_eV,
                                  std::nullopt,
                                  {{"state", "Na film on the polarised slab at its relaxed separation"}}}})}};
  result["relax_steps"] = {
      {"interface", r.adhesion.relax_AB.steps}, {"slab", r.adhesion.relax_A.steps}, {"film", r.adhesion.relax_B.steps}};
  result["force_calls"] = engine->force_calls();
  return result;
}

}  // namespace nabridge::workflow
