#pragma once
// The DFT reference set (data/reference/dft/reference.toml): which systems NaBridge computes with
// CP2K, built from the project's structure builders, and the reference quantities derived from
// them (E_bind of a Na adatom per site vs the isolated spin-polarised atom, E_ads vs bcc Na, the
// adatom height z_min, compound formation energies E_form, the work of adhesion W_ad of a Na
// film and its height).
#include <filesystem>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/structure.h"
#include "engines/cp2k_input.h"

namespace nabridge::workflow {

/// The lowest adatom height above the top layer that the set computes and that a potential's
/// relaxed adatom is searched down to: Na sits 1.28 Å above the O4 hollow of TiO2-terminated
/// BaTiO3(001) in PBE, and a model's minimum there may lie lower still.
inline constexpr double kLowestAdatomHeight_A = 0.5;

/// The configuration name of a film system's relaxed film (relax_from_gap_A).
inline constexpr const char* kRelaxedFilmConfig = "film_relaxed";

/// One CP2K calculation of the set: relaxed over its free degrees of freedom (CP2K GEO_OPT) if it
/// has any, else a single point.
struct DftCalculation {
  std::string system;    // e.g. "Al111"
  std::string config;    // "atom", "bulk", "clean", a site label ("fcc") or a scan point ("fcc_z2.70")
  Structure structure;
  Cp2kSettings settings;
  std::string site;              // adsorption: the site label; film: the film label; empty otherwise
  double overlayer_height_A = 0.0;  // scan points: the adatom's or film's fixed height above the top layer
  double lattice_constant_A = 0.0;  // lattice scans: the cubic cell's lattice constant
};

enum class DftSystemKind { kAtom, kBulk, kCompound, kAdsorption, kFilm, kSurface };

/// A system of the set and how its reference quantities follow from its calculations.
struct DftSystem {
  std::string name;
  DftSystemKind kind = DftSystemKind::kBulk;
  std::string facet;                      // adsorption, film, surface: the slab's facet, "111", "100"
  std::string adsorbate;                  // adsorption: "Na"; film: the film's element(s), "Na"
  std::string atom_reference;             // name of the isolated-atom system (adsorption)
  std::string bulk_reference;             // adsorption: the adsorbate's bulk system; surface: the slab's
  std::vector<std::string> element_references;  // compound: one bulk system per element
  std::string prototype;                  // compound: intermetallic prototype ("C15")
  std::vector<std::string> elements;      // compound: [A, B] in the prototype's formula
  double top_layer_z_A = 0.0;             // adsorption, film: height of the clean top layer
  std::size_t first_film_atom = 0;        // film: the film's atoms follow the substrate's
  double interface_area_A2 = 0.0;         // film: area of the interface cell
  std::vector<DftCalculation> calculations;  // in the order they run
};

struct DftReferenceSet {
  std::filesystem::path file;   // the description
  std::filesystem::path dir;    // where results go: <dir>/<system>/<config>.json
  std::vector<DftSystem> systems;
};

/// Reads and checks the description; every error names the file, line and key.
DftReferenceSet read_dft_reference_set(const std::filesystem::path& toml_file);

/// One row of summary.csv (system,facet,site,quantity,value,unit).
struct DftSummaryRow {
  std::string system, facet, site, quantity;
  double value = 0.0;
  std::string unit;
};

/// Result of one calculation as the summary needs it.
struct DftOutcome {
  double energy_eV = 0.0;
  Structure structure;   // final structure
};

/// The system of `set` named `name`, or nullptr.
const DftSystem* find_dft_system(const DftReferenceSet& set, const std::string& name);

/// The finished calculation `<system>/<config>` of `done`, or nullptr.
const DftOutcome* find_dft_outcome(const std::map<std::string, DftOutcome>& done, const std::string& system,
                                   const std::string& config);

/// Derived quantities of every system whose needed calculations are all in `done`, keyed
/// "<system>/<config>". Systems with missing inputs contribute no rows.
std::vector<DftSummaryRow> dft_summary(const DftReferenceSet& set, const std::map<std::string, DftOutcome>& done);

/// A finished cell of a compound or scanned bulk system (its composition and a start for a potential's own
/// relaxation): the single cell, or the first finished point of a lattice scan; nullptr if none.
const DftOutcome* finished_cell(const DftSystem& sys, const std::map<std::string, DftOutcome>& done);

/// A compound's or scanned bulk's DFT energy minimum over its cubic lattice constant,
/// (a_min_A, E_cell_eV): the single cell as given, or the vertex of the parabola through a lattice scan's lowest point
/// and its neighbours; nullopt while unfinished or when the scan does not bracket a minimum.
std::optional<std::pair<double, double>> lattice_energy_minimum(const DftSystem& sys,
                                                                const std::map<std::string, DftOutcome>& done);

/// Formation energy per atom of a compound cell, (E − Σ_e n_e μ_e) / N, with μ_e the energy per
/// atom of element e in its reference (from DFT or from a potential: the caller's energies).
double formation_energy_per_atom(const Structure& compound, double compound_energy_eV,
                                 const std::map<std::string, double>& mu_eV_per_atom);

/// The DFT formation energy per atom of a compound system at its energy minimum; nullopt until
/// the compound (bracketed, if scanned) and its single-element references have finished.
std::optional<double> dft_formation_energy(const DftSystem& sys, const std::map<std::string, DftOutcome>& done);

std::string dft_summary_csv(const std::vector<DftSummaryRow>& rows);

/// One point of an adatom binding curve E(z) (scanned sites).
struct DftCurvePoint {
  std::string system, facet, site;
  double z_A = 0.0, e_bind_eV = 0.0, e_ads_vs_bulk_eV = 0.0;
};
std::vector<DftCurvePoint> dft_binding_curves(const DftReferenceSet& set,
                                              const std::map<std::string, DftOutcome>& done);
std::string dft_binding_curves_csv(const std::vector<DftCurvePoint>& points);

/// Vertex (x, y) of the parabola through three points with distinct x; nullopt when the points
/// do not bracket a minimum (the parabola opens downwards or the vertex lies outside them).
std::optional<std::pair<double, double>> parabola_minimum(const std::array<double, 3>& x,
                                                          const std::array<double, 3>& y);

}  // namespace nabridge::workflow
