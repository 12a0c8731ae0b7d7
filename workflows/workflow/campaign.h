#pragma once
// A campaign: which substrates, facets and potentials to study, with which atomistic settings,
// and the mesoscale conditions. Parsed from TOML (TOML++) with strict keys: an unknown key, a
// wrong type or a missing field is one std::invalid_argument naming file, line and key.
// Field-by-field documentation: docs/campaign.md. Units: Å, eV, K as the names say.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/potential_spec.h"

namespace nabridge::workflow {

/// coating.alloy: the coating forms an alloy with Na (Au: NaAu2) and takes Na into it before Na
/// metal grows. Its formation energy is computed with the substrate's potential from a cubic
/// intermetallic prototype (B2, L12, C15: bulk task), or given (formation_eV_per_atom and
/// na_per_coating_atom: then reported as not computed).
struct AlloyEntry {
  std::string phase;                   // e.g. "NaAu2"
  std::string prototype;               // B2 / L12 / C15 with Na as A and the coating element as B; empty: given
  double a_A = 0.0;                    // start of the lattice-constant search (0: from the elements)
  std::optional<double> formation_eV_per_atom, na_per_coating_atom;  // given instead of computed
  std::string source;
  /// The alloy phase's surface Na metal plates on once the coating is full (with a prototype
  /// only): its facet, top (and bottom) layer and atomic layers; the slab is cut across the widest
  /// interlayer gaps with that termination. C15 (111): Na-Au-Na triple layers between Au kagome
  /// layers; "Na" is the Na-rich cut outside a triple layer.
  std::string facet = "111";
  std::string termination = "Na";
  int layers = 7;
};

/// A coating: a few layers of another material on the substrate (e.g. Au on Al), matched to
/// the substrate's surface cell with the strain put on the coating.
struct CoatingEntry {
  std::string prototype;
  std::vector<std::string> elements;
  double a_A = 0.0, c_A = 0.0;
  bool relax_lattice = true;
  int layers = 2;
  std::string termination;
  std::optional<AlloyEntry> alloy;     // an alloying coating
};

/// [substrate.ferroelectric]: the substrate is a ferroelectric coating; its spontaneous
/// polarisation comes from a core–shell model relaxed at 0 K (task "polarization"), its field
/// offset from the screened-film formula (docs/ferroelectric.md). Every number here but the
/// model is an assumed input, and is reported as such.
/// [substrate.ferroelectric.polar_rows]: Na adsorption and hops on the polarised (001) slab of the
/// ferroelectric coating, one parameter-table row per direction of P ("<substrate>-Pup",
/// "<substrate>-Pdown"), run with the shell_potential's Na terms through ShellEngine (task
/// "polar_surface", docs/ferroelectric.md §6). The BO2-terminated face is the top one.
struct PolarRowsEntry {
  std::vector<std::string> directions{"up", "down"};  // P out of the top face ("up") or into it ("down")
  bool electrode_screened = true;      // field: the depolarising field cancelled (short circuit) or open circuit
  std::string host =
      "frozen_relaxed_surface";        // relaxed | frozen_relaxed_surface | clamped_bulk (PolarSurfaceOptions::Host)
  int bilayers = 3;                    // AO/BO2 bilayers of the slab
  int fixed_bilayers = 1;              // bottom bilayers held at the polar bulk
  int repeat = 2;                      // in-plane repeat of the a × a cell
  double vacuum_A = 15.0;
  double fmax_eV_A = 5e-3;             // relaxations (clean slab, adatom)
  double shell_ftol_eV_A = 1e-5;       // the shells' relaxation at every force call
  bool hops = true;
  int neb_images = 5;
  double neb_fmax_eV_A = 1e-2;
  /// A Na film on the polarised slab too (task "polar_film", W_ad and θ of the row): needs the
  /// shell_potential's [metal_film]; the film settings are [atomistic]'s.
  bool film = false;
};

struct FerroelectricEntry {
  PotentialSpec shell_potential;       // a core–shell model (potentials/<id>, [shells] tables)
  double a_guess_A = 4.0;              // cubic start of the relaxation
  int cells = 2;                       // n × n × n perovskite cells
  bool toward_collector = true;        // P down: the direction a plating bias poles the coating
  double thickness_nm = 0.0;           // coating thickness
  double eps_film = 0.0;               // background relative permittivity of the coating
  double lambda_collector_A = 0.0;     // collector metal's screening (Thomas–Fermi) length
  double carrier_density_m3 = 0.0;     // mobile Na+ density of the electrolyte (Debye length)
  double eps_electrolyte = 0.0;        // electrolyte relative permittivity
  std::optional<PolarRowsEntry> polar_rows;  // Na on the polarised slab, P up and P down
};

struct SubstrateEntry {
  std::string name;                    // unique, used in task names and the parameter table
  std::string prototype;               // fcc, bcc, perovskite, rocksalt, corundum
  std::vector<std::string> elements;
  double a_A = 0.0;                    // lattice constant (the start of the search when relaxing)
  double c_A = 0.0;                    // perovskite c (0 = cubic)
  bool relax_lattice = true;           // minimise E(a) with the potential (c/a kept)
  std::vector<std::string> facets;     // Miller indices as written, e.g. "111", "100", "001"
  std::string termination;             // e.g. "TiO2" (empty = first the cut offers)
  /// Slab layers and in-plane repeat for this substrate (0 = [atomistic]'s): a crystal whose
  /// stoichiometric, non-polar stacking needs a layer count of its own (corundum (0001): 3n) or
  /// whose surface cell is large.
  int layers = 0;
  int repeat = 0;
  /// Keys into Campaign::potentials; with two or more, every quantity is computed with each
  /// and the report shows the spread between them.
  std::vector<std::string> potentials;
  std::optional<CoatingEntry> coating; // the surface is the coating's when set
  std::string source;                  // where its numbers come from (free text)
  /// Built-in field of a polar coating as a local overpotential offset in the mesoscale model
  /// (an input, not computed atomistically; 0 = none). Positive favours plating.
  double field_offset_mV = 0.0;
  /// A ferroelectric coating whose offset is computed instead (excludes field_offset_mV).
  std::optional<FerroelectricEntry> ferroelectric;
};

struct AtomisticSettings {
  int layers = 5;                 // slab layers
  int fixed_layers = 2;           // bottom layers held fixed
  int repeat = 3;                 // in-plane repetition of the surface cell (repeat × repeat)
  double vacuum_A = 12.0;
  double fmax_eV_A = 1e-3;        // relaxations
  double adatom_height_A = 2.0;   // start height of Na above the top layer
  int neb_images = 5;
  double neb_fmax_eV_A = 2e-3;
  double hessian_radius_A = 3.2;  // Vineyard prefactors
  bool hops = true;               // run NEB hops (the slowest task type)
  bool adhesion = true;           // Na film on each facet: W_ad, γ_int, θ, UBER
  int film_layers = 3;            // Na film layers
  double film_vacuum_A = 20.0;    // above the film: > cutoff + the UBER scan's 6 Å
  double max_strain = 0.05;       // largest principal strain put on the Na film
  int max_atoms = 400;            // interface size limit of the lattice match
  int registry_points = 3;        // rigid registry scan, n × n shifts (0 = none)
};

struct NaSettings {
  std::string potential;          // key into Campaign::potentials (must contain Na)
  double a_guess_A = 4.23;        // bcc Na lattice-constant search start
  std::string facet = "110";      // Na surface for gamma_Na (bcc close-packed)
  bool vacancy = true;            // vacancy formation + migration in bulk Na
  int vacancy_cells = 3;          // n × n × n conventional bcc cells
};

struct Campaign {
  std::filesystem::path file;           // the TOML file
  std::filesystem::path output_dir;     // absolute; inside the campaign's folder
  std::string name;
  std::string lammps_version;           // [campaign] lammps: the LAMMPS it must run on; empty = any
  double T_K = 298.15;
  std::map<std::string, PotentialSpec> potentials;
  /// Folder (potentials/<id>) of each potential named by a shipped id, by key of `potentials`;
  /// where the report finds its dft_validation.csv. Inline and KIM potentials have none.
  std::map<std::string, std::filesystem::path> potential_folders;
  std::vector<SubstrateEntry> substrates;
  AtomisticSettings atomistic;
  NaSettings na;
  /// [mesoscale] passed through to the upscaling task ([conditions] of `nabridge upscale`);
  /// [na_continuum]: Na and solid-electrolyte parameters not computed atomistically.
  nlohmann::json mesoscale = nlohmann::json::object();
  nlohmann::json na_continuum = nlohmann::json::object();
};

/// Parses and validates a campaign. `output_override` (if non-empty) replaces [campaign] output;
/// both must resolve inside the campaign file's folder. `potential_dirs` are searched for
/// shipped potential ids.
Campaign load_campaign(const std::filesystem::path& file, const std::filesystem::path& output_override = {},
                       const std::vector<std::filesystem::path>& potential_dirs = {});

}  // namespace nabridge::workflow
