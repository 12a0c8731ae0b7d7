#include "workflow/campaign.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/elements.h"
#include "core/kim_potential.h"
#include "core/potential_commands.h"
#include "engine/lammps_engine.h"
#include "nabridge/upscale/param_keys.h"
#include "potentials/potential_library.h"
#include "protocols/polar_surface.h"
#include "structure/intermetallics.h"
#include "structure/slab.h"
#include "workflow/miller.h"
#include "nabridge/base/toml_reader.h"
#include "nabridge/upscale/upscale_params.h"

namespace nabridge::workflow {

namespace fs = std::filesystem;

namespace {

/// The lattice constants a campaign may give (Å): below, atoms overlap; above, no interatomic
/// potential's range reaches a neighbour and the bulk search has nothing to find.
constexpr double kMinLattice_A = 1.0, kMaxLattice_A = 30.0;

/// Names end up in table rows, file names and figure titles: a newline or NUL would split or
/// truncate them.
void require_printable(const TomlReader& t, const std::string& key, const std::string& value) {
  for (const char ch : value)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
      t.fail(key, "must not contain control characters (newline, tab, NUL)");
}

/// The alloy surface of coating.alloy: facet, termination and layers, checked by cutting the slab
/// from the prototype at the given (or a nominal) lattice constant.
void read_alloy_surface(const TomlReader& t, const std::string& coating_element, AlloyEntry& a) {
  a.facet = t.string_or("facet", a.facet);
  a.termination = t.string_or("termination", a.termination);
  a.layers = t.integer_in("layers", a.layers, 3, 60);
  SlabSpec spec;
  try {
    spec.miller = parse_miller(a.facet);
  } catch (const std::exception& e) {
    t.fail("facet", e.what());
  }
  spec.layers = a.layers;
  spec.termination = a.termination;
  spec.cut_at_widest_gaps = true;
  try {
    make_slab(intermetallic(a.prototype, "Na", coating_element, a.a_A > 0 ? a.a_A : 5.0), spec);
  } catch (const std::invalid_argument& e) {
    t.fail("termination", fmt::format("{} ({} {} slab of {} layers)", e.what(), a.phase, a.facet, a.layers));
  }
}

/// coating.alloy of substrate `name`: a prototype to compute its formation energy from, or the
/// formation energy and stoichiometry given; neither is one error naming the substrate.
AlloyEntry read_alloy(const TomlReader& t, const std::string& name, const CoatingEntry& co) {
  t.allow_only({"phase", "prototype", "a_A", "formation_eV_per_atom", "na_per_coating_atom", "source", "facet",
                "termination", "layers"});
  AlloyEntry a;
  a.phase = t.string("phase");
  a.prototype = t.string_or("prototype", "");
  a.a_A = t.number_in("a_A", 0.0, 0.0, kMaxLattice_A, false);
  a.source = t.string_or("source", "");
  if (t.has("formation_eV_per_atom"))
    a.formation_eV_per_atom = t.number_in("formation_eV_per_atom", 0.0, -5.0, 5.0, false);
  if (t.has("na_per_coating_atom")) a.na_per_coating_atom = t.number_in("na_per_coating_atom", 0.0, 1e-3, 100.0, false);
  if (co.elements.size() != 1) t.fail("phase", "an alloying coating must be one element (the alloy is Na_x M)");
  if (!a.prototype.empty()) {
    static const std::set<std::string> cubic{"B2", "L12", "C15"};
    if (!cubic.count(a.prototype))
      t.fail("prototype", "'" + a.prototype + "' is not one of B2, L12, C15 (Na as A, the coating as B)");
    if (a.formation_eV_per_atom || a.na_per_coating_atom)
      t.fail("formation_eV_per_atom",
             "give a prototype (computed) or formation_eV_per_atom and na_per_coating_atom, not both");
    read_alloy_surface(t, co.elements.front(), a);
  } else if (!a.formation_eV_per_atom) {
    t.fail("phase",
           fmt::format("substrate '{}': alloying coating '{}' has no formation energy: give prototype (B2, L12, C15; "
                       "computed with the potential) or formation_eV_per_atom",
                       name, a.phase));
  } else if (!a.na_per_coating_atom) {
    t.fail("na_per_coating_atom",
           fmt::format("substrate '{}': alloying coating '{}': needed with a given formation energy", name, a.phase));
  } else {
    for (const char* surface_key : {"facet", "termination", "layers"})
      if (t.has(surface_key))
        t.fail(surface_key, "the alloy surface is cut from the alloy's prototype: only with 'prototype'");
  }
  return a;
}

/// ${campaign}, ${lammps_potentials} and ${nabridge_potentials} in pair_coeff lines.
std::string expand_placeholders(std::string s, const fs::path& campaign_dir,
                                const std::vector<fs::path>& potential_dirs) {
  const std::vector<std::pair<std::string, std::string>> vars{
      {"${campaign}", campaign_dir.string()},
      {"${lammps_potentials}", "/usr/share/lammps/potentials"},
      {"${nabridge_potentials}", potential_dirs.empty() ? std::string() : potential_dirs.front().string()}};
  for (const auto& [from, to] : vars)
    for (std::size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), to);
  return s;
}

/// The lines of a potential written into a campaign's [potentials.NAME] table; ${here} is the
/// campaign's folder.
PotentialSpec read_potential_lines(const TomlReader& t, const std::string& name, const fs::path& campaign_dir,
                                   const std::vector<fs::path>& potential_dirs) {
  const fs::path& here = campaign_dir;
  auto expand = [&](std::string s) {
    for (std::size_t p; (p = s.find("${here}")) != std::string::npos;) s.replace(p, 7, here.string());
    return expand_placeholders(s, campaign_dir, potential_dirs);
  };
  PotentialSpec p;
  p.id = name;
  p.elements = t.strings("elements");
  if (p.elements.empty()) t.fail("elements", "must list at least one element");
  for (const auto& e : p.elements) {
    try {
      check_species(e);
    } catch (const std::exception&) {
      t.fail("elements", "'" + e + "' is not an element symbol (or an element and a role, \"Na:metal\")");
    }
  }
  p.type_labels = t.strings_or_empty("type_labels");
  if (!p.type_labels.empty() && p.type_labels.size() != p.elements.size())
    t.fail("type_labels", "needs one label per element");
  auto add_command = [&](const char* key, const std::string& command) {
    if (const auto problem = potential_command_problem(command); !problem.empty()) t.fail(key, problem);
    p.commands.push_back(command);
  };
  add_command("pair_style", "pair_style " + t.string("pair_style"));
  for (const auto& line : t.strings("pair_coeff")) add_command("pair_coeff", "pair_coeff " + expand(line));
  for (const auto& line : t.strings_or_empty("commands")) add_command("commands", expand(line));
  // Files the commands read: every word that names an existing file (an absolute path that does
  // not exist is an error here rather than a LAMMPS exit in a worker).
  for (const auto& cmd : p.commands) {
    std::istringstream words(cmd);
    for (std::string w; words >> w;)
      if (std::error_code ec; fs::is_regular_file(w, ec)) p.files.push_back(w);
      else if (w.front() == '/' && !fs::exists(w, ec)) t.fail("pair_coeff", "file '" + w + "' does not exist");
  }
  for (const char* key : {"charges", "masses"})
    if (auto sub = t.table(key)) {
      for (const auto& [el, v] : sub->raw()) {
        const std::string e(el.str());
        if (std::find(p.elements.begin(), p.elements.end(), e) == p.elements.end())
          sub->fail(e, "element not in this potential's 'elements'");
        if (!v.is_number()) sub->fail(e, "must be a number");
        (std::string(key) == "charges" ? p.charges_e : p.masses_amu)[e] = v.value_or(0.0);
      }
    }
  return p;
}

/// `shipped_folder`: set to the potential's folder when `t` names a shipped id.
PotentialSpec read_potential(const TomlReader& t, const std::string& name, const fs::path& campaign_dir,
                             const std::vector<fs::path>& potential_dirs, fs::path& shipped_folder) {
  if (t.has("kim")) {  // an OpenKIM model (Debian's openkim-models or one NaBridge builds)
    t.allow_only({"kim", "elements", "source"});
    try {
      PotentialSpec p = kim_potential(t.string("kim"), t.strings("elements"));
      p.id = name;
      return p;
    } catch (const std::invalid_argument& e) {
      t.fail("kim", e.what());
    }
  }
  if (!t.has("id")) {
    t.allow_only({"elements", "type_labels", "pair_style", "pair_coeff", "commands", "charges", "masses", "source"});
    return read_potential_lines(t, name, campaign_dir, potential_dirs);
  }
  // A shipped potential by id, read by the one reader of potentials/ID/potential.toml.
  t.allow_only({"id"});
  const std::string id = t.string("id");
  std::vector<std::string> dirs;
  for (const auto& d : potential_dirs) dirs.push_back(d.string());
  try {
    const std::string file = potentials::find_potential(id, dirs);
    PotentialSpec p = potentials::load_potential(file, {}, {});
    p.id = name;
    p.files.push_back(file);  // its metadata and lines enter the keys too
    shipped_folder = fs::path(file).parent_path();
    return p;
  } catch (const std::invalid_argument& e) {
    t.fail("id", e.what());
  }
}

/// [substrate.ferroelectric.polar_rows]: limits as docs/campaign.md states them.
PolarRowsEntry read_polar_rows(const TomlReader& t) {
  t.allow_only({"directions", "field", "host", "bilayers", "fixed_bilayers", "repeat", "vacuum_A", "fmax_eV_A",
                "shell_ftol_eV_A", "hops", "neb_images", "neb_fmax_eV_A", "film"});
  PolarRowsEntry r;
  if (t.has("directions")) r.directions = t.strings("directions");
  if (r.directions.empty()) t.fail("directions", "must list \"up\", \"down\" or both");
  for (std::size_t k = 0; k < r.directions.size(); ++k) {
    if (r.directions[k] != "up" && r.directions[k] != "down")
      t.fail("directions", "'" + r.directions[k] + "' is not \"up\" or \"down\"");
    if (std::find(r.directions.begin(), r.directions.begin() + static_cast<long>(k), r.directions[k]) !=
        r.directions.begin() + static_cast<long>(k))
      t.fail("directions", "'" + r.directions[k] + "' is listed twice");
  }
  const std::string field = t.string_or("field", "electrode_screened");
  if (field != "electrode_screened" && field != "open_circuit")
    t.fail("field", "must be \"electrode_screened\" or \"open_circuit\"");
  r.electrode_screened = field == "electrode_screened";
  r.host = t.string_or("host", r.host);
  PolarSurfaceOptions::Host host = PolarSurfaceOptions::Host::relaxed;
  try {
    host = polar_surface_host(r.host);
  } catch (const std::invalid_argument& e) {
    t.fail("host", e.what());
  }
  r.bilayers = t.integer_in("bilayers", r.bilayers, 2, 20);
  r.fixed_bilayers = t.integer_in("fixed_bilayers", r.fixed_bilayers, 0, r.bilayers - 1);
  // The polarity check needs a free BO2 layer below the top one (structure/polar_slab.h).
  if (host != PolarSurfaceOptions::Host::clamped_bulk && r.bilayers - r.fixed_bilayers < 2)
    t.fail("bilayers",
           "needs at least fixed_bilayers + 2 (a free BO2 layer below the top one, whose polarisation is checked)");
  r.repeat = t.integer_in("repeat", r.repeat, 1, 8);
  r.vacuum_A = t.number_in("vacuum_A", r.vacuum_A, 5.0, 200.0, false);
  r.fmax_eV_A = t.number_in("fmax_eV_A", r.fmax_eV_A, 1e-6, 10.0, false);
  r.shell_ftol_eV_A = t.number_in("shell_ftol_eV_A", r.shell_ftol_eV_A, 1e-9, 1e-2, false);
  r.hops = t.boolean_or("hops", r.hops);
  r.neb_images = t.integer_in("neb_images", r.neb_images, 1, 64);
  r.neb_fmax_eV_A = t.number_in("neb_fmax_eV_A", r.neb_fmax_eV_A, 1e-6, 10.0, false);
  r.film = t.boolean_or("film", r.film);
  return r;
}

/// [substrate.ferroelectric] of a perovskite substrate with elements {A, B, O}.
FerroelectricEntry read_ferroelectric(const TomlReader& t, const std::vector<std::string>& elements) {
  t.allow_only({"shell_potential", "a_guess_A", "cells", "polarisation", "thickness_nm", "eps_film",
                "lambda_collector_A", "carrier_density_m3", "eps_electrolyte", "polar_rows"});
  FerroelectricEntry f;
  const std::string id = t.string("shell_potential");
  try {
    const std::string file = potentials::find_potential(id, potentials::default_potential_search_dirs());
    f.shell_potential = potentials::load_potential(file, {});
    f.shell_potential.files.push_back(file);  // its parameters enter the task key
  } catch (const std::invalid_argument& e) {
    t.fail("shell_potential", e.what());
  }
  const auto polar_rows = t.table("polar_rows");
  if (f.shell_potential.shells.empty())
    t.fail("shell_potential", "potential '" + id + "' has no [shells]: the polarisation " +
                                  (polar_rows ? "and the polarised-slab rows (polar_rows) are" : "is") +
                                  " computed with a core–shell model");
  // Na on the polarised slab runs on this model's own Na terms: a rigid ion with a charge.
  if (polar_rows && (f.shell_potential.shells.count("Na") || !f.shell_potential.charges_e.count("Na")))
    t.fail("shell_potential", "potential '" + id + "' has no Na rigid ion (an element Na with a charge and no shell): "
                              "the polarised-slab rows (polar_rows) adsorb Na with it");
  for (const auto& e : elements)
    if (std::find(f.shell_potential.elements.begin(), f.shell_potential.elements.end(), e) ==
        f.shell_potential.elements.end())
      t.fail("shell_potential", "potential '" + id + "' has no element '" + e + "'");
  f.a_guess_A = t.number_in("a_guess_A", f.a_guess_A, kMinLattice_A, kMaxLattice_A, false);
  f.cells = t.integer_in("cells", f.cells, 1, 6);
  const std::string direction = t.string_or("polarisation", "toward_collector");
  if (direction != "toward_collector" && direction != "away_from_collector")
    t.fail("polarisation", "must be \"toward_collector\" or \"away_from_collector\"");
  f.toward_collector = direction == "toward_collector";
  auto required = [&](const char* key, double hi) {
    t.number(key);  // present and a finite number
    return t.number_in(key, 0.0, 0.0, hi, true);
  };
  f.thickness_nm = required("thickness_nm", 1e6);
  f.eps_film = required("eps_film", 1e5);
  f.lambda_collector_A = required("lambda_collector_A", 100.0);
  f.carrier_density_m3 = required("carrier_density_m3", 1e30);
  f.eps_electrolyte = required("eps_electrolyte", 1e4);
  if (polar_rows) f.polar_rows = read_polar_rows(*polar_rows);
  if (f.polar_rows && f.polar_rows->film && f.shell_potential.metal_film.element != "Na")
    polar_rows->fail("film",
                     "potential '" + id +
                         "' has no metal for a Na film ([metal_film] with element = \"Na\" in its "
                         "potential.toml): a film of its Na rigid ions would be a film of cations, not a metal");
  return f;
}

/// The structure prototypes a substrate or coating may name.
void require_prototype(const TomlReader& t, const std::string& prototype) {
  static const std::set<std::string> prototypes{"fcc", "bcc", "perovskite", "rocksalt", "corundum"};
  if (!prototypes.count(prototype))
    t.fail("prototype", "'" + prototype + "' is not one of fcc, bcc, perovskite, rocksalt, corundum");
}

/// A substrate's `potential` (one name or a list): each defined under [potentials], with Na and
/// every element of the substrate.
std::vector<std::string> substrate_potentials(const TomlReader& t, const std::vector<std::string>& elements,
                                              const Campaign& c) {
  std::vector<std::string> potentials;
  if (const auto* n = t.node("potential"); n && n->is_string()) potentials = {t.string("potential")};
  else potentials = t.strings("potential");
  if (potentials.empty()) t.fail("potential", "must name at least one potential");
  for (const auto& name : potentials) {
    const auto pot = c.potentials.find(name);
    if (pot == c.potentials.end())
      t.fail("potential", "unknown potential '" + name + "' (define it under [potentials])");
    const auto& els = pot->second.elements;
    for (const auto& e : elements)
      if (std::find(els.begin(), els.end(), e) == els.end())
        t.fail("elements", "element '" + e + "' is not in potential '" + name + "'");
    if (std::find(els.begin(), els.end(), "Na") == els.end())
      t.fail("potential", "potential '" + name + "' has no Na (needed for adsorption and hops)");
  }
  return potentials;
}

/// [substrate.coating]: its elements must be in every potential of the substrate.
CoatingEntry read_coating(const TomlReader& ct, const SubstrateEntry& s, const Campaign& c) {
  ct.allow_only({"prototype", "elements", "a_A", "c_A", "relax_lattice", "layers", "termination", "alloy"});
  CoatingEntry co;
  co.prototype = ct.string("prototype");
  require_prototype(ct, co.prototype);
  co.elements = ct.strings("elements");
  for (const auto& name : s.potentials)
    for (const auto& e : co.elements)
      if (std::find(c.potentials.at(name).elements.begin(), c.potentials.at(name).elements.end(), e) ==
          c.potentials.at(name).elements.end())
        ct.fail("elements", "element '" + e + "' is not in potential '" + name + "'");
  ct.number("a_A");  // present and a finite number
  co.a_A = ct.number_in("a_A", 0.0, kMinLattice_A, kMaxLattice_A, false);
  co.c_A = ct.number_in("c_A", 0.0, 0.0, kMaxLattice_A, false);
  co.relax_lattice = ct.boolean_or("relax_lattice", true);
  co.layers = ct.integer_in("layers", co.layers, 1, 60);
  co.termination = ct.string_or("termination", "");
  if (auto at = ct.table("alloy")) co.alloy = read_alloy(*at, s.name, co);
  return co;
}

SubstrateEntry read_substrate(const TomlReader& t, const Campaign& c) {
  t.allow_only({"name", "prototype", "elements", "a_A", "c_A", "relax_lattice", "facets", "termination", "layers",
                "repeat", "potential", "coating", "source", "field_offset_mV", "ferroelectric"});
  SubstrateEntry s;
  s.name = t.string("name");
  if (s.name.empty() || s.name.find_first_of(" /:,\"") != std::string::npos)
    t.fail("name", "must be non-empty without spaces, '/', ':', ',' or quotes");
  require_printable(t, "name", s.name);
  s.prototype = t.string("prototype");
  require_prototype(t, s.prototype);
  s.elements = t.strings("elements");
  t.number("a_A");  // present and a finite number
  s.a_A = t.number_in("a_A", 0.0, kMinLattice_A, kMaxLattice_A, false);
  s.c_A = t.number_in("c_A", 0.0, 0.0, kMaxLattice_A, false);
  s.relax_lattice = t.boolean_or("relax_lattice", true);
  s.facets = t.strings("facets");
  if (s.facets.empty()) t.fail("facets", "must list at least one facet");
  for (const auto& f : s.facets) {
    try {
      parse_miller(f);
    } catch (const std::invalid_argument& e) {
      t.fail("facets", e.what());
    }
  }
  if (s.prototype == "corundum" && !(s.c_A > 0.0)) t.fail("c_A", "corundum needs its c lattice constant (> 0)");
  s.termination = t.string_or("termination", "");
  if (t.has("layers")) s.layers = t.integer_in("layers", 0, std::max(3, c.atomistic.fixed_layers + 1), 60);
  if (t.has("repeat")) s.repeat = t.integer_in("repeat", 0, 1, 30);
  s.potentials = substrate_potentials(t, s.elements, c);
  if (auto ct = t.table("coating")) s.coating = read_coating(*ct, s, c);
  s.source = t.string_or("source", "");
  s.field_offset_mV = t.number_or("field_offset_mV", 0.0);
  if (!std::isfinite(s.field_offset_mV)) t.fail("field_offset_mV", "must be a finite number");
  if (auto ft = t.table("ferroelectric")) {
    if (t.has("field_offset_mV"))
      t.fail("field_offset_mV",
             "set either field_offset_mV (an assumed offset) or [ferroelectric] (which computes it), not both");
    if (s.prototype != "perovskite" || s.elements.size() != 3)
      t.fail("ferroelectric", "needs a perovskite substrate (elements A, B, O)");
    s.ferroelectric = read_ferroelectric(*ft, s.elements);
  }
  return s;
}

/// Tables passed through to the mesoscale task ([mesoscale], [na_continuum]): their ranges are
/// checked by the upscale parameter reader, but a non-finite number or an integer that would
/// wrap is refused here, where the line is known.
void require_plain_numbers(const TomlReader& t, const toml::node& n, const std::string& key) {
  if (const auto* tab = n.as_table()) {
    for (const auto& [k, v] : *tab)
      require_plain_numbers(t, v, key.empty() ? std::string(k.str()) : key + "." + std::string(k.str()));
  } else if (const auto* arr = n.as_array()) {
    for (const auto& e : *arr) require_plain_numbers(t, e, key);
  } else if (n.is_floating_point() && !std::isfinite(n.value_or(0.0))) {
    t.fail_at(&n, key, "must be a finite number");
  } else if (n.is_integer() && std::abs(n.value_or(std::int64_t{0})) > std::numeric_limits<int>::max()) {
    t.fail_at(&n, key, "integer out of range");
  }
}

/// The [mesoscale] and [na_continuum] values through the upscale parameter reader (the one
/// behind `nabridge upscale` and the mesoscale task), so a value out of its range is refused at
/// load with the campaign's line rather than when the mesoscale task runs. The table rows do not
/// exist yet, so the reader gets one stand-in row with valid values; the row names of
/// [mesoscale.interface] are checked by the mesoscale task.
void check_mesoscale_values(const TomlReader& top, const std::string& fname) {
  const auto meso = top.table("mesoscale");
  if (!meso || !meso->has("current_mA_cm2")) return;
  toml::table cond = meso->raw();
  cond.erase("fallback_nu0_Hz");
  cond.insert_or_assign("T_K", 298.15);
  if (!cond.contains("eta_mV")) cond.insert_or_assign("eta_mV", toml::array{10.0});
  if (auto* itf = cond["interface"].as_table())
    for (const char* names : {"substrates", "coating", "coating_on"}) itf->erase(names);
  toml::table na;
  if (const auto n = top.table("na_continuum")) na = n->raw();
  na.insert_or_assign("gamma_Na_J_m2", 0.2);  // computed by the na_bulk task
  toml::table row;
  row.insert_or_assign("name", "row");
  row.insert_or_assign("E_bind_eV", -1.0);
  toml::table doc;
  doc.insert_or_assign("conditions", std::move(cond));
  doc.insert_or_assign("na", std::move(na));
  doc.insert_or_assign("substrate", toml::array{std::move(row)});
  try {
    upscale::read_upscale_document(doc, fname);
  } catch (const std::invalid_argument& e) {
    // "FILE:LINE: conditions.interface.cells: ..." (the line of the document built here) -> the
    // campaign's [mesoscale.interface] cells, with the campaign's line.
    std::string what = e.what();
    if (what.rfind(fname + ":", 0) == 0) {
      const auto after_line = what.find(": ", fname.size() + 1);
      if (after_line != std::string::npos) what.erase(0, after_line + 2);
    }
    const std::vector<std::pair<std::string, std::string>> tables{
        {"conditions.interface.", "mesoscale.interface"}, {"conditions.", "mesoscale"}, {"na.", "na_continuum"}};
    for (const auto& [prefix, table] : tables) {
      if (what.rfind(prefix, 0) != 0) continue;
      const std::string key = what.substr(prefix.size(), what.find(':') - prefix.size());
      const auto t = table == "na_continuum" ? top.table("na_continuum")
                     : table == "mesoscale"  ? meso
                                             : meso->table("interface");
      if (t) t->fail(key, what.substr(what.find(':') + 2));
    }
    top.fail("mesoscale", what);
  }
}

/// [campaign] lammps: the LAMMPS version a campaign's numbers were made with and must be
/// reproduced on ("29 Sep 2021", as LAMMPS prints it). Class layouts and potential styles change
/// between versions, so a mismatch is refused at load, before any task runs.
std::string read_required_lammps(const TomlReader& head) {
  const std::string wanted = head.string_or("lammps", "");
  if (wanted.empty()) return wanted;
  static const std::regex kLammpsVersion("[0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}");
  if (!std::regex_match(wanted, kLammpsVersion))
    head.fail("lammps", "'" + wanted + "' is not a LAMMPS version as LAMMPS prints it, e.g. \"29 Sep 2021\"");
  if (wanted != built_against_lammps_version())
    head.fail("lammps", fmt::format("this campaign runs on LAMMPS {}; this nabridge is built against LAMMPS {} (build "
                                    "NaBridge against that LAMMPS: README, \"A user's own LAMMPS\")",
                                    wanted, built_against_lammps_version()));
  return wanted;
}

/// [campaign]: name, temperature and the output folder. The user's own --out goes wherever they
/// say (scratch space on a cluster); an output path written inside the campaign file, which may
/// come from someone else, stays in its folder.
void read_campaign_head(const TomlReader& top, const fs::path& output_override, Campaign& c) {
  const fs::path dir = c.file.parent_path();
  const auto head = top.table("campaign");
  if (!head) top.fail("campaign", "missing [campaign] table");
  head->allow_only({"name", "output", "T_K", "description", "lammps"});
  c.name = head->string("name");
  require_printable(*head, "name", c.name);
  c.lammps_version = read_required_lammps(*head);
  c.T_K = head->number_in("T_K", c.T_K, 1.0, 5000.0, false);
  if (!output_override.empty()) {
    c.output_dir = fs::weakly_canonical(fs::absolute(output_override));
    return;
  }
  const fs::path out = head->string_or("output", "results");
  c.output_dir = fs::weakly_canonical(out.is_absolute() ? out : dir / out);
  const fs::path root = fs::weakly_canonical(dir);
  const auto rel = c.output_dir.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..")
    head->fail("output", fmt::format("'{}' is outside the campaign folder {}: refused", out.string(), root.string()));
}

void read_potentials(const TomlReader& top, const std::vector<fs::path>& potential_dirs, Campaign& c) {
  const auto pots = top.table("potentials");
  if (!pots || pots->raw().empty()) top.fail("potentials", "at least one [potentials.NAME] table is required");
  for (const auto& [k, v] : pots->raw()) {
    const std::string name(k.str());
    require_printable(*pots, name, name);
    const auto sub = pots->table(name);
    fs::path shipped_folder;
    c.potentials[name] = read_potential(*sub, name, c.file.parent_path(), potential_dirs, shipped_folder);
    if (!shipped_folder.empty()) c.potential_folders[name] = shipped_folder;
  }
}

/// [atomistic], with stated limits: past them a task would build structures or paths this
/// machine cannot hold, or the number is not physical (docs/campaign.md lists them).
void read_atomistic(const TomlReader& a, AtomisticSettings& s) {
  a.allow_only({"layers", "fixed_layers", "repeat", "vacuum_A", "fmax_eV_A", "adatom_height_A", "neb_images",
                "neb_fmax_eV_A", "hessian_radius_A", "hops", "adhesion", "film_layers", "film_vacuum_A",
                "max_strain", "max_atoms", "registry_points"});
  s.layers = a.integer_in("layers", s.layers, 3, 60);
  s.fixed_layers = a.integer_in("fixed_layers", s.fixed_layers, 0, s.layers - 1);
  s.repeat = a.integer_in("repeat", s.repeat, 1, 30);
  s.vacuum_A = a.number_in("vacuum_A", s.vacuum_A, 5.0, 200.0, false);
  s.fmax_eV_A = a.number_in("fmax_eV_A", s.fmax_eV_A, 1e-6, 10.0, false);
  s.adatom_height_A = a.number_in("adatom_height_A", s.adatom_height_A, 0.5, 10.0, false);
  s.neb_images = a.integer_in("neb_images", s.neb_images, 1, 64);
  s.neb_fmax_eV_A = a.number_in("neb_fmax_eV_A", s.neb_fmax_eV_A, 1e-6, 10.0, false);
  s.hessian_radius_A = a.number_in("hessian_radius_A", s.hessian_radius_A, 1.0, 30.0, false);
  s.hops = a.boolean_or("hops", s.hops);
  s.adhesion = a.boolean_or("adhesion", s.adhesion);
  s.film_layers = a.integer_in("film_layers", s.film_layers, 1, 60);
  s.film_vacuum_A = a.number_in("film_vacuum_A", s.film_vacuum_A, 5.0, 200.0, false);
  s.max_strain = a.number_in("max_strain", s.max_strain, 1e-4, 0.3, false);
  s.max_atoms = a.integer_in("max_atoms", s.max_atoms, 2, 20000);
  s.registry_points = a.integer_in("registry_points", s.registry_points, 0, 400);
}

/// [na]: the potential of bulk Na (one of [potentials], with Na), its lattice guess and facet.
void read_na(const TomlReader& top, Campaign& c) {
  const auto na = top.table("na");
  if (!na) top.fail("na", "missing [na] table (potential for bulk Na)");
  na->allow_only({"potential", "a_guess_A", "facet", "vacancy", "vacancy_cells"});
  c.na.potential = na->string("potential");
  const auto napot = c.potentials.find(c.na.potential);
  if (napot == c.potentials.end()) na->fail("potential", "unknown potential '" + c.na.potential + "'");
  if (std::find(napot->second.elements.begin(), napot->second.elements.end(), "Na") == napot->second.elements.end())
    na->fail("potential", "potential '" + c.na.potential + "' has no Na");
  c.na.a_guess_A = na->number_in("a_guess_A", c.na.a_guess_A, kMinLattice_A, kMaxLattice_A, false);
  c.na.facet = na->string_or("facet", c.na.facet);
  try {
    parse_miller(c.na.facet);
  } catch (const std::invalid_argument& e) {
    na->fail("facet", e.what());
  }
  c.na.vacancy = na->boolean_or("vacancy", c.na.vacancy);
  c.na.vacancy_cells = na->integer_in("vacancy_cells", c.na.vacancy_cells, 2, 12);
}

void read_substrates(const TomlReader& top, Campaign& c) {
  const auto* subs = top.node("substrate");
  if (!subs || !subs->is_array_of_tables() || subs->as_array()->empty())
    top.fail("substrate", "at least one [[substrate]] table is required");
  std::set<std::string> names;
  const auto& arr = *subs->as_array();
  for (std::size_t k = 0; k < arr.size(); ++k) {
    const TomlReader t(top.file(), *arr[k].as_table(), fmt::format("substrate[{}]", k));
    c.substrates.push_back(read_substrate(t, c));
    if (!names.insert(c.substrates.back().name).second)
      t.fail("name", "duplicate substrate name '" + c.substrates.back().name + "'");
  }
}

/// [mesoscale] and [na_continuum], passed through to the mesoscale task: their keys are checked
/// here against the lists of the upscale parameter reader (nabridge/upscale/upscale_params.h),
/// their values through that reader (check_mesoscale_values); kept as JSON.
void read_upscale_tables(const TomlReader& top, Campaign& c) {
  if (auto m = top.table("mesoscale")) {
    std::set<std::string> keys = upscale::kConditionsKeys;
    keys.erase("T_K");  // [campaign] T_K
    keys.insert("fallback_nu0_Hz");
    m->allow_only(keys);
    if (auto itf = m->table("interface")) itf->allow_only(upscale::kInterfaceKeys);
    if (m->has("fallback_nu0_Hz")) m->number_in("fallback_nu0_Hz", 0.0, 1e6, 1e16, false);
    require_plain_numbers(*m, m->raw(), "");
  }
  if (auto n = top.table("na_continuum")) {
    std::set<std::string> keys = upscale::kNaKeys;
    for (const char* computed : {"gamma_Na_J_m2", "E_coh_eV", "omega_A3"})
      keys.erase(computed);  // from the na_bulk task
    n->allow_only(keys);
    require_plain_numbers(*n, n->raw(), "");
  }
  check_mesoscale_values(top, top.file());
  auto to_json = [&](const char* key) {
    nlohmann::json j = nlohmann::json::object();
    if (auto t = top.table(key)) {
      std::ostringstream os;
      os << toml::json_formatter{t->raw()};
      j = nlohmann::json::parse(os.str());
    }
    return j;
  };
  c.mesoscale = to_json("mesoscale");
  c.na_continuum = to_json("na_continuum");
}

}  // namespace

Campaign load_campaign(const fs::path& file, const fs::path& output_override,
                       const std::vector<fs::path>& potential_dirs) {
  const std::string fname = file.string();
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw std::invalid_argument(fname + ": cannot read the campaign file");
  const toml::table doc = parse_toml_file(fname);
  const TomlReader top(fname, doc, "");
  top.allow_only({"campaign", "potentials", "substrate", "atomistic", "na", "na_continuum", "mesoscale"});
  Campaign c;
  c.file = fs::absolute(file);
  read_campaign_head(top, output_override, c);
  read_potentials(top, potential_dirs, c);
  if (auto a = top.table("atomistic")) read_atomistic(*a, c.atomistic);
  read_na(top, c);
  read_substrates(top, c);
  read_upscale_tables(top, c);
  return c;
}

}  // namespace nabridge::workflow
