#include "potentials/ionic_validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "nabridge/base/constants.h"
#include "nabridge/base/toml_reader.h"
#include "optimize/fire.h"
#include "core/elements.h"
#include "potentials/eim_charges.h"
#include "protocols/adsorption_summary.h"
#include "protocols/cubic_lattice.h"
#include "protocols/film_adhesion.h"
#include "protocols/ionic_hosts.h"
#include "protocols/isolated_atom.h"
#include "protocols/surface_energy.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

#ifndef NABRIDGE_SOURCE_DIR
#define NABRIDGE_SOURCE_DIR ""
#endif

namespace nabridge::potentials {

namespace fs = std::filesystem;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

// ---- reference data ---------------------------------------------------------------------------

IonicReferenceData::IonicReferenceData(const std::string& path) : path_(path) {
  const toml::table doc = parse_toml_file(path);
  const TomlReader top(path, doc, "");
  for (const auto& [section, node] : doc) {
    const TomlReader s = top.required_table(std::string(section.str()));
    for (const auto& [key, entry] : s.raw()) {
      const TomlReader e = s.required_table(std::string(key.str()));
      IonicReference r;
      r.value = e.number_or("value", kNaN);
      r.cite = e.string_or("cite", path + " " + e.path());
      r.verified = e.boolean_or("verified", false);
      r.table_note = e.string_or("table_note", "");
      entries_[std::string(section.str()) + "." + std::string(key.str())] = r;
    }
  }
}

const IonicReference& IonicReferenceData::at(const std::string& key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) throw std::invalid_argument(path_ + ": no entry [" + key + "]");
  return it->second;
}

// ---- subject ----------------------------------------------------------------------------------

IonicValidationSubject ionic_validation_subject(const std::string& metadata_path,
                                                const std::vector<std::string>& search_dirs) {
  const PotentialMetadata m = read_potential_metadata(metadata_path);
  if (!m.compound_validation)
    throw std::invalid_argument(metadata_path + ": no [metadata.validation] (the settings of a compound validation)");
  IonicValidationSubject s;
  s.id = m.id;
  s.spec = load_potential(metadata_path, search_dirs);
  s.ewald_reference = load_ewald_reference(metadata_path, search_dirs);
  s.settings = *m.compound_validation;
  return s;
}

// ---- rows -------------------------------------------------------------------------------------

namespace {

/// "–" for a missing value; 4 significant digits, or 3-digit scientific below 1e-3 and from 1e4.
std::string format_value(double v) {
  if (!std::isfinite(v)) return "–";
  const double a = std::abs(v);
  return a != 0 && (a < 1e-3 || a >= 1e4) ? fmt::format("{:.3e}", v) : fmt::format("{:.4g}", v);
}

/// A lattice constant as written in a row label: shortest form, with at least one decimal (4.0).
std::string format_length(double a) {
  std::string s = fmt::format("{:g}", a);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

/// Collects the rows; `system` names what the next rows are about.
class Rows {
 public:
  explicit Rows(const IonicReferenceData& refs) : refs_(refs) {}
  std::string system;

  /// Model value beside its reference [key]; † marks a reference not re-read in its source. The
  /// entry's table_note is printed when the row gives no note of its own.
  void compare(const std::string& quantity, const std::string& unit, double model, const std::string& key,
               const std::string& note = "", bool relative = true) {
    const IonicReference& ref = refs_.at(key);
    add(quantity, unit, model, ref.value, ref.cite + (ref.verified ? "" : " †"), note.empty() ? ref.table_note : note,
        relative);
  }

  /// `relative`: deviation in % of the reference (else model − reference in the unit).
  void add(const std::string& quantity, const std::string& unit, double model, double reference,
           const std::string& source, const std::string& note = "", bool relative = false) {
    ValidationRow r;
    r.system = system;
    r.property = quantity;
    r.unit = unit;
    r.model = model;
    if (std::isfinite(reference)) r.reference = reference;
    r.reference_text = format_value(reference);
    r.deviation = "–";
    if (std::isfinite(model) && std::isfinite(reference))
      r.deviation = relative && reference != 0
                        ? fmt::format("{:+.1f} %", 100.0 * (model - reference) / std::abs(reference))
                        : fmt::format("{:+.3g} {}", model - reference, unit);
    r.source = source;
    if (!note.empty()) r.source += (r.source.empty() ? "" : "; ") + note;
    r.within = true;
    out.push_back(std::move(r));
  }

  std::vector<ValidationRow> out;

 private:
  const IonicReferenceData& refs_;
};

/// What every host validation works with.
struct Context {
  const IonicValidationSubject& subject;
  const CompoundValidation& v;
  std::unique_ptr<Engine> engine, ewald;  // ewald: null without [metadata.ewald_reference]
  /// A core–shell model's metallic Na (its [metal_film], metal_film_model): bcc Na and the films.
  /// Null for every other model, whose one engine is also its metal.
  std::unique_ptr<Engine> metal_film;
  std::function<void(const std::string&)> progress;  // may be empty
  void say(const std::string& s) const {
    if (progress) progress(s);
  }
  bool metal_na() const { return v.na_charge != "formal"; }  // a formal Na+ has no metal
  Engine& metal() const { return metal_film ? *metal_film : *engine; }
  /// Metallic Na's species in the model: "Na:metal" where it is a type of its own (core/elements.h).
  std::string na() const { return metallic_species_in(subject.spec.elements, "Na"); }
};

OptimizerOptions relax_options(double fmax_eV_A) {
  OptimizerOptions o;
  o.fmax_eV_A = fmax_eV_A;
  o.max_steps = 5000;
  return o;
}

/// "born/coul/long + ewald 1e-10": the Ewald twin's long-range pair style and kspace accuracy.
std::string ewald_label(const PotentialSpec& ewald) {
  std::string coul, kspace;
  for (const auto& c : ewald.commands) {
    std::istringstream in(c);
    std::vector<std::string> w;
    for (std::string x; in >> x;) w.push_back(x);
    if (!w.empty() && w[0] == "pair_style")
      for (const auto& x : w)
        if (x.find("coul/long") != std::string::npos) coul = x;
    if (w.size() >= 3 && w[0] == "kspace_style") kspace = w[1] + " " + fmt::format("{:g}", std::stod(w[2]));
  }
  return coul + " + " + kspace;
}

/// Largest |E_DSF − E_Ewald| per formula unit over 2×2×2 repeats of the cells.
double max_dsf_ewald_gap(Engine& dsf, Engine& ewald, const std::vector<Structure>& cells, int atoms_per_fu) {
  double gap = 0.0;
  for (const auto& c : cells) {
    const Structure s = repeat(c, 2, 2, 2);
    const double n_fu = static_cast<double>(s.size()) / atoms_per_fu;
    gap = std::max(gap, std::abs(dsf.energy(s) - ewald.energy(s)) / n_fu);
  }
  return gap;
}

/// The "max ΔE(DSF − Ewald)" row over the settings' ewald_check_a_A, cells built by `cell(a)`.
template <class CellOf>
void dsf_ewald_row(Context& c, Rows& rows, CellOf cell, int atoms_per_fu) {
  if (!c.ewald || c.v.ewald_check_a_A.empty()) return;
  std::vector<Structure> cells;
  std::string as;
  for (double a : c.v.ewald_check_a_A) {
    cells.push_back(cell(a));
    as += (as.empty() ? "" : ", ") + format_length(a);
  }
  rows.add("max ΔE(DSF − Ewald), bulk a = " + as + " Å", "eV/f.u.",
           max_dsf_ewald_gap(*c.engine, *c.ewald, cells, atoms_per_fu), kNaN, ewald_label(*c.subject.ewald_reference));
}

std::string adsorption_note(const AdsorptionSummary& a, const std::string& extra = "") {
  std::string sites;
  for (const auto& [label, e] : a.all_sites) sites += (sites.empty() ? "" : ", ") + fmt::format("{} {:.3f}", label, e);
  return fmt::format(
      "most stable: {} ({}), height {:.2f} Å{}; all starts, lower of on- and off-site relaxation (E_bind, eV): {}",
      a.site,
      a.below_symmetric_eV > 1e-3
          ? fmt::format("found only from off a site, {:.3f} eV below every symmetric relaxation", a.below_symmetric_eV)
          : "also from its own site",
      a.height_A, extra, sites);
}

/// ", charge +1 (formal)", ", adatom charge +0.224 e (EIM)" or ", charge +0.6 e (fixed)".
std::string adatom_charge_note(const Context& c, const AdsorptionSummary& a) {
  if (c.na() != "Na") return ", adatom of the metallic Na type (" + c.na() + ": no charge of its own)";
  if (c.v.na_charge == "eim") {
    const EimCharges eim(eim_parameter_file(c.subject.spec));
    return fmt::format(", adatom charge {:+.3f} e (EIM)",
                       eim.charges(a.adatom_on_slab, eim_element_names(c.subject.spec)).back());
  }
  const double q = c.subject.spec.charges_e.at("Na");
  return c.v.na_charge == "formal" ? fmt::format(", charge {:+g} (formal)", q)
                                   : fmt::format(", charge {:+g} e (fixed)", q);
}

/// The potential's pair_style is or includes eim.
bool uses_eim(const PotentialSpec& spec) {
  for (const auto& cmd : spec.commands) {
    std::istringstream in(cmd);
    std::string w;
    if (!(in >> w) || w != "pair_style") continue;
    while (in >> w)
      if (w == "eim") return true;
  }
  return false;
}

/// Metallic Na of the model: bcc lattice constant and energy (from 4.3 Å, to 1e-7 Å).
CubicLattice na_metal(Context& c) { return cubic_equilibrium(c.metal(), "bcc", {c.na()}, 4.3, 1e-7); }

/// "⁰·⁶" for 0.6: a charge as a superscript.
std::string superscript(double q) {
  static const char* digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out;
  for (char ch : fmt::format("{:g}", std::abs(q))) out += ch == '.' ? std::string("·") : std::string(digits[ch - '0']);
  return out;
}

/// bcc Na lattice constant and cohesive energy rows; a fixed-charge Na's cohesive energy includes
/// the constant DSF self-term of the isolated ion, which the note states.
void na_metal_rows(Context& c, Rows& rows, const CubicLattice& na, const std::string& label_suffix = "") {
  const double e_na = isolated_atom_energy_eV(c.metal(), c.na());
  rows.system = "Na (bcc)";
  rows.compare("bcc Na lattice constant" + label_suffix, "Å", na.a_A, "na.bcc_lattice_constant_lowT");
  const auto q = c.subject.spec.charges_e.find("Na");
  rows.compare("bcc Na cohesive energy", "eV/atom", e_na - na.energy_eV_per_atom, "na.cohesive_energy",
               q == c.subject.spec.charges_e.end()
                   ? ""
                   : fmt::format("both energies include the constant DSF self-term of Na⁺{}, {:.4f} eV",
                                 superscript(q->second), e_na));
}

/// γ of bcc Na(110), 10 layers, relaxed: the film's surface energy for the contact angle.
double na110_gamma_J_m2(Engine& engine, const CubicLattice& na, const std::string& na_species) {
  SlabSpec spec;
  spec.miller = Eigen::Vector3i(1, 1, 0);
  spec.layers = 10;
  spec.vacuum_A = 20.0;
  const Slab s = make_slab(bulk_bcc(na_species, na.a_A), spec);
  Fire fire(relax_options(1e-4));
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = na.energy_eV_per_atom;
  opt.optimizer = &fire;
  return surface_energy(engine, s.structure, opt).gamma_J_m2;
}

double na110_gamma_row(Context& c, Rows& rows, const CubicLattice& na) {
  const double gamma_na = na110_gamma_J_m2(c.metal(), na, c.na());
  rows.system = "Na (bcc)";
  rows.compare("bcc Na γ(110) relaxed", "J/m²", gamma_na, "na.surface_energy_solid");
  return gamma_na;
}

/// A 3-layer bcc Na(110) film on `substrate_layers` of the surface, as the workflow's adhesion task
/// builds it (lattice match with ≤ 5 % strain on the film, 3 × 3 rigid registry scan, relaxed W_sep
/// with a torn substrate held, W_ad = max(W_sep, 0), and UBER fit); rows W_ad and the Young–Dupré
/// contact angle.
void film_rows(Context& c, Rows& rows, const Structure& substrate_bulk, const std::string& termination,
               const CubicLattice& na, double gamma_na, const std::string& label, int substrate_layers = 5) {
  c.say("Na film on " + label);
  FilmAdhesionOptions opt;
  opt.substrate_layers = substrate_layers;
  opt.substrate_fixed_layers = 2;
  opt.substrate_termination = termination;
  opt.film_layers = 3;
  opt.vacuum_A = 20.0;
  opt.match.max_strain = 0.05;
  opt.match.max_atoms = 400;
  opt.registry_points_a = opt.registry_points_b = 3;
  opt.adhesion.max_A_displacement_A = substrate_tear_bound_A(c.subject.spec.charges_e);
  Fire fire(relax_options(1e-3));
  opt.adhesion.optimizer = &fire;
  const FilmAdhesionResult r = film_adhesion(c.metal(), substrate_bulk, Eigen::Vector3i(0, 0, 1),
                                             bulk_bcc(c.na(), na.a_A), Eigen::Vector3i(1, 1, 0), opt);
  const auto& a = r.adhesion;
  const double w = film_W_ad_J_m2(a);
  const double theta = young_dupre_theta_deg(w, gamma_na);
  const std::string held =
      a.W_sep_A_free_J_m2
          ? fmt::format("substrate held: with it free the film pulls a substrate {} atom {:.2f} A out (W_ad {:.3f}); ",
                        r.interface.structure.species[a.max_A_displacement_atom], a.max_A_displacement_A,
                        *a.W_sep_A_free_J_m2)
          : "";
  rows.system = "Na(110) film on " + label;
  rows.add(
      "Na(110) film on " + label + ", W_ad relaxed", "J/m²", w, kNaN, "no reference found",
      fmt::format("{}W_sep {:.3f}, unrelaxed {:.3f}; {}; {} atoms, film strain {:.1f} %; relaxations converged: {}",
                  held, a.W_sep_J_m2, a.W_sep_unrelaxed_J_m2,
                  a.uber.converged ? fmt::format("UBER l = {:.2f} Å", a.uber.l_A) : "no UBER fit: " + a.uber.message,
                  r.natoms, 100 * r.interface.match.film_strain.max_principal,
                  a.relax_AB.converged && a.relax_A.converged && a.relax_B.converged ? "yes" : "no"));
  rows.add("contact angle of Na on " + label + " (Young–Dupré, γ_Na(110) of the model)", "°", theta, kNaN, "",
           fmt::format("cos θ = W_ad/γ_Na − 1, γ_Na = {:.3f} J/m²", gamma_na));
}

// ---- hosts ------------------------------------------------------------------------------------

/// Rock salt MX and its (100) surface. A formal-charge model (Na is Na⁺ everywhere) gives the ionic
/// lattice energy, the DSF-against-Ewald checks and a Na⁺ adion; a model with metallic Na the
/// cohesive energy against neutral atoms, the bulk modulus, bcc Na, a Na adatom and Na films.
void rocksalt_rows(Context& c, Rows& rows) {
  const std::string& M = c.v.host_elements.at(0);
  const std::string& X = c.v.host_elements.at(1);
  const std::string formula = M + X, k = c.v.reference_entries;
  Engine& engine = *c.engine;
  const bool formal = c.v.na_charge == "formal";
  c.say(formula + " bulk");
  rows.system = formula;
  const RockSaltBulk b = rocksalt_bulk(engine, M, X, c.v.a_guess_A);
  rows.compare(formula + " lattice constant, static", "Å", b.a_A, k + ".lattice_constant_0K");
  rows.compare(formula + " lattice constant, static", "Å", b.a_A, k + ".lattice_constant_RT", "model is 0 K");
  if (formal) {
    rows.compare(formula + " lattice energy −E_fu", "eV/f.u.", -b.e_fu_eV, k + ".lattice_energy",
                 "free ions have no Coulomb energy (DSF's lone-ion self-term is excluded)");
  } else {
    const double ec = isolated_atom_energy_eV(engine, M) + isolated_atom_energy_eV(engine, X) - b.e_fu_eV;
    rows.compare(formula + " cohesive energy vs neutral atoms", "eV/f.u.", ec, k + ".cohesive_energy");
    rows.compare(formula + " bulk modulus, static", "GPa", rocksalt_bulk_modulus_GPa(engine, M, X, b.a_A),
                 k + ".bulk_modulus", "V d²E/dV² from E(a) at a ± 1 %");
  }
  if (c.v.na_charge == "eim") {
    const EimCharges eim(eim_parameter_file(c.subject.spec));
    const double q = eim.charges(bulk_rocksalt(M, X, b.a_A), eim_element_names(c.subject.spec))[0];
    rows.add("charge of " + M + " in " + formula + " (EIM)", "e", q, kNaN, "",
             X + ": −q; " + M + " among " + M + ": 0");
  }
  dsf_ewald_row(
      c, rows, [&](double a) { return bulk_rocksalt(M, X, a); }, 2);
  if (c.ewald) {
    const SurfaceEnergyResult g_ew = rocksalt100_surface(*c.ewald, M, X, b, 6, false);
    const SurfaceEnergyResult g_dsf = rocksalt100_surface(engine, M, X, b, 6, false);
    rows.add("γ(100) unrelaxed, DSF", "J/m²", g_dsf.gamma_J_m2, g_ew.gamma_J_m2,
             "Ewald, same slab (6 layers, 20 Å vacuum)");
  }
  CubicLattice na;
  double gamma_na = kNaN;
  if (c.metal_na()) {
    c.say("Na metal");
    na = na_metal(c);
    na_metal_rows(c, rows, na);
    gamma_na = na110_gamma_row(c, rows, na);
  }
  c.say(formula + "(100) surface");
  rows.system = formula + "(100)";
  const SurfaceEnergyResult g = rocksalt100_surface(engine, M, X, b);
  // Named after the crystal when the table also lists Na metal.
  rows.compare((c.metal_na() ? formula + " " : "") + "γ(100) relaxed", "J/m²", g.gamma_J_m2, k + ".surface_energy_100",
               fmt::format("unrelaxed {:.4f} J/m²", g.gamma_unrelaxed_J_m2));
  c.say("Na on " + formula + "(100)");
  rows.system = "Na on " + formula + "(100)";
  const Slab slab = slab_001(bulk_rocksalt(M, X, b.a_A), 4, "", 3, 2);
  const AdsorptionSummary ads = adsorption_summary(engine, slab, c.na(), c.metal_na() ? na.energy_eV_per_atom : kNaN);
  const std::string key = "na_adsorption." + k + "_100", note = adsorption_note(ads, adatom_charge_note(c, ads));
  if (formal) {
    rows.compare("Na⁺ adion on " + formula + "(100), E_bind vs free Na⁺", "eV", ads.E_bind_eV, key, note);
    rows.add("E_ads vs bulk Na", "eV", kNaN, kNaN, "",
             "not defined: bcc Na⁺ has no equilibrium in this model (metallic Na not representable)");
    return;
  }
  rows.compare("Na on " + formula + "(100), E_bind vs free Na atom", "eV", ads.E_bind_eV, key, note);
  rows.compare("Na on " + formula + "(100), E_ads vs bulk Na", "eV", ads.E_ads_eV, key);
  film_rows(c, rows, bulk_rocksalt(M, X, b.a_A), "", na, gamma_na, formula + "(100)");
}

/// Cubic perovskite ABO3: lattice constant, the relaxation from a polar start (tetragonality, B
/// displacement, polarisation), both (001) terminations, Na on each, Na films on each.
void perovskite_rows(Context& c, Rows& rows) {
  const std::string& A = c.v.host_elements.at(0);
  const std::string& B = c.v.host_elements.at(1);
  const std::string& O = c.v.host_elements.at(2);
  const std::string k = c.v.reference_entries, AO = A + O, BO2 = B + O + "2";
  Engine& engine = *c.engine;
  c.say(A + B + O + "3 bulk");
  rows.system = A + B + O + "3";
  const CubicLattice cub = cubic_equilibrium(engine, "perovskite", {A, B, O}, c.v.a_guess_A, 1e-7);
  rows.compare("cubic lattice constant, static", "Å", cub.a_A, k + ".cubic_lattice_constant");
  // A core–shell ion's charge sits on its core and its shell: the point-charge polarisation would
  // miss the shells' own displacement, which the Engine does not return (shell_bulk.h computes it).
  const bool shells = !c.subject.spec.shells.empty();
  std::map<std::string, double> ion_charges_e = c.subject.spec.charges_e;
  for (const auto& [element, shell] : c.subject.spec.shells)
    ion_charges_e[element] = shell.core_charge_e + shell.shell_charge_e;
  const PerovskitePhase p = relax_perovskite_polar(engine, A, B, O, cub.a_A, ion_charges_e);
  // c = a with B off centre (batio3-vielma: 0.064 Å) is a polar state that is not tetragonal, not cubic.
  const bool c_equals_a = std::abs(p.c_A / p.a_A - 1.0) < 1e-4, centred = std::abs(p.b_shift_A) < 1e-3;
  const std::string outcome = !c_equals_a ? "stays tetragonal"
                              : centred   ? "returns to cubic"
                                          : fmt::format("polar ({} off centre) with c = a: not tetragonal", B);
  rows.compare("tetragonal a (relaxed from a polar start)", "Å", p.a_A, k + ".tetragonal_a",
               fmt::format("relaxed from c/a = 1.01 and {} +0.1 Å: {}", B, outcome));
  rows.compare("tetragonal c", "Å", p.c_A, k + ".tetragonal_c");
  rows.compare("tetragonality c/a", "–", p.c_A / p.a_A, k + ".tetragonality");
  rows.add(B + " displacement along c", "Å", p.b_shift_A, kNaN, "",
           std::abs(p.b_shift_A) < 1e-3 ? "0: no polar instability in the rigid-ion model" : "");
  rows.compare("spontaneous polarisation (point charges × displacements)", "C/m²", shells ? kNaN : p.polarization_C_m2,
               k + ".spontaneous_polarization",
               shells                       ? "core–shell model: not computed here (needs the shells' displacements; "
                                              "lammps/engine/shell_bulk.h, docs/ferroelectric.md)"
               : p.polarization_C_m2 < 1e-3 ? "the model is paraelectric"
                                            : "");
  dsf_ewald_row(
      c, rows, [&](double a) { return bulk_perovskite(A, B, O, a); }, 5);

  c.say("(001) surfaces");
  rows.system = A + B + O + "3(001)";
  const PerovskiteSurfaces s = perovskite001_surfaces(engine, A, B, O, cub.a_A, 5 * cub.energy_eV_per_atom);
  if (c.ewald) {
    // The same unrelaxed cleavage energy with Ewald sums, at the Ewald model's own lattice constant.
    const CubicLattice c_ew = cubic_equilibrium(*c.ewald, "perovskite", {A, B, O}, c.v.a_guess_A, 1e-7);
    double e_ew = -7 * 5 * c_ew.energy_eV_per_atom, area = 0.0;
    for (const std::string& term : {AO, BO2}) {
      const Slab sl = slab_001(bulk_perovskite(A, B, O, c_ew.a_A), 7, term);
      e_ew += c.ewald->energy(sl.structure);
      area = sl.structure.area_A2();
    }
    rows.add("(001) unrelaxed cleavage γ, DSF", "J/m²", s.gamma_unrelaxed_J_m2,
             e_ew / (4 * area) * kEvPerA2_to_J_per_m2, "Ewald, same 7-layer slabs");
  } else {
    rows.add("(001) unrelaxed cleavage γ", "J/m²", s.gamma_unrelaxed_J_m2, kNaN, "");
  }
  rows.compare("γ(001) " + AO + "-terminated, relaxed", "J/m²", s.gamma_AO_J_m2, k + ".surface_energy_001_" + AO,
               fmt::format("E_rel {:.4f} J/m²", s.relax_AO_J_m2));
  rows.compare("γ(001) " + BO2 + "-terminated, relaxed", "J/m²", s.gamma_BO2_J_m2, k + ".surface_energy_001_" + BO2,
               fmt::format("E_rel {:.4f} J/m²", s.relax_BO2_J_m2));

  CubicLattice na;
  if (c.metal_na()) {
    c.say("Na metal");
    na = na_metal(c);
    // A fixed-charge model's metallic Na is a Na–Na term of its own (no Na–Na Coulomb): named when it is EIM's.
    const bool eim_na = uses_eim(c.subject.spec) || c.subject.spec.metal_film.pair_style == "eim";
    na_metal_rows(c, rows, na, c.v.na_charge == "fixed" && eim_na ? " (EIM Na–Na)" : "");
  }
  for (const std::string& term : {AO, BO2}) {
    c.say("Na on " + term + "-terminated (001)");
    rows.system = "Na on " + term + "-terminated " + A + B + O + "3(001)";
    const Slab slab = slab_001(bulk_perovskite(A, B, O, cub.a_A), 5, term, 3, 2);
    const AdsorptionSummary ads = adsorption_summary(engine, slab, c.na(), c.metal_na() ? na.energy_eV_per_atom : kNaN);
    const std::string key = "na_adsorption." + k + "_001";
    rows.compare(fmt::format("Na on {}-terminated (001), E_bind vs free Na", term), "eV", ads.E_bind_eV, key,
                 adsorption_note(ads, adatom_charge_note(c, ads)));
    rows.compare(fmt::format("Na on {}-terminated (001), E_ads vs bulk Na", term), "eV", ads.E_ads_eV, key);
  }
  if (!c.metal_na()) return;
  const double gamma_na = na110_gamma_row(c, rows, na);
  for (const std::string& term : {AO, BO2})
    film_rows(c, rows, bulk_perovskite(A, B, O, cub.a_A), term, na, gamma_na, term + "-terminated (001)");
}

/// Corundum M2O3: the relaxed cell and bulk modulus, the M-terminated (0001) surface at three
/// thicknesses with the relaxation of the outermost M, Na on it, a Na film on it.
void corundum_rows(Context& c, Rows& rows) {
  const std::string& M = c.v.host_elements.at(0);
  const std::string& X = c.v.host_elements.at(1);
  const std::string k = c.v.reference_entries;
  Engine& engine = *c.engine;
  c.say("corundum bulk");
  rows.system = M + "2" + X + "3";
  const CorundumBulk b = corundum_bulk(engine, M, X, c.v.a_guess_A, c.v.c_guess_A);
  rows.compare("corundum a, static", "Å", b.a_A, k + ".lattice_a",
               b.converged ? "a, c and internal coordinates relaxed to zero stress" : "cell relaxation NOT converged");
  rows.compare("corundum c, static", "Å", b.c_A, k + ".lattice_c");
  const CorundumInternal expt;  // alpha-Al2O3 at room temperature (structure/prototypes.h)
  rows.add(M + " z (12c)", "–", b.internal.z_cation, expt.z_cation, "expt RT (Lewis et al. 1982) †");
  rows.add(X + " x (18e)", "–", b.internal.x_anion, expt.x_anion, "expt RT (Lewis et al. 1982) †");
  rows.compare("bulk modulus", "GPa", b.bulk_modulus_GPa, k + ".bulk_modulus",
               "−V dP/dV from cells relaxed at ±1 GPa (static, isothermal)");
  if (c.ewald) {
    const Structure cell = repeat(corundum_cell(b), 2, 2, 1);
    rows.add(fmt::format("|ΔE(DSF − Ewald)|, relaxed bulk ({} atoms)", cell.size()), "eV/f.u.",
             std::abs(engine.energy(cell) - c.ewald->energy(cell)) / (static_cast<double>(cell.size()) / 5.0), kNaN,
             ewald_label(*c.subject.ewald_reference));
  }
  rows.system = M + "2" + X + "3(0001)";
  for (int layers : {9, 18, 36}) {
    c.say(fmt::format("(0001) surface, {} layers", layers));
    const CorundumSurface s = corundum0001_surface(engine, b, layers);
    rows.compare(fmt::format("γ(0001) {}-terminated, relaxed, {} layers", M, layers), "J/m²", s.gamma.gamma_J_m2,
                 k + ".surface_energy_0001",
                 fmt::format("unrelaxed {:.3f} J/m²; relaxation converged: {}{}", s.gamma.gamma_unrelaxed_J_m2,
                             s.gamma.relax.converged ? "yes" : "no", layers == 9 ? "; the campaign's slab" : ""));
    if (layers == 36)
      rows.compare(fmt::format("outermost {}–{}3 spacing, relaxed vs bulk (36 layers)", M, X), "%", s.d12_change_pct,
                   k + ".surface_relaxation_d12", "", false);
  }
  const CubicLattice na = c.metal_na() ? na_metal(c) : CubicLattice{};
  c.say("Na on (0001)");
  rows.system = "Na on " + M + "2" + X + "3(0001)";
  const AdsorptionSummary ads = adsorption_summary(engine, slab_001(corundum_cell(b), 9, M, 2, 2), c.na(),
                                                   c.metal_na() ? na.energy_eV_per_atom : kNaN);
  const std::string key = "na_adsorption." + k + "_0001";
  rows.compare("Na on (0001), E_bind vs free Na", "eV", ads.E_bind_eV, key,
               adsorption_note(ads, adatom_charge_note(c, ads) + "; 2 × 2 cells, 9 layers"));
  rows.compare("Na on (0001), E_ads vs bulk Na", "eV", ads.E_ads_eV, key);
  rows.compare("Na–" + X + " distance of the adsorbed Na", "Å", nearest_distance_A(ads.adatom_on_slab, X),
               k + ".na_o_distance_na2o",
               fmt::format("nearest {} {:.2f} Å", M, nearest_distance_A(ads.adatom_on_slab, M)));
  if (!c.metal_na()) return;
  const double gamma_na = na110_gamma_row(c, rows, na);
  film_rows(c, rows, corundum_cell(b), M, na, gamma_na, M + "-terminated (0001), 9 layers", 9);
}

}  // namespace

std::vector<ValidationRow> validate_ionic_potential(const IonicValidationSubject& subject,
                                                    const EngineFactory& make_engine,
                                                    const std::function<void(const std::string&)>& progress) {
  const IonicReferenceData refs(subject.settings.reference_data);
  Context c{subject,
            subject.settings,
            make_engine(subject.spec),
            subject.ewald_reference ? make_engine(*subject.ewald_reference) : nullptr,
            subject.spec.metal_film.element.empty() ? nullptr : make_engine(metal_film_model(subject.spec)),
            progress};
  Rows rows(refs);
  if (subject.settings.host == "rocksalt")
    rocksalt_rows(c, rows);
  else if (subject.settings.host == "perovskite")
    perovskite_rows(c, rows);
  else if (subject.settings.host == "corundum")
    corundum_rows(c, rows);
  else
    throw std::invalid_argument(subject.id + ": no validation for host '" + subject.settings.host + "'");
  return rows.out;
}

std::string ionic_validation_markdown(const std::vector<ValidationRow>& rows, const IonicValidationSubject& s) {
  // A reference file inside the source tree is named relative to it.
  std::string ref = s.settings.reference_data;
  const std::string root = NABRIDGE_SOURCE_DIR;
  if (!root.empty()) {
    const fs::path rel = fs::path(ref).lexically_relative(root);
    if (!rel.empty() && *rel.begin() != "..") ref = rel.string();
  }
  std::string md = "# Validation: " + s.id + "\n\n" + s.settings.intro +
                   "\n\nGenerated by `nabridge potential validate " + s.id +
                   "` (lammps-plugin/potentials/ionic_validation.cpp; the same computations the tests in "
                   "tests/lammps/test_ionic_potentials.cpp and test_al2o3_pedone.cpp check). "
                   "Static (0 K) model values; references and their full sources: " +
                   ref +
                   ". † = a value not re-read in its source here. Slabs: 20 Å vacuum; surface energies with all "
                   "atoms relaxed (FIRE, 1e-4 eV/Å); adsorption on 3×3 surface cells of 4 (NaI) or 5 (BaTiO3) layers "
                   "or 2×2 cells of 9 layers (Al2O3), bottom 2 fixed, Na started 2.5 Å above every symmetry-unique "
                   "site and relaxed (1e-3 eV/Å).\n\n";
  md += "| quantity | model | reference | deviation | source / note |\n|---|---|---|---|---|\n";
  for (const auto& r : rows)
    md += fmt::format("| {} ({}) | {} | {} | {} | {} |\n", r.property, r.unit, format_value(r.model), r.reference_text,
                      r.deviation, r.source);
  return md;
}

}  // namespace nabridge::potentials
