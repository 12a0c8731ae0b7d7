#include "workflow/dft_reference.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>
#include <stdexcept>

#include "nabridge/base/constants.h"
#include "nabridge/base/csv.h"
#include "protocols/surface_energy.h"
#include "structure/interface.h"
#include "structure/intermetallics.h"
#include "structure/prototypes.h"
#include "structure/slab.h"
#include "symmetry/sites.h"
#include "workflow/miller.h"
#include "nabridge/base/toml_reader.h"

namespace nabridge::workflow {

namespace fs = std::filesystem;

namespace {

// Keys that set CP2K settings, allowed in [settings] and, as overrides, in every [[system]].
const std::set<std::string> kSettingKeys = {
    "functional", "cutoff_Ry",  "rel_cutoff_Ry", "smearing_K",        "eps_scf",      "max_scf",
    "added_mos",  "mixing_alpha", "mixing_beta_per_bohr", "kpoints", "charge", "multiplicity", "dipole_correction",
    "basis_file", "potential_file", "basis",     "potential",         "geo_max_force_Ha_bohr", "geo_max_iter",
    "xc_smoothing"};

std::map<std::string, std::string> read_element_table(const TomlReader& r, const std::string& key,
                                                      std::map<std::string, std::string> table) {
  const auto t = r.table(key);
  if (!t) return table;
  for (const auto& [element, value] : t->raw()) {
    const auto* s = value.as_string();
    if (!s) t->fail_at(&value, std::string(element.str()), "must be a string (a name in the CP2K data file)");
    table[std::string(element.str())] = s->get();
  }
  return table;
}

std::array<int, 3> read_mesh(const TomlReader& r, const std::string& key, std::array<int, 3> fallback) {
  const auto v = r.numbers_or_empty(key);
  if (v.empty()) return fallback;
  if (v.size() != 3) r.fail(key, "must be three integers, e.g. [8, 8, 8]");
  std::array<int, 3> mesh{};
  for (int i = 0; i < 3; ++i) {
    if (v[i] < 1 || v[i] > 64 || v[i] != std::floor(v[i])) r.fail(key, "entries must be integers in [1, 64]");
    mesh[i] = static_cast<int>(v[i]);
  }
  return mesh;
}

Cp2kSettings read_settings(const TomlReader& r, Cp2kSettings s) {
  s.functional = r.string_or("functional", s.functional);
  s.cutoff_Ry = r.number_in("cutoff_Ry", s.cutoff_Ry, 50, 2000);
  s.rel_cutoff_Ry = r.number_in("rel_cutoff_Ry", s.rel_cutoff_Ry, 10, 200);
  s.smearing_K = r.number_in("smearing_K", s.smearing_K, 0, 20000, false);
  s.eps_scf = r.number_in("eps_scf", s.eps_scf, 0, 1e-3);
  s.max_scf = r.integer_in("max_scf", s.max_scf, 1, 10000);
  s.added_mos = r.integer_in("added_mos", s.added_mos, -1, 100000);
  s.mixing_alpha = r.number_in("mixing_alpha", s.mixing_alpha, 0, 1);
  s.mixing_beta_per_bohr = r.number_in("mixing_beta_per_bohr", s.mixing_beta_per_bohr, 0, 10, false);
  s.kpoints = read_mesh(r, "kpoints", s.kpoints);
  s.charge = r.integer_in("charge", s.charge, -100, 100);
  s.multiplicity = r.integer_in("multiplicity", s.multiplicity, 0, 100);
  s.surface_dipole_correction = r.boolean_or("dipole_correction", s.surface_dipole_correction);
  s.basis_file = r.string_or("basis_file", s.basis_file.string());
  s.potential_file = r.string_or("potential_file", s.potential_file.string());
  s.basis = read_element_table(r, "basis", s.basis);
  s.potential = read_element_table(r, "potential", s.potential);
  s.geo_max_force_Ha_bohr = r.number_in("geo_max_force_Ha_bohr", s.geo_max_force_Ha_bohr, 0, 0.1);
  s.geo_max_iter = r.integer_in("geo_max_iter", s.geo_max_iter, 1, 1000);
  s.xc_smoothing = r.string_or("xc_smoothing", s.xc_smoothing);
  if (!s.xc_smoothing.empty() && s.xc_smoothing != "NN10" && s.xc_smoothing != "NN50" && s.xc_smoothing != "NN6")
    r.fail("xc_smoothing", "must be NN6, NN10 or NN50 (CP2K XC_SMOOTH_RHO), or empty");
  return s;
}

// Atoms and bulk cells are single points: the lattice constant is an input, and atoms on
// their lattice sites feel no force by symmetry.
Structure frozen(Structure s) {
  for (auto& free : s.free_dofs) free = dof::kNone;
  return s;
}

std::set<std::string> with_settings(std::set<std::string> keys) {
  keys.insert(kSettingKeys.begin(), kSettingKeys.end());
  keys.insert({"name", "kind"});
  return keys;
}

// An isolated atom in a cubic box (periodic images ≥ box_A apart).
DftSystem read_atom(const TomlReader& r, DftSystem sys, const Cp2kSettings& settings) {
  r.allow_only(with_settings({"element", "box_A"}));
  const double box = r.number_in("box_A", 12.0, 5.0, 40.0);
  Structure s;
  s.cell = Mat3::Identity() * box;
  s.add_atom(r.string("element"), Vec3::Constant(box / 2));
  sys.calculations.push_back({sys.name, "atom", frozen(s), settings});
  return sys;
}

// One cubic cell per lattice constant of `a_scan_A` (configs "bulk_a<a>"), the minimum at the
// vertex of the parabola through the lowest point and its neighbours (lattice_energy_minimum):
// for a cell whose lattice constant in this functional nobody measured.
void add_lattice_scan(const TomlReader& r, DftSystem& sys, const Cp2kSettings& settings,
                      const std::function<Structure(double)>& cell_at_A) {
  if (r.has("a_A")) r.fail("a_A", "give either a_A (one cell) or a_scan_A (a lattice scan), not both");
  const auto scan = r.numbers_or_empty("a_scan_A");
  if (scan.size() < 3) r.fail("a_scan_A", "needs at least three lattice constants to bracket a minimum");
  for (std::size_t i = 0; i < scan.size(); ++i) {
    if (!(scan[i] > 0 && scan[i] < 50)) r.fail("a_scan_A", "lattice constants must lie in (0, 50) A");
    if (i > 0 && !(scan[i] > scan[i - 1])) r.fail("a_scan_A", "lattice constants must increase");
    sys.calculations.push_back(
        {sys.name, fmt::format("bulk_a{:.3f}", scan[i]), frozen(cell_at_A(scan[i])), settings, "", 0.0, scan[i]});
  }
}

// A bulk cell at one lattice constant (a reference: its energy per atom is a chemical
// potential) or a cubic lattice scan (a substrate whose lattice constant in this functional is
// wanted, e.g. an ionic coating before its slabs are cut).
DftSystem read_bulk(const TomlReader& r, DftSystem sys, const Cp2kSettings& settings) {
  r.allow_only(with_settings({"prototype", "elements", "a_A", "c_A", "a_scan_A"}));
  const std::string prototype = r.string("prototype");
  const auto elements = r.strings("elements");
  if (r.has("a_scan_A")) {
    if (r.has("c_A")) r.fail("c_A", "a lattice scan varies a cubic cell: leave c_A out");
    add_lattice_scan(r, sys, settings, [&](double a_A) { return bulk_prototype(prototype, elements, a_A, 0.0); });
    return sys;
  }
  Structure s = bulk_prototype(prototype, elements, r.number_in("a_A", 0, 0, 50), r.number_in("c_A", 0, 0, 50, false));
  sys.calculations.push_back({sys.name, "bulk", frozen(s), settings});
  return sys;
}

// A compound cell at one lattice constant (a known compound: NaAu2 at its measured a), or a
// lattice scan (a hypothetical compound, whose volume nobody measured).
DftSystem read_compound(const TomlReader& r, DftSystem sys, const Cp2kSettings& settings) {
  r.allow_only(with_settings({"prototype", "elements", "a_A", "a_scan_A", "references"}));
  sys.elements = r.strings("elements");
  if (sys.elements.size() != 2) r.fail("elements", "must name two elements [A, B]");
  sys.element_references = r.strings("references");
  if (sys.element_references.size() != 2) r.fail("references", "must name the bulk systems of A and B");
  sys.prototype = r.string("prototype");
  if (r.has("a_scan_A")) {
    add_lattice_scan(r, sys, settings,
                     [&](double a_A) { return intermetallic(sys.prototype, sys.elements[0], sys.elements[1], a_A); });
    return sys;
  }
  Structure s = intermetallic(sys.prototype, sys.elements[0], sys.elements[1], r.number_in("a_A", 0, 0, 50));
  sys.calculations.push_back({sys.name, "bulk", frozen(s), settings});
  return sys;
}

// The substrate slab of an adsorption or film system, frozen: it keeps its bulk geometry.
Slab read_substrate_slab(const TomlReader& r) {
  const Structure bulk = bulk_prototype(r.string("prototype"), r.strings("elements"), r.number_in("a_A", 0, 0, 50),
                                        r.number_in("c_A", 0, 0, 50, false));
  SlabSpec spec;
  spec.miller = parse_miller(r.string("facet"));
  spec.layers = r.integer_in("layers", 3, 1, 30);
  spec.vacuum_A = r.number_in("vacuum_A", 15.0, 5.0, 60.0);
  spec.termination = r.string_or("termination", "");
  const auto repeat = r.numbers_or_empty("repeat");
  if (!repeat.empty()) {
    if (repeat.size() != 2 || repeat[0] < 1 || repeat[1] < 1)
      r.fail("repeat", "must be two positive integers [na, nb]");
    spec.repeat_a = static_cast<int>(repeat[0]);
    spec.repeat_b = static_cast<int>(repeat[1]);
  }
  Slab slab = make_slab(bulk, spec);
  slab.structure = frozen(slab.structure);
  return slab;
}

// The clean slab (all atoms fixed: the substrate keeps its bulk geometry) and one adatom per
// site, free along z only: its height relaxes, its lateral position stays on the site.
DftSystem read_adsorption(const TomlReader& r, DftSystem sys, const Cp2kSettings& settings) {
  r.allow_only(with_settings({"prototype", "elements", "a_A", "c_A", "facet", "layers", "repeat", "vacuum_A",
                              "termination", "adsorbate", "height_A", "site_height_A", "scan_offsets_A", "sites",
                              "atom_reference", "bulk_reference", "adatom_multiplicity"}));
  sys.facet = r.string("facet");
  Slab slab = read_substrate_slab(r);
  sys.top_layer_z_A = slab.layer_z_A.back();
  sys.adsorbate = r.string("adsorbate");
  sys.atom_reference = r.string("atom_reference");
  sys.bulk_reference = r.string("bulk_reference");
  // Starting height of the adatom above the top layer, per site where known (a good start
  // saves GEO_OPT steps of several minutes each).
  const double default_height = r.number_in("height_A", 2.8, kLowestAdatomHeight_A, 6.0);
  std::map<std::string, double> site_height;
  if (const auto t = r.table("site_height_A"))
    for (const auto& [label, value] : t->raw()) {
      const double h = value.value_or(-1.0);
      if (h < kLowestAdatomHeight_A || h > 6.0)
        t->fail_at(&value, std::string(label.str()), fmt::format("must be a height in [{}, 6] A", kLowestAdatomHeight_A));
      site_height[std::string(label.str())] = h;
    }
  sys.calculations.push_back({sys.name, "clean", slab.structure, settings});
  // On an insulator the adatom keeps its unpaired 3s electron: its calculations run spin
  // polarised (a doublet, like the isolated atom) while the closed-shell slab does not. On a
  // metal the electron joins the slab's bands and the slab's settings hold for both.
  Cp2kSettings adatom_settings = settings;
  adatom_settings.multiplicity = r.integer_in("adatom_multiplicity", settings.multiplicity, 0, 100);

  // Either CP2K relaxes the adatom height (GEO_OPT, no scan_offsets_A) or the adatom is held
  // at fixed heights around the start height: energies only, a binding curve E(z) whose
  // parabola through the lowest three points gives E_min and z_min.
  const auto scan_offsets = r.numbers_or_empty("scan_offsets_A");
  const auto sites = find_adsorption_sites(slab.structure);
  auto wanted = r.strings_or_empty("sites");
  if (wanted.empty())
    for (const auto& site : sites) wanted.push_back(site.label);
  std::vector<const AdsorptionSite*> chosen;
  for (const auto& label : wanted) {
    const auto it = std::find_if(sites.begin(), sites.end(), [&](const AdsorptionSite& x) { return x.label == label; });
    if (it == sites.end()) {
      std::string known;
      for (const auto& x : sites) known += (known.empty() ? "" : ", ") + x.label;
      r.fail("sites", "no site '" + label + "' on this surface (it has: " + known + ")");
    }
    chosen.push_back(&*it);
  }
  auto start_height = [&](const std::string& label) {
    const auto h = site_height.find(label);
    return h == site_height.end() ? default_height : h->second;
  };
  if (scan_offsets.empty()) {
    for (const auto* site : chosen) {
      Structure s = slab.structure;
      s.add_atom(sys.adsorbate, site->position_A + Vec3(0, 0, start_height(site->label)), dof::kZ);
      sys.calculations.push_back({sys.name, site->label, s, adatom_settings, site->label, 0.0});
    }
    return sys;
  }
  // The first offset of every site comes first, so an interrupted run already has an energy
  // for each site; then the sites' curves are completed one by one in the order listed.
  auto add_point = [&](const AdsorptionSite& site, double offset) {
    Structure s = slab.structure;
    const double z = start_height(site.label) + offset;
    if (z < kLowestAdatomHeight_A)
      r.fail("scan_offsets_A", fmt::format("puts the adatom below {} A", kLowestAdatomHeight_A));
    s.add_atom(sys.adsorbate, site.position_A + Vec3(0, 0, z), dof::kNone);
    sys.calculations.push_back({sys.name, fmt::format("{}_z{:.2f}", site.label, z), s, adatom_settings, site.label, z});
  };
  for (const auto* site : chosen) add_point(*site, scan_offsets.front());
  for (const auto* site : chosen)
    for (std::size_t k = 1; k < scan_offsets.size(); ++k) add_point(*site, scan_offsets[k]);
  return sys;
}

// Atoms [begin, end) of `s` in its cell.
Structure atom_range(const Structure& s, std::size_t begin, std::size_t end) {
  Structure part;
  part.cell = s.cell;
  part.pbc = s.pbc;
  for (std::size_t i = begin; i < end; ++i)
    part.add_atom(s.species[i], s.positions.col(static_cast<Eigen::Index>(i)), s.free_dofs[i]);
  return part;
}

// A film of the adsorbate's crystal (e.g. one Na(110) layer) on a substrate facet at one
// registry, the in-plane lattices matched with all the strain on the film (structure/interface.h,
// as the campaign's adhesion task does), every atom frozen. The substrate alone ("clean"), the
// film alone ("film") and the two at film heights gap_A + scan_offsets_A share one cell (built at
// the widest gap), so W(z) = (E_clean + E_film − E(z)) / A compares energies on one grid. With
// relax_from_gap_A the film is also relaxed ("film_relaxed", CP2K GEO_OPT: the film's atoms free,
// the substrate frozen) from that gap, in the same cell: what the film gains by moving into the
// substrate's hollows, which a rigid scan misses.
DftSystem read_film(const TomlReader& r, DftSystem sys, const Cp2kSettings& settings) {
  r.allow_only(with_settings({"prototype", "elements", "a_A", "c_A", "facet", "layers", "repeat", "vacuum_A",
                              "termination", "film_prototype", "film_elements", "film_a_A", "film_facet", "film_layers",
                              "max_strain", "max_atoms", "gap_A", "scan_offsets_A", "relax_from_gap_A"}));
  sys.facet = r.string("facet");
  const Slab substrate = read_substrate_slab(r);
  const auto film_elements = r.strings("film_elements");
  const Structure film_bulk =
      bulk_prototype(r.string("film_prototype"), film_elements, r.number_in("film_a_A", 0, 0, 50));
  SlabSpec film_spec;
  const std::string film_facet = r.string("film_facet");
  film_spec.miller = parse_miller(film_facet);
  film_spec.layers = r.integer_in("film_layers", 1, 1, 10);
  const Slab film = make_slab(film_bulk, film_spec);

  const double gap_A = r.number_in("gap_A", 2.8, 1.0, 6.0);
  auto offsets = r.numbers_or_empty("scan_offsets_A");
  if (offsets.empty()) offsets = {0.0};
  const auto relax_gap_A = r.number_if("relax_from_gap_A");
  if (relax_gap_A) r.require_in("relax_from_gap_A", *relax_gap_A, 1.0, 6.0);
  const double widest_A =
      std::max(gap_A + *std::max_element(offsets.begin(), offsets.end()), relax_gap_A.value_or(0.0));
  InterfaceOptions opt;
  opt.match.max_strain = r.number_in("max_strain", 0.05, 0.0, 0.2);
  opt.match.max_atoms = r.integer_in("max_atoms", 60, 2, 2000);
  opt.separation_A = widest_A;
  opt.vacuum_A = r.number_in("vacuum_A", 15.0, 5.0, 60.0);
  Interface iface;
  try {
    iface = build_interface(substrate.structure, frozen(film.structure), opt);
  } catch (const std::invalid_argument& e) {
    r.fail("max_atoms", std::string("no coherent interface cell within max_strain and max_atoms: ") + e.what());
  }
  sys.adsorbate = fmt::format("{}", fmt::join(film_elements, ""));
  sys.first_film_atom = iface.substrate_atoms;
  sys.interface_area_A2 = iface.structure.area_A2();
  const auto n = iface.structure.size();
  double top_z = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < sys.first_film_atom; ++i)
    top_z = std::max(top_z, iface.structure.positions(2, static_cast<Eigen::Index>(i)));
  sys.top_layer_z_A = top_z;
  const std::string label = fmt::format("{}{}-{}L", sys.adsorbate, film_facet, film_spec.layers);
  sys.calculations.push_back({sys.name, "clean", atom_range(iface.structure, 0, sys.first_film_atom), settings});
  sys.calculations.push_back({sys.name, "film", atom_range(iface.structure, sys.first_film_atom, n), settings});
  const auto film_at = [&](double z) {
    Structure s = iface.structure;
    for (std::size_t i = sys.first_film_atom; i < n; ++i) s.positions(2, static_cast<Eigen::Index>(i)) -= widest_A - z;
    return s;
  };
  for (const double offset : offsets) {
    const double z = gap_A + offset;
    if (z < 1.0) r.fail("scan_offsets_A", "puts the film below 1 A");
    sys.calculations.push_back({sys.name, fmt::format("film_z{:.2f}", z), film_at(z), settings, label, z});
  }
  if (relax_gap_A) {
    Structure s = film_at(*relax_gap_A);
    for (std::size_t i = sys.first_film_atom; i < n; ++i) s.free_dofs[i] = dof::kAll;
    sys.calculations.push_back({sys.name, kRelaxedFilmConfig, s, settings, label, 0.0});
  }
  return sys;
}

// A clean slab of an elemental crystal, frozen at the bulk geometry of its bulk_reference (the
// same prototype and lattice constant): its surface energy γ = (E_slab − N E_bulk/atom)/(2A), both
// faces alike. The contact angle of a film on a substrate needs the film metal's own γ in the same
// functional.
DftSystem read_surface(const TomlReader& r, DftSystem sys, const Cp2kSettings& settings) {
  r.allow_only(with_settings({"prototype", "elements", "a_A", "c_A", "facet", "layers", "repeat", "vacuum_A",
                              "termination", "bulk_reference"}));
  if (r.strings("elements").size() != 1) r.fail("elements", "a surface system is one element");
  sys.facet = r.string("facet");
  sys.bulk_reference = r.string("bulk_reference");
  const Slab slab = read_substrate_slab(r);
  sys.top_layer_z_A = slab.layer_z_A.back();
  sys.calculations.push_back({sys.name, "slab", slab.structure, settings});
  return sys;
}

DftSystemKind parse_kind(const TomlReader& r) {
  const std::string kind = r.string("kind");
  if (kind == "atom") return DftSystemKind::kAtom;
  if (kind == "bulk") return DftSystemKind::kBulk;
  if (kind == "compound") return DftSystemKind::kCompound;
  if (kind == "adsorption") return DftSystemKind::kAdsorption;
  if (kind == "film") return DftSystemKind::kFilm;
  if (kind == "surface") return DftSystemKind::kSurface;
  r.fail("kind", "must be atom, bulk, compound, adsorption, film or surface, not '" + kind + "'");
}

// A scanned system's calculations carry their lattice constants; a single cell's carry none.
bool is_lattice_scan(const DftSystem& sys) { return sys.calculations.front().lattice_constant_A > 0; }

// A reference names a system of the set of the kind it stands for; a bulk reference is one cell
// (its energy per atom is a chemical potential), not a lattice scan.
void require_reference(const DftReferenceSet& set, const TomlReader& r, const std::string& key, const std::string& name,
                       DftSystemKind kind) {
  const DftSystem* ref = find_dft_system(set, name);
  if (!ref) r.fail(key, "names no system of this set: '" + name + "'");
  if (ref->kind != kind)
    r.fail(key, "'" + name + "' must be " + (kind == DftSystemKind::kAtom ? "an atom" : "a bulk") + " system");
  if (kind == DftSystemKind::kBulk && is_lattice_scan(*ref))
    r.fail(key, "'" + name + "' is a lattice scan; a reference needs one cell (a_A)");
}

// A surface's slab must be cut from its bulk reference's crystal: E_bulk/atom is only its
// chemical potential when both are the same element at the same lattice constant.
void require_same_crystal(const DftReferenceSet& set, const TomlReader& r, const DftSystem& sys) {
  const Structure& bulk = find_dft_system(set, sys.bulk_reference)->calculations.front().structure;
  const Structure& slab = sys.calculations.front().structure;
  if (bulk.elements() != slab.elements())
    r.fail("bulk_reference", "'" + sys.bulk_reference + "' is not a crystal of the slab's element");
  const double a_bulk_A = bulk.cell.col(0).norm();
  const double a_slab_A = r.number_in("a_A", 0, 0, 50);
  if (std::abs(a_bulk_A - a_slab_A) > 1e-9)
    r.fail("a_A", fmt::format("{} A differs from the lattice constant of '{}' ({} A)", a_slab_A, sys.bulk_reference,
                              a_bulk_A));
}

void check_references(const DftReferenceSet& set, const toml::array& tables) {
  for (std::size_t i = 0; i < set.systems.size(); ++i) {
    const DftSystem& sys = set.systems[i];
    const TomlReader r(set.file.string(), *tables[i].as_table(), fmt::format("system[{}]", i));
    if (sys.kind == DftSystemKind::kAdsorption) {
      require_reference(set, r, "atom_reference", sys.atom_reference, DftSystemKind::kAtom);
      require_reference(set, r, "bulk_reference", sys.bulk_reference, DftSystemKind::kBulk);
    }
    if (sys.kind == DftSystemKind::kSurface) {
      require_reference(set, r, "bulk_reference", sys.bulk_reference, DftSystemKind::kBulk);
      require_same_crystal(set, r, sys);
    }
    for (const auto& name : sys.element_references) require_reference(set, r, "references", name, DftSystemKind::kBulk);
  }
}

}  // namespace

DftReferenceSet read_dft_reference_set(const fs::path& toml_file) {
  const auto root = parse_toml_file(toml_file.string());
  const TomlReader top(toml_file.string(), root, "");
  top.allow_only({"settings", "system"});
  Cp2kSettings defaults;
  if (const auto st = top.table("settings")) {
    st->allow_only(kSettingKeys);
    defaults = read_settings(*st, defaults);
  }
  DftReferenceSet set;
  set.file = toml_file;
  set.dir = toml_file.parent_path();
  const auto* systems = root["system"].as_array();
  if (!systems) top.fail("system", "the set needs [[system]] tables");
  std::set<std::string> names;
  for (std::size_t i = 0; i < systems->size(); ++i) {
    const auto* t = (*systems)[i].as_table();
    if (!t) top.fail("system", "entries must be tables");
    const TomlReader r(toml_file.string(), *t, fmt::format("system[{}]", i));
    DftSystem sys;
    sys.name = r.string("name");
    if (sys.name.empty() || sys.name.find_first_of("/\\ ") != std::string::npos || sys.name[0] == '.')
      r.fail("name", "must be a plain directory name (no '/', spaces or leading '.')");
    if (!names.insert(sys.name).second) r.fail("name", "'" + sys.name + "' is used twice");
    sys.kind = parse_kind(r);
    const Cp2kSettings settings = read_settings(r, defaults);
    switch (sys.kind) {
      case DftSystemKind::kAtom: sys = read_atom(r, sys, settings); break;
      case DftSystemKind::kBulk: sys = read_bulk(r, sys, settings); break;
      case DftSystemKind::kCompound: sys = read_compound(r, sys, settings); break;
      case DftSystemKind::kAdsorption: sys = read_adsorption(r, sys, settings); break;
      case DftSystemKind::kFilm: sys = read_film(r, sys, settings); break;
      case DftSystemKind::kSurface: sys = read_surface(r, sys, settings); break;
    }
    set.systems.push_back(std::move(sys));
  }
  check_references(set, *systems);
  return set;
}

const DftSystem* find_dft_system(const DftReferenceSet& set, const std::string& name) {
  for (const auto& sys : set.systems)
    if (sys.name == name) return &sys;
  return nullptr;
}

const DftOutcome* find_dft_outcome(const std::map<std::string, DftOutcome>& done, const std::string& system,
                                   const std::string& config) {
  const auto it = done.find(system + "/" + config);
  return it == done.end() ? nullptr : &it->second;
}

namespace {

// Vertex of the parabola through the lowest of `points` (sorted by x) and its two neighbours;
// nullopt with fewer than three points or when the lowest is at an end (minimum not bracketed).
std::optional<std::pair<double, double>> bracketed_minimum(const std::vector<std::pair<double, double>>& points) {
  if (points.size() < 3) return std::nullopt;
  std::size_t low = 0;
  for (std::size_t i = 1; i < points.size(); ++i)
    if (points[i].second < points[low].second) low = i;
  if (low == 0 || low + 1 == points.size()) return std::nullopt;
  return parabola_minimum({points[low - 1].first, points[low].first, points[low + 1].first},
                          {points[low - 1].second, points[low].second, points[low + 1].second});
}

// Energy per atom of a bulk system's cell.
const DftOutcome* bulk_outcome(const std::map<std::string, DftOutcome>& done, const std::string& system) {
  return find_dft_outcome(done, system, "bulk");
}

// Site labels of an adsorption system in calculation order, each once.
std::vector<std::string> site_labels(const DftSystem& sys) {
  std::vector<std::string> labels;
  for (const auto& c : sys.calculations)
    if (!c.site.empty() && std::find(labels.begin(), labels.end(), c.site) == labels.end()) labels.push_back(c.site);
  return labels;
}

// Finished scan points of one site (or film) as (height, E − e_apart_eV), sorted by height;
// e_apart_eV is the energy of the parts apart: the clean slab (adatom), slab plus film (film).
std::vector<std::pair<double, double>> scan_points(const DftSystem& sys, const std::string& site,
                                                   const std::map<std::string, DftOutcome>& done, double e_apart_eV) {
  std::vector<std::pair<double, double>> points;
  for (const auto& c : sys.calculations)
    if (c.site == site && c.overlayer_height_A > 0)
      if (const auto* o = find_dft_outcome(done, sys.name, c.config))
        points.emplace_back(c.overlayer_height_A, o->energy_eV - e_apart_eV);
  std::sort(points.begin(), points.end());
  return points;
}

// The work of adhesion at the film's equilibrium height, W_ad = −E_min/A, and that height.
// The curve is E(film on substrate) − E(substrate) − E(film) over the film heights: the scan
// points of the film's label measured from the two apart. With a relaxed film, also
// W_ad_relaxed = (E(substrate) + E(film) − E(relaxed film on substrate))/A.
void film_rows(const DftSystem& sys, const std::map<std::string, DftOutcome>& done, std::vector<DftSummaryRow>& rows) {
  const auto* clean = find_dft_outcome(done, sys.name, "clean");
  const auto* film = find_dft_outcome(done, sys.name, "film");
  if (!clean || !film) return;
  const std::string& label = sys.calculations.back().site;
  const double apart_eV = clean->energy_eV + film->energy_eV;
  if (const auto* relaxed = find_dft_outcome(done, sys.name, kRelaxedFilmConfig))
    rows.push_back({sys.name, sys.facet, label, "W_ad_relaxed",
                    (apart_eV - relaxed->energy_eV) / sys.interface_area_A2 * kEvPerA2_to_J_per_m2, "J/m2"});
  const auto vertex = bracketed_minimum(scan_points(sys, label, done, apart_eV));
  if (!vertex) return;
  rows.push_back(
      {sys.name, sys.facet, label, "W_ad", -vertex->second / sys.interface_area_A2 * kEvPerA2_to_J_per_m2, "J/m2"});
  rows.push_back({sys.name, sys.facet, label, "z_min", vertex->first, "A"});
}

void adsorption_rows(const DftSystem& sys, const std::map<std::string, DftOutcome>& done,
                     std::vector<DftSummaryRow>& rows) {
  const auto* clean = find_dft_outcome(done, sys.name, "clean");
  const auto* atom = find_dft_outcome(done, sys.atom_reference, "atom");
  const auto* bulk = bulk_outcome(done, sys.bulk_reference);
  if (!clean) return;
  auto add_rows = [&](const std::string& site, double e_ads, double z_min) {
    if (atom) rows.push_back({sys.name, sys.facet, site, "E_bind", e_ads - atom->energy_eV, "eV"});
    if (bulk)
      rows.push_back({sys.name, sys.facet, site, "E_ads_vs_bulk",
                      e_ads - bulk->energy_eV / static_cast<double>(bulk->structure.size()), "eV"});
    rows.push_back({sys.name, sys.facet, site, "z_min", z_min, "A"});
  };
  for (const auto& site : site_labels(sys)) {
    // A relaxed adatom (GEO_OPT) ...
    if (const auto* ads = find_dft_outcome(done, sys.name, site)) {
      const auto n = ads->structure.positions.cols();
      add_rows(site, ads->energy_eV - clean->energy_eV, ads->structure.positions(2, n - 1) - sys.top_layer_z_A);
      continue;
    }
    // ... or the vertex of the parabola through the lowest scan point and its two neighbours.
    if (const auto vertex = bracketed_minimum(scan_points(sys, site, done, clean->energy_eV)))
      add_rows(site, vertex->second, vertex->first);
  }
}

// γ = (E_slab − N E_bulk/atom)/(2A) of a surface system, both faces of the frozen slab alike.
void surface_rows(const DftSystem& sys, const std::map<std::string, DftOutcome>& done,
                  std::vector<DftSummaryRow>& rows) {
  const auto* slab = find_dft_outcome(done, sys.name, "slab");
  const auto* bulk = bulk_outcome(done, sys.bulk_reference);
  if (!slab || !bulk) return;
  const double bulk_eV_per_atom = bulk->energy_eV / static_cast<double>(bulk->structure.size());
  const double gamma_J_m2 = symmetric_slab_gamma_J_m2(slab->energy_eV, slab->structure.size(), bulk_eV_per_atom,
                                                      slab->structure.area_A2());
  rows.push_back({sys.name, sys.facet, "", "gamma", gamma_J_m2, "J/m2"});
}

// Cohesive energy of an elemental bulk when an isolated-atom system of the same element exists.
void cohesive_rows(const DftReferenceSet& set, const DftSystem& sys, const std::map<std::string, DftOutcome>& done,
                   std::vector<DftSummaryRow>& rows) {
  const auto* bulk = bulk_outcome(done, sys.name);
  if (!bulk || bulk->structure.elements().size() != 1) return;
  const std::string element = bulk->structure.elements().front();
  for (const auto& other : set.systems) {
    if (other.kind != DftSystemKind::kAtom) continue;
    const auto* atom = find_dft_outcome(done, other.name, "atom");
    if (!atom || atom->structure.species.front() != element) continue;
    if (other.calculations.front().settings.cutoff_Ry != sys.calculations.front().settings.cutoff_Ry) continue;
    const double per_atom = bulk->energy_eV / static_cast<double>(bulk->structure.size());
    rows.push_back({sys.name, "", other.name, "E_coh", atom->energy_eV - per_atom, "eV/atom"});
  }
}

// The lattice constant at the energy minimum of a scanned cell, once the scan brackets it.
void lattice_scan_rows(const DftSystem& sys, const std::map<std::string, DftOutcome>& done,
                       std::vector<DftSummaryRow>& rows) {
  if (!is_lattice_scan(sys)) return;
  if (const auto minimum = lattice_energy_minimum(sys, done))
    rows.push_back({sys.name, "", "", "a_min", minimum->first, "A"});
}

void compound_rows(const DftSystem& sys, const std::map<std::string, DftOutcome>& done,
                   std::vector<DftSummaryRow>& rows) {
  const auto e = dft_formation_energy(sys, done);
  if (!e) return;
  rows.push_back({sys.name, "", "", "E_form", *e, "eV/atom"});
  lattice_scan_rows(sys, done, rows);
}

// Finished points of a lattice scan as (a, E_cell), in the order of a.
std::vector<std::pair<double, double>> lattice_scan_points(const DftSystem& sys,
                                                           const std::map<std::string, DftOutcome>& done) {
  std::vector<std::pair<double, double>> points;
  for (const auto& c : sys.calculations)
    if (const auto* o = find_dft_outcome(done, sys.name, c.config))
      points.emplace_back(c.lattice_constant_A, o->energy_eV);
  return points;
}

}  // namespace

double formation_energy_per_atom(const Structure& compound, double compound_energy_eV,
                                 const std::map<std::string, double>& mu_eV_per_atom) {
  double e = compound_energy_eV;
  for (const auto& element : compound.species) e -= mu_eV_per_atom.at(element);
  return e / static_cast<double>(compound.size());
}

const DftOutcome* finished_cell(const DftSystem& sys, const std::map<std::string, DftOutcome>& done) {
  for (const auto& c : sys.calculations)
    if (const auto* o = find_dft_outcome(done, sys.name, c.config)) return o;
  return nullptr;
}

std::optional<std::pair<double, double>> lattice_energy_minimum(const DftSystem& sys,
                                                                const std::map<std::string, DftOutcome>& done) {
  if (!is_lattice_scan(sys)) {
    const auto* cell = bulk_outcome(done, sys.name);
    if (!cell) return std::nullopt;
    return std::make_pair(cell->structure.cell.col(0).norm(), cell->energy_eV);
  }
  return bracketed_minimum(lattice_scan_points(sys, done));
}

std::optional<double> dft_formation_energy(const DftSystem& sys, const std::map<std::string, DftOutcome>& done) {
  const auto minimum = lattice_energy_minimum(sys, done);
  if (!minimum) return std::nullopt;
  const Structure& compound = finished_cell(sys, done)->structure;
  std::map<std::string, double> mu;
  for (const auto& ref_name : sys.element_references) {
    const auto* ref = bulk_outcome(done, ref_name);
    if (!ref || ref->structure.elements().size() != 1) return std::nullopt;
    mu[ref->structure.elements().front()] = ref->energy_eV / static_cast<double>(ref->structure.size());
  }
  for (const auto& element : compound.elements())
    if (!mu.count(element)) return std::nullopt;
  return formation_energy_per_atom(compound, minimum->second, mu);
}

std::vector<DftSummaryRow> dft_summary(const DftReferenceSet& set, const std::map<std::string, DftOutcome>& done) {
  std::vector<DftSummaryRow> rows;
  for (const auto& sys : set.systems) {
    switch (sys.kind) {
      case DftSystemKind::kAdsorption: adsorption_rows(sys, done, rows); break;
      case DftSystemKind::kBulk:
        cohesive_rows(set, sys, done, rows);
        lattice_scan_rows(sys, done, rows);
        break;
      case DftSystemKind::kCompound: compound_rows(sys, done, rows); break;
      case DftSystemKind::kFilm: film_rows(sys, done, rows); break;
      case DftSystemKind::kSurface: surface_rows(sys, done, rows); break;
      case DftSystemKind::kAtom: break;
    }
  }
  return rows;
}

std::vector<DftCurvePoint> dft_binding_curves(const DftReferenceSet& set,
                                              const std::map<std::string, DftOutcome>& done) {
  std::vector<DftCurvePoint> points;
  for (const auto& sys : set.systems) {
    if (sys.kind != DftSystemKind::kAdsorption) continue;
    const auto* clean = find_dft_outcome(done, sys.name, "clean");
    const auto* atom = find_dft_outcome(done, sys.atom_reference, "atom");
    const auto* bulk = bulk_outcome(done, sys.bulk_reference);
    if (!clean || !atom || !bulk) continue;
    const double bulk_per_atom = bulk->energy_eV / static_cast<double>(bulk->structure.size());
    for (const auto& site : site_labels(sys))
      for (const auto& [z, e_ads] : scan_points(sys, site, done, clean->energy_eV))
        points.push_back({sys.name, sys.facet, site, z, e_ads - atom->energy_eV, e_ads - bulk_per_atom});
  }
  return points;
}

std::string dft_binding_curves_csv(const std::vector<DftCurvePoint>& points) {
  std::string csv = "system,facet,site,z_A,E_bind_eV,E_ads_vs_bulk_eV\n";
  for (const auto& p : points)
    csv += csv_row({p.system, p.facet, p.site, fmt::format("{:.3f}", p.z_A), fmt::format("{:.4f}", p.e_bind_eV),
                    fmt::format("{:.4f}", p.e_ads_vs_bulk_eV)});
  return csv;
}

std::optional<std::pair<double, double>> parabola_minimum(const std::array<double, 3>& x,
                                                          const std::array<double, 3>& y) {
  // Newton's divided differences: y = y0 + d01 (x − x0) + d012 (x − x0)(x − x1).
  const double d01 = (y[1] - y[0]) / (x[1] - x[0]);
  const double d12 = (y[2] - y[1]) / (x[2] - x[1]);
  const double d012 = (d12 - d01) / (x[2] - x[0]);
  if (!(d012 > 0)) return std::nullopt;
  const double xv = 0.5 * (x[0] + x[1]) - d01 / (2 * d012);
  if (xv < std::min({x[0], x[1], x[2]}) || xv > std::max({x[0], x[1], x[2]})) return std::nullopt;
  const double yv = y[0] + d01 * (xv - x[0]) + d012 * (xv - x[0]) * (xv - x[1]);
  return std::make_pair(xv, yv);
}

std::string dft_summary_csv(const std::vector<DftSummaryRow>& rows) {
  std::string csv = "system,facet,site,quantity,value,unit\n";
  for (const auto& r : rows)
    csv += csv_row({r.system, r.facet, r.site, r.quantity, fmt::format("{:.4f}", r.value), r.unit});
  return csv;
}

}  // namespace nabridge::workflow
