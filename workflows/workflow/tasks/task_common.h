#pragma once
// What the task implementations share: the engine from a task's potential, the structures they
// are built on, and JSON helpers. Task functions run inside a worker process (LAMMPS errors end
// only that process). Units: eV, Å, J/m², as in the result keys.
#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/engine.h"
#include "core/engine_factory.h"
#include "core/shell_perovskite.h"
#include "core/structure.h"
#include "protocols/adsorption.h"
#include "protocols/film_adhesion.h"
#include "protocols/isolated_atom.h"
#include "protocols/surface_diffusion.h"
#include "structure/io.h"
#include "structure/slab.h"

namespace nabridge::workflow {

struct TaskContext {
  nlohmann::json params;                          // Task::params
  std::map<std::string, nlohmann::json> inputs;   // input task name -> its result
  std::filesystem::path dir;                      // scratch/output folder of this task
  /// Threads the task may use: the run's --jobs, for tasks that run alone at the end of the graph
  /// (the mesoscale sweep). Not part of the task key: results do not depend on it.
  int threads = 1;
  /// Builds the engines of the tasks that take their potential from params["potential"]: LAMMPS in
  /// the worker (use_lammps_engines), an analytic engine in a test. Not part of the task key either.
  EngineFactory engine_factory;
  /// The same for the ferroelectric tasks' core–shell model: its engine (polar_surface) and its
  /// relaxed polar bulk (polarization).
  ShellEngineFactory shell_engine_factory;
  ShellPerovskiteRelaxer relax_perovskite;

  /// An engine for `potential` (a task's params["potential"]) from engine_factory; throws
  /// std::logic_error when no factory is set.
  std::unique_ptr<Engine> engine(const nlohmann::json& potential) const;
  /// A core–shell engine for `potential` from shell_engine_factory; std::logic_error when unset.
  std::unique_ptr<Engine> shell_engine(const nlohmann::json& potential, const ShellEngineOptions& options) const;
  /// relax_perovskite's relaxed bulk of `model`; std::logic_error when unset.
  ShellPerovskite relaxed_perovskite(const PotentialSpec& model, const std::array<std::string, 3>& abo, double a0_A,
                                     int n, double seed_A) const;

  /// The single input of this type: named `type`, `type/...` or `type@...` (e.g. "bulk/Cu",
  /// "na_bulk@meam"); throws if absent.
  const nlohmann::json& input(const std::string& type) const;
};

/// Writes `frames` to <task folder>/<name>.extxyz for ASE and OVITO, filling in each frame's
/// energy and forces from `engine` where missing; returns the file's path relative to the run
/// folder ("work/KEY/name.extxyz"), the form the task's result records.
std::string write_structures(Engine& engine, const TaskContext& ctx, const std::string& name,
                             std::vector<XyzFrame> frames);

/// Per site of an adsorption scan: label, relaxed position, E_bind, E_ads, where it moved, its
/// multiplicity, whether only a symmetry-broken start found its state and, where its free relaxation
/// tore the host (the values are then on the held host), how, and the host's largest move from the
/// relaxed clean slab in the free relaxation (the result's "sites").
nlohmann::json adsorption_sites_json(const AdsorptionResult& r);

/// The scan's site that `state` (one of the scan's adatom states) ended on (a start site it left is
/// not its site).
const AdsorptionSite& landed_site(const AdsorptionResult& r, const AdsorptionSiteResult& state);

/// A hop network as the hops task reports it (minima, every hop with its band written as extended
/// XYZ, Ea_diff, nu0, D_s, complete and its message).
nlohmann::json surface_diffusion_json(Engine& engine, const TaskContext& ctx, const SurfaceDiffusionResult& r);

/// Bulk bcc Na in `engine` as the na_bulk task reports it (a_A, E_coh_eV, gamma_Na_J_m2 of
/// params["facet"], ...); params: a_guess_A, facet, slab (task_bulk.cpp).
nlohmann::json na_bulk_properties(Engine& engine, const nlohmann::json& params, const std::string& na_species);

/// The species of metallic Na (adatom, film, bcc Na) in the task's potential (params["potential"]):
/// "Na:metal" where the model has metallic Na as a type of its own (nai-eim-nadft), else "Na".
std::string metallic_na_species(const nlohmann::json& params);

/// A film adhesion's settings from a task's params: film_layers, film_vacuum_A, max_strain,
/// max_atoms, registry_points (task_adhesion.cpp).
FilmAdhesionOptions film_adhesion_options(const nlohmann::json& params);

/// A film adhesion's result as the adhesion task reports it: W_ad (relaxed, unrelaxed), γ_int,
/// the Young–Dupré contact angle cos θ = W_ad/γ_Na − 1 (clamped at complete / no wetting), the
/// UBER fit and curve, the film's strain (task_adhesion.cpp).
nlohmann::json film_adhesion_json(const FilmAdhesionResult& r, double gamma_Na_J_m2);

/// Throws std::runtime_error naming facet, termination and layer count when the potential has
/// point charges and the slab is charged or has a dipole normal to its surface (slab_polarity).
void require_nonpolar(const Structure& slab, const nlohmann::json& params);

/// The surface Na meets: the substrate's slab, or with a coating (bulk_result["coating"]) its
/// layers matched onto the substrate slab (strain on the coating), moved to the lowest-energy
/// rigid registry. top_spacing_A: interlayer spacing at the top (default film gaps).
struct SurfaceSlab {
  Structure structure;
  double top_spacing_A = 0.0;
  double coating_strain = 0.0;  // largest principal strain put on the coating (0 without)
};
SurfaceSlab make_surface_slab(Engine& engine, const nlohmann::json& params, const nlohmann::json& bulk_result,
                              int fixed_layers);

/// The crystal a surface-type task (surface, adsorption, adhesion) cuts its slab from: the bulk
/// task's result, or with params["alloy_surface"] the alloy phase its coating turns into (the bulk
/// result's coating.alloy, Na as A and the coating element as B, at the potential's lattice
/// constant) in the same form, without a coating.
nlohmann::json slab_bulk(const nlohmann::json& params, const nlohmann::json& bulk_result);

/// The site search's options of a surface-type task: it may narrow the top layer's height
/// tolerance (params["site_layer_tol_A"]) for a surface with a layer just below its top, e.g.
/// C15 (111) Na-terminated, whose Au lies 0.6 Å under the top Na.
SiteOptions site_options(const nlohmann::json& params);

/// The host tear bound (protocols/host_tear.h) of the task's potential (params["potential"]):
/// 1 Å with point charges, NaN for metals.
double host_tear_bound_A(const nlohmann::json& params);

/// Slab of `facet` from the bulk in params ("prototype", "elements", "termination") and the
/// task's [slab] settings; `fixed` overrides the number of frozen bottom layers.
Slab make_task_slab(const nlohmann::json& params, const nlohmann::json& bulk_result, int fixed_layers);

}  // namespace nabridge::workflow
