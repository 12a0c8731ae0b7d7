#pragma once
// Validation of the ionic potentials (potentials/nai-tosifumi, nai-eim, batio3-pedone,
// al2o3-pedone): the bulk, surface and adsorption quantities their VALIDATION.md tables list, computed through the
// same Engine/protocol code the workflow uses. Shared by tests/lammps/test_ionic_potentials.cpp (which
// asserts tolerances) and bench/ionic_validation.cpp (which writes the tables). Units: Å, eV, J/m², C/m², GPa.
//
// Surface energies: a symmetric stoichiometric slab for NaI(100), γ = (E_slab − N e_bulk)/2A;
// for the two non-stoichiometric perovskite (001) terminations the convention of Eglitis &
// Vanderbilt, Phys. Rev. B 76, 155439 (2007): with 7-layer slabs AO- and BO2-terminated
// (together 7 formula units), E_unrel = [E_u(AO) + E_u(BO2) − 7 e_fu]/4A is split equally
// between the terminations and each adds its own relaxation, E_rel(Λ) = [E_r(Λ) − E_u(Λ)]/2A.
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/engine.h"
#include "core/potential_spec.h"
#include "nabridge/base/constants.h"
#include "optimize/fire.h"
#include "protocols/adsorption.h"
#include "protocols/cell_relax.h"
#include "protocols/cubic_lattice.h"
#include "protocols/isolated_atom.h"
#include "protocols/surface_energy.h"
#include "structure/prototypes.h"
#include "structure/slab.h"
#include "symmetry/sites.h"

namespace nabridge::testing::ionic {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline OptimizerOptions relax_options(double fmax_eV_A = 1e-3, int max_steps = 5000) {
  OptimizerOptions o;
  o.fmax_eV_A = fmax_eV_A;
  o.max_steps = max_steps;
  return o;
}

// --------------------------------------------------------------------------------------------
// Reference data (data/reference/ionic.toml)

struct Reference {
  double value = kNaN;  // NaN when value_available = false
  std::string cite;     // short label for tables; the full source is in the data file
  bool verified = false;
};

inline Reference reference(const std::string& key) {
  static const toml::table doc = toml::parse_file(std::string(NABRIDGE_SOURCE_DIR) + "/data/reference/ionic.toml");
  const auto dot = key.find('.');
  const auto* t = doc[key.substr(0, dot)][key.substr(dot + 1)].as_table();
  if (!t) throw std::invalid_argument("data/reference/ionic.toml: no entry '" + key + "'");
  Reference r;
  r.value = (*t)["value"].value_or(kNaN);
  r.cite = (*t)["cite"].value_or(std::string("data/reference/ionic.toml ") + key);
  r.verified = (*t)["verified"].value_or(false);
  return r;
}

// --------------------------------------------------------------------------------------------
// Bulk

struct RockSaltBulk {
  double a_A = 0.0;
  double e_fu_eV = 0.0;  // energy per formula unit (2 atoms)
};

inline RockSaltBulk rocksalt_bulk(Engine& engine, const std::string& cation, const std::string& anion,
                                  double a_guess_A) {
  const CubicLattice c = cubic_equilibrium(engine, "rocksalt", {cation, anion}, a_guess_A, 1e-7);
  return {c.a_A, 2.0 * c.energy_eV_per_atom};
}

/// Bulk modulus of a rock-salt crystal at lattice constant a (its minimum), static: B = V d2E/dV2, which with
/// V = a^3/8 per atom is 8 E''(a) / (9 a), E'' a central difference of the energy per atom at a ± 1 %.
inline double rocksalt_bulk_modulus_GPa(Engine& engine, const std::string& cation, const std::string& anion,
                                        double a_A) {
  auto e_atom_eV = [&](double a) {
    const Structure s = repeat(bulk_rocksalt(cation, anion, a), 2, 2, 2);
    return engine.energy(s) / static_cast<double>(s.size());
  };
  const double h_A = 0.01 * a_A;
  const double e2_eV_A2 = (e_atom_eV(a_A - h_A) - 2 * e_atom_eV(a_A) + e_atom_eV(a_A + h_A)) / (h_A * h_A);
  return 8 * e2_eV_A2 / (9 * a_A) * kEvPerA3_to_GPa;
}

/// Tetragonal ABO3 relaxed from a polar start (B shifted +0.1 Å along c, c/a = 1.01): positions by
/// FIRE, the three cell lengths by zeroing the diagonal stress (a = b kept; relax_cell_axes). A paraelectric model
/// returns to cubic; a ferroelectric one keeps c/a > 1 and a B displacement.
struct PerovskitePhase {
  double a_A = 0.0, c_A = 0.0;
  double b_shift_A = 0.0;             // B-cation displacement along c relative to the A frame
  double polarization_C_m2 = 0.0;     // |P| from point charges × displacements
  double e_fu_eV = 0.0;
  double max_stress_GPa = 0.0;
  bool converged = false;
};

inline PerovskitePhase relax_perovskite_polar(Engine& engine, const std::string& A, const std::string& B,
                                              const std::string& O, double a0_A,
                                              const std::map<std::string, double>& charges_e) {
  Structure start = bulk_perovskite(A, B, O, a0_A, 1.01 * a0_A);
  start.positions(2, 1) += 0.1;  // B (atom 1 of bulk_perovskite)
  Fire fire(relax_options(1e-5, 20000));
  CellRelaxOptions co;
  co.optimizer = &fire;
  const CellRelaxResult cr = relax_cell_axes(engine, start, co);
  const Structure& s = cr.structure;
  PerovskitePhase r;
  r.max_stress_GPa = cr.max_stress_GPa;
  r.converged = cr.converged;
  r.a_A = s.cell(0, 0);
  r.c_A = s.cell(2, 2);
  r.e_fu_eV = engine.energy(s);
  // Displacements from the centrosymmetric positions of the same cell, with A as the origin.
  const Structure ideal = bulk_perovskite(A, B, O, r.a_A, r.c_A);
  const Vec3 origin = s.positions.col(0) - ideal.positions.col(0);
  Vec3 dipole = Vec3::Zero();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Vec3 u = minimum_image(
        s, s.positions.col(static_cast<Eigen::Index>(i)) - ideal.positions.col(static_cast<Eigen::Index>(i)) - origin);
    if (i == 1) r.b_shift_A = u.z();
    dipole += charges_e.at(s.species[i]) * u;
  }
  r.polarization_C_m2 = dipole.norm() / s.volume_A3() * kEPerA2_to_C_per_m2;
  return r;
}

// --------------------------------------------------------------------------------------------
// Surfaces

inline Slab make_ionic_slab(const Structure& bulk, int layers, const std::string& termination = "", int repeat = 1,
                            int fixed_layers = 0, double vacuum_A = 20.0) {
  SlabSpec spec;
  spec.miller = Eigen::Vector3i(0, 0, 1);
  spec.layers = layers;
  spec.vacuum_A = vacuum_A;
  spec.termination = termination;
  spec.fixed_layers = fixed_layers;
  spec.repeat_a = spec.repeat_b = repeat;
  return make_slab(bulk, spec);
}

/// γ of a symmetric, stoichiometric rock-salt (100) slab, relaxed (all atoms free) and unrelaxed.
inline SurfaceEnergyResult rocksalt100_surface(Engine& engine, const std::string& cation, const std::string& anion,
                                               const RockSaltBulk& bulk, int layers = 6, bool relax = true) {
  const Slab slab = make_ionic_slab(bulk_rocksalt(cation, anion, bulk.a_A), layers);
  Fire fire(relax_options(1e-4));
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = 0.5 * bulk.e_fu_eV;
  opt.relax = relax;
  opt.optimizer = &fire;
  return surface_energy(engine, slab.structure, opt);
}

struct PerovskiteSurfaces {
  double gamma_unrelaxed_J_m2 = 0.0;  // E_unrel, the same for both terminations
  double gamma_AO_J_m2 = 0.0, gamma_BO2_J_m2 = 0.0;
  double relax_AO_J_m2 = 0.0, relax_BO2_J_m2 = 0.0;  // E_rel (negative)
  bool converged = false;
};

inline PerovskiteSurfaces perovskite001_surfaces(Engine& engine, const std::string& A, const std::string& B,
                                                 const std::string& O, double a_A, double e_fu_eV, int layers = 7) {
  if (layers % 2 == 0) throw std::invalid_argument("perovskite001_surfaces: layers must be odd (symmetric slabs)");
  const Structure bulk = bulk_perovskite(A, B, O, a_A);
  Fire fire(relax_options(1e-4));
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = e_fu_eV / 5.0;
  opt.optimizer = &fire;
  const TerminationPairSurfaceEnergy pair =
      termination_pair_surface_energy(engine, make_ionic_slab(bulk, layers, A + O).structure,
                                      make_ionic_slab(bulk, layers, B + O + "2").structure, bulk, opt);
  PerovskiteSurfaces r;
  r.gamma_unrelaxed_J_m2 = pair.gamma_avg_unrelaxed_J_m2;
  r.gamma_AO_J_m2 = pair.gamma_first_J_m2;
  r.gamma_BO2_J_m2 = pair.gamma_second_J_m2;
  r.relax_AO_J_m2 = pair.gamma_first_J_m2 - pair.gamma_avg_unrelaxed_J_m2;
  r.relax_BO2_J_m2 = pair.gamma_second_J_m2 - pair.gamma_avg_unrelaxed_J_m2;
  r.converged = pair.first.relax.converged && pair.second.relax.converged;
  return r;
}

// --------------------------------------------------------------------------------------------
// Corundum (alpha-Al2O3): the cell relaxed with its c/a and internal coordinates, the bulk modulus
// from the volumes at ±1 GPa (every cell relaxed again), and the Al-terminated (0001) surface.

struct CorundumBulk {
  double a_A = 0.0, c_A = 0.0;
  CorundumInternal internal;
  double e_fu_eV = 0.0;           // per Al2O3 (5 atoms)
  double bulk_modulus_GPa = 0.0;  // −V dP/dV, central difference over ±1 GPa
  bool converged = false;         // all three cell relaxations
};

inline CorundumBulk corundum_bulk(Engine& engine, double a0_A = 4.759, double c0_A = 12.991) {
  Fire fire(relax_options(1e-5, 20000));
  CellRelaxOptions co;
  co.optimizer = &fire;
  co.stiffness_GPa = kCorundumStiffness_GPa;
  const CellRelaxResult r0 = relax_cell_axes(engine, bulk_corundum("Al", "O", a0_A, c0_A), co);
  co.pressure_GPa = 1.0;
  const CellRelaxResult rp = relax_cell_axes(engine, r0.structure, co);
  co.pressure_GPa = -1.0;
  const CellRelaxResult rm = relax_cell_axes(engine, r0.structure, co);
  CorundumBulk b;
  b.a_A = r0.structure.cell(0, 0);
  b.c_A = r0.structure.cell(2, 2);
  b.internal = corundum_internal(r0.structure);
  b.e_fu_eV = r0.energy_eV / 6.0;
  b.bulk_modulus_GPa = r0.structure.volume_A3() * 2.0 / (rm.structure.volume_A3() - rp.structure.volume_A3());
  b.converged = r0.converged && rp.converged && rm.converged;
  return b;
}

inline Structure corundum_cell(const CorundumBulk& b) { return bulk_corundum("Al", "O", b.a_A, b.c_A, b.internal); }

struct CorundumSurface {
  SurfaceEnergyResult gamma;       // all atoms relaxed
  double d12_change_pct = 0.0;     // outermost Al–O3 spacing, relaxed vs bulk (mean of both faces)
};

/// γ of the Al-terminated (0001) slab of `layers` (a multiple of 3), all atoms relaxed.
inline CorundumSurface corundum0001_surface(Engine& engine, const CorundumBulk& b, int layers) {
  const Slab slab = make_ionic_slab(corundum_cell(b), layers, "Al");
  Fire fire(relax_options(1e-4));
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = b.e_fu_eV / 5.0;
  opt.optimizer = &fire;
  CorundumSurface r;
  r.gamma = surface_energy(engine, slab.structure, opt);
  // Mean height of each layer after relaxation (atoms keep their order and layer index).
  std::vector<double> z(slab.layer_z_A.size(), 0.0), n(slab.layer_z_A.size(), 0.0);
  for (std::size_t i = 0; i < slab.structure.size(); ++i) {
    z[slab.layer_of_atom[i]] += r.gamma.structure.positions(2, static_cast<Eigen::Index>(i));
    n[slab.layer_of_atom[i]] += 1.0;
  }
  for (std::size_t l = 0; l < z.size(); ++l) z[l] /= n[l];
  const std::size_t top = z.size() - 1;
  const double d_bulk = slab.layer_z_A[1] - slab.layer_z_A[0];
  const double d_relaxed = 0.5 * ((z[1] - z[0]) + (z[top] - z[top - 1]));
  r.d12_change_pct = 100.0 * (d_relaxed - d_bulk) / d_bulk;
  return r;
}

/// Distance from the last atom of s (an adsorbate) to its nearest atom of `element`.
inline double nearest_distance_A(const Structure& s, const std::string& element) {
  const Eigen::Index last = static_cast<Eigen::Index>(s.size()) - 1;
  double d = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < last; ++i)
    if (s.species[static_cast<std::size_t>(i)] == element)
      d = std::min(d, minimum_image(s, s.positions.col(i) - s.positions.col(last)).norm());
  return d;
}

// --------------------------------------------------------------------------------------------
// Na adsorption: every symmetry-unique site of the top surface; the most stable one reported.

struct NaAdsorption {
  std::string site;              // where the most stable adatom ended (site label)
  double E_bind_eV = kNaN;       // vs the isolated Na of the same model
  double E_ads_eV = kNaN;        // vs bulk Na of the same model (NaN when the model has none)
  double height_A = kNaN;        // above the mean height of the top layer
  double lateral_shift_A = kNaN; // lateral distance from the start site after relaxation
  bool stayed = false;           // the lowest state was reached from its own site (moved_to empty)
  /// How far the lowest state lies below the best relaxation started on a site (with its
  /// symmetry kept): > 0 when only a symmetry-broken start finds it (the surface reconstructs).
  double below_symmetric_eV = 0.0;
  bool converged = false;
  std::size_t sites = 0;
  std::vector<std::pair<std::string, double>> all_sites;  // label, E_bind
  Structure relaxed;             // slab + adatom (last atom) at the most stable site
};

inline NaAdsorption na_adsorption(Engine& engine, const Slab& slab, double mu_na_eV) {
  const auto sites = find_adsorption_sites(slab.structure);
  Fire fire(relax_options(1e-3));
  AdsorptionOptions opt;
  opt.height_A = 2.5;
  opt.mu_eV = std::isfinite(mu_na_eV) ? mu_na_eV : 0.0;
  opt.e_isolated_eV = isolated_atom_energy_eV(engine, "Na");
  opt.optimizer = &fire;
  const AdsorptionResult ar = adsorption_scan(engine, slab.structure, sites, opt);
  NaAdsorption r;
  r.sites = ar.sites.size();
  for (const auto& s : ar.sites) r.all_sites.emplace_back(s.site.label, s.E_bind_eV);
  // The lowest state of all starts (each site relaxed from on it and from 0.13 Å off it).
  const auto& best = ar.sites.at(ar.most_stable);
  r.below_symmetric_eV = ar.sites.at(ar.most_stable_on_site).on_site_E_bind_eV() - best.E_bind_eV;
  r.site = best.landed_label();
  r.E_bind_eV = best.E_bind_eV;
  r.E_ads_eV = std::isfinite(mu_na_eV) ? best.E_ads_eV : kNaN;
  r.stayed = best.moved_to.empty();
  r.converged = best.relax.converged;
  const int top = *std::max_element(slab.layer_of_atom.begin(), slab.layer_of_atom.end());
  double z_top = 0.0;
  int n_top = 0;
  for (std::size_t i = 0; i < slab.structure.size(); ++i)
    if (slab.layer_of_atom[i] == top) z_top += slab.structure.positions(2, static_cast<Eigen::Index>(i)), ++n_top;
  r.height_A = best.final_position_A.z() - z_top / n_top;
  Vec3 d = best.final_position_A - best.site.position_A;
  d.z() = 0;
  r.lateral_shift_A = minimum_image(slab.structure, d).norm();  // from the start site
  r.relaxed = slab.structure;
  r.relaxed.add_atom("Na", best.final_position_A);
  return r;
}

// --------------------------------------------------------------------------------------------
// EIM charges, q_i = Σ_j A_η,ij (χ_j − χ_i) f_c(r_ij; r_s,η, r_c,η) (Zhou & Doty, Phys. Rev. B 78,
// 224307 (2008); the file format and cutoff function of LAMMPS pair_style eim, pair_eim.cpp).

/// The ffield.eim a pair_style eim potential reads (from the files its commands name), for EimCharges.
inline std::string eim_parameter_file(const PotentialSpec& spec) {
  for (const auto& f : spec.files)
    if (std::filesystem::path(f).filename() == "ffield.eim") return f;
  throw std::invalid_argument(spec.id + ": its commands read no ffield.eim");
}

struct EimCharges {
  double rbig = 0.0, rsmall = 0.0;
  std::map<std::string, double> chi;  // EIM element name -> electronegativity
  struct Eta {
    double rcut = 0.0, A = 0.0, rs = 0.0;
  };
  std::map<std::pair<std::string, std::string>, Eta> eta;

  explicit EimCharges(const std::string& ffield) {
    std::ifstream in(ffield);
    if (!in) throw std::runtime_error(ffield + ": cannot open");
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream w(line);
      std::string tag;
      w >> tag;
      if (tag == "global:") {
        double division;
        w >> division >> rbig >> rsmall;
      } else if (tag == "element:") {
        std::string name;
        double z, mass, x;
        w >> name >> z >> mass >> x;
        chi[name] = x;
      } else if (tag == "pair:") {
        std::string e1, e2, amp;
        double rcutphiA, rcutphiR, Eb, r0, alpha;
        w >> e1 >> e2 >> rcutphiA >> rcutphiR >> Eb >> r0 >> alpha;
        std::getline(in, line);
        std::istringstream w2(line);
        double beta;
        Eta e;
        w2 >> beta >> e.rcut >> e.A >> e.rs;
        eta[{e1, e2}] = eta[{e2, e1}] = e;
        std::getline(in, line);  // Ac zeta rs tp: the psi function, not needed for charges
      }
    }
    if (chi.empty() || eta.empty()) throw std::runtime_error(ffield + ": no EIM element/pair entries");
  }

  double cutoff(double rp, double rc, double r) const {
    const double a = std::erfc((rsmall - rbig) / (rc - rp) * (r - rp) + rbig);
    return (a - std::erfc(rsmall)) / (std::erfc(rbig) - std::erfc(rsmall));
  }

  /// Charges of every atom of s; `names` maps NaBridge element -> EIM element (e.g. I -> Id).
  std::vector<double> charges(const Structure& s, const std::map<std::string, std::string>& names) const {
    double rmax = 0.0;
    for (const auto& [k, e] : eta) rmax = std::max(rmax, e.rcut);
    Eigen::Vector3i images;
    for (int d = 0; d < 3; ++d) {
      const Vec3 n = s.cell.col((d + 1) % 3).cross(s.cell.col((d + 2) % 3));
      const double width = s.volume_A3() / n.norm();
      images[d] = s.pbc[d] ? static_cast<int>(std::ceil(rmax / width)) : 0;
    }
    std::vector<double> q(s.size(), 0.0);
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::string& ei = names.at(s.species[i]);
      for (std::size_t j = 0; j < s.size(); ++j) {
        const std::string& ej = names.at(s.species[j]);
        const Eta& e = eta.at({ei, ej});
        if (e.rcut <= 0.0) continue;
        for (int n0 = -images[0]; n0 <= images[0]; ++n0)
          for (int n1 = -images[1]; n1 <= images[1]; ++n1)
            for (int n2 = -images[2]; n2 <= images[2]; ++n2) {
              if (i == j && n0 == 0 && n1 == 0 && n2 == 0) continue;
              const Vec3 d = s.positions.col(static_cast<Eigen::Index>(j)) -
                             s.positions.col(static_cast<Eigen::Index>(i)) + s.cell * Vec3(n0, n1, n2);
              const double r = std::max(d.norm(), 0.2);
              if (r < e.rcut) q[i] += e.A * (chi.at(ej) - chi.at(ei)) * cutoff(e.rs, e.rcut, r);
            }
      }
    }
    return q;
  }
};

// --------------------------------------------------------------------------------------------
// Forces against central differences of the energy.

inline double max_force_error_eV_A(Engine& engine, Structure s, const std::vector<std::size_t>& atoms,
                                   double h_A = 1e-4) {
  const Positions f = engine.evaluate(s).forces_eV_A;
  double worst = 0.0;
  for (std::size_t i : atoms)
    for (int d = 0; d < 3; ++d) {
      const auto k = static_cast<Eigen::Index>(i);
      const double x0 = s.positions(d, k);
      s.positions(d, k) = x0 + h_A;
      const double ep = engine.energy(s);
      s.positions(d, k) = x0 - h_A;
      const double em = engine.energy(s);
      s.positions(d, k) = x0;
      worst = std::max(worst, std::abs(-(ep - em) / (2 * h_A) - f(d, k)));
    }
  return worst;
}

// --------------------------------------------------------------------------------------------
// Markdown table rows: model value beside the reference, its source and the deviation.

struct Row {
  std::string quantity, unit;
  double model = kNaN;
  double reference = kNaN;
  std::string source;
  std::string note;
  bool relative = true;  // deviation in % (else model − reference in the unit)
};

/// A row against data/reference/ionic.toml entry `key`; † marks values not re-read in their source.
inline Row compare(const std::string& quantity, const std::string& unit, double model, const std::string& key,
                   const std::string& note = "", bool relative = true) {
  const Reference ref = reference(key);
  return {quantity, unit, model, ref.value, ref.cite + (ref.verified ? "" : " †"), note, relative};
}

inline std::string format_value(double v) {
  if (!std::isfinite(v)) return "–";
  const double a = std::abs(v);
  return a != 0 && (a < 1e-3 || a >= 1e4) ? fmt::format("{:.3e}", v) : fmt::format("{:.4g}", v);
}

inline std::string markdown_table(const std::vector<Row>& rows) {
  std::string s = "| quantity | model | reference | deviation | source / note |\n|---|---|---|---|---|\n";
  for (const auto& r : rows) {
    std::string dev = "–";
    if (std::isfinite(r.model) && std::isfinite(r.reference)) {
      dev = r.relative && r.reference != 0
                ? fmt::format("{:+.1f} %", 100.0 * (r.model - r.reference) / std::abs(r.reference))
                : fmt::format("{:+.3g} {}", r.model - r.reference, r.unit);
    }
    std::string note = r.source;
    if (!r.note.empty()) note += (note.empty() ? "" : "; ") + r.note;
    s += fmt::format("| {} ({}) | {} | {} | {} | {} |\n", r.quantity, r.unit, format_value(r.model),
                     format_value(r.reference), dev, note);
  }
  return s;
}

}  // namespace nabridge::testing::ionic
