#include "potentials/potential_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/elements.h"
#include "core/potential_commands.h"
#include "nabridge/base/toml_reader.h"

#ifndef NABRIDGE_DEFAULT_POTENTIALS_DIR
#define NABRIDGE_DEFAULT_POTENTIALS_DIR ""
#endif

namespace nabridge::potentials {

namespace fs = std::filesystem;

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> w;
  for (std::string x; in >> x;) w.push_back(x);
  return w;
}

std::string join(const std::vector<std::string>& w) {
  std::string s;
  for (const auto& x : w) s += (s.empty() ? "" : " ") + x;
  return s;
}

std::vector<std::string> default_potential_search_dirs() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("NABRIDGE_POTENTIALS")) {
    std::string s(env);
    std::size_t start = 0;
    while (start <= s.size()) {
      const std::size_t end = std::min(s.find(':', start), s.size());
      if (end > start) dirs.push_back(s.substr(start, end - start));
      start = end + 1;
    }
  }
  if (std::string(NABRIDGE_DEFAULT_POTENTIALS_DIR).size()) dirs.push_back(NABRIDGE_DEFAULT_POTENTIALS_DIR);
  return dirs;
}

namespace {
/// [metadata] id, else the folder's name.
std::optional<std::string> metadata_id(const fs::path& p) {
  try {
    const toml::table t = toml::parse_file(p.string());
    if (auto id = t["metadata"]["id"].value<std::string>()) return id;
    return p.parent_path().filename().string();
  } catch (const toml::parse_error&) {
    return std::nullopt;  // an unparsable file is reported when it is loaded by path or id
  }
}

std::vector<fs::path> metadata_files(const std::vector<std::string>& dirs) {
  std::vector<fs::path> out;
  for (const auto& d : dirs) {
    std::error_code ec;
    if (!fs::is_directory(d, ec)) continue;
    for (const auto& entry : fs::directory_iterator(d, ec))
      if (entry.is_directory() && fs::exists(entry.path() / "potential.toml"))
        out.push_back(entry.path() / "potential.toml");
  }
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

std::vector<std::string> list_potentials(const std::vector<std::string>& dirs) {
  std::set<std::string> ids;
  for (const auto& f : metadata_files(dirs))
    if (auto id = metadata_id(f)) ids.insert(*id);
  return {ids.begin(), ids.end()};
}

std::string find_potential(const std::string& id_or_path, const std::vector<std::string>& dirs) {
  if (id_or_path.empty()) throw std::invalid_argument("potential: empty id");
  if (fs::path(id_or_path).extension() == ".toml") {
    if (!fs::is_regular_file(id_or_path))
      throw std::invalid_argument("potential: metadata file '" + id_or_path + "' does not exist");
    return id_or_path;
  }
  for (const auto& d : dirs) {
    const fs::path p = fs::path(d) / id_or_path / "potential.toml";
    if (fs::is_regular_file(p)) return p.string();
  }
  for (const auto& f : metadata_files(dirs))
    if (metadata_id(f) == id_or_path) return f.string();
  std::string searched, known;
  for (const auto& d : dirs) searched += (searched.empty() ? "" : ", ") + d;
  for (const auto& id : list_potentials(dirs)) known += (known.empty() ? "" : ", ") + id;
  throw std::invalid_argument(fmt::format("potential '{}' not found (searched: {}; known ids: {})", id_or_path,
                                          searched.empty() ? "no directories" : searched,
                                          known.empty() ? "none" : known));
}

namespace {
/// [metadata] sources ([[metadata.sources]] and [metadata.source], else a top-level `source`).
std::vector<PotentialMetadata::Source> read_metadata_sources(const TomlReader& top,
                                                             const std::optional<TomlReader>& md) {
  auto source = [](const TomlReader& t) {
    return PotentialMetadata::Source{t.string_or("what", ""), t.string("citation"), t.string_or("doi", "")};
  };
  std::vector<PotentialMetadata::Source> out;
  if (md) {
    if (const auto* n = md->node("sources"); n && n->is_array())
      for (const auto& t : md->table_array("sources")) out.push_back(source(t));
    if (const auto* n = md->node("source"); n && n->is_table()) out.push_back(source(md->required_table("source")));
  }
  if (out.empty())
    if (auto s = top.string_if("source")) out.push_back({"", *s, ""});
  return out;
}
}  // namespace

namespace {
/// [metadata.validation]; every field checked against the host it names.
CompoundValidation read_compound_validation(const TomlReader& t, const PotentialMetadata& m) {
  t.allow_only({"host", "host_elements", "na_charge", "reference_data", "reference_entries", "a_guess_A", "c_guess_A",
                "ewald_check_a_A", "intro"});
  CompoundValidation v;
  v.host = t.string("host");
  const std::map<std::string, std::size_t> host_sizes{{"rocksalt", 2}, {"perovskite", 3}, {"corundum", 2}};
  const auto size = host_sizes.find(v.host);
  if (size == host_sizes.end()) t.fail("host", "'" + v.host + "' is not one of rocksalt, perovskite, corundum");
  v.host_elements = t.strings("host_elements");
  if (v.host_elements.size() != size->second)
    t.fail("host_elements", fmt::format("a {} host has {} elements, not {}", v.host, size->second,
                                        v.host_elements.size()));
  for (const auto& e : v.host_elements)
    if (std::find(m.elements.begin(), m.elements.end(), e) == m.elements.end())
      t.fail("host_elements", "'" + e + "' is not one of the potential's elements");
  if (std::find(m.elements.begin(), m.elements.end(), "Na") == m.elements.end())
    t.fail("host", "the validation adsorbs Na, which is not one of the potential's elements");
  v.na_charge = t.string("na_charge");
  if (v.na_charge != "formal" && v.na_charge != "eim" && v.na_charge != "fixed")
    t.fail("na_charge", "'" + v.na_charge + "' is not one of formal, eim, fixed");
  v.reference_data = (fs::path(m.dir) / t.string("reference_data")).lexically_normal().string();
  v.reference_entries = t.string("reference_entries");
  v.a_guess_A = t.number("a_guess_A");
  if (!(v.a_guess_A > 0.0)) t.fail("a_guess_A", "must be positive");
  if (v.host == "corundum") {
    v.c_guess_A = t.number("c_guess_A");
    if (!(v.c_guess_A > 0.0)) t.fail("c_guess_A", "must be positive");
  } else if (t.has("c_guess_A")) {
    t.fail("c_guess_A", "only a corundum host has a separate c axis");
  }
  if (t.has("ewald_check_a_A")) v.ewald_check_a_A = t.numbers("ewald_check_a_A");
  for (double a : v.ewald_check_a_A)
    if (!(a > 0.0)) t.fail("ewald_check_a_A", "lattice constants must be positive");
  v.intro = t.string("intro");
  return v;
}
}  // namespace

PotentialMetadata read_potential_metadata(const std::string& path) {
  const toml::table doc = parse_toml_file(path);
  const TomlReader top(path, doc, "");
  top.allow_only({"elements", "type_labels", "pair_style", "pair_coeff", "commands", "charges", "masses", "shells",
                  "rigid_ion_coulomb", "metal_film", "source", "metadata"});
  PotentialMetadata m;
  m.path = path;
  m.dir = fs::absolute(path).parent_path().lexically_normal().string();
  m.elements = top.strings("elements");
  if (m.elements.empty()) top.fail("elements", "empty");
  for (const auto& e : m.elements) {
    try {
      check_species(e);
    } catch (const std::invalid_argument& bad) {
      top.fail("elements", bad.what());
    }
  }
  const std::optional<TomlReader> md = top.table("metadata");
  m.id = fs::path(m.dir).filename().string();
  m.title = m.id;
  m.sources = read_metadata_sources(top, md);
  if (!md) return m;
  m.id = md->string_or("id", m.id);
  m.title = md->string_or("title", m.id);
  const auto* validity_node = md->node("validity");
  const std::optional<TomlReader> validity =
      validity_node && validity_node->is_table() ? md->table("validity") : std::nullopt;
  const TomlReader& limits_at =
      validity ? *validity : *md;  // fidelity and known_limits: in [metadata.validity] or [metadata]
  m.fidelity = limits_at.string_or("fidelity", "");
  if (validity_node && validity_node->is_string()) m.validity = md->string("validity");
  if (auto r = md->string_if("reference_data")) m.reference_data = (fs::path(m.dir) / *r).lexically_normal().string();
  if (auto c = md->string_if("cross_fit_spec")) m.cross_fit_spec = (fs::path(m.dir) / *c).lexically_normal().string();
  m.known_limits = limits_at.strings_or_empty("known_limits");
  if (md->has("validation")) m.compound_validation = read_compound_validation(md->required_table("validation"), m);
  return m;
}

namespace {
std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

std::string with_keyword(const std::string& line, const std::string& keyword) {
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string::npos) return keyword;
  const std::string trimmed = line.substr(first);
  if (trimmed.rfind(keyword + " ", 0) == 0 || trimmed == keyword) return trimmed;
  return keyword + " " + trimmed;
}

void require_metal(const PotentialSpec& model) {
  if (model.metal_film.element.empty())
    throw std::invalid_argument(
        fmt::format("potential '{}' has no metal for a film ([metal_film] in its potential.toml): a film of its rigid "
                    "ions would be a film of cations, not a metal",
                    model.id));
}

/// Atom types of the core–shell layout (core then shell per shelled element) and the metal's.
std::pair<int, int> type_count_and_metal_type(const PotentialSpec& model) {
  int types = 0, metal = 0;
  for (const auto& e : model.elements) {
    ++types;
    if (e == model.metal_film.element) metal = types;
    if (model.shells.count(e)) ++types;
  }
  return {types, metal};
}
}  // namespace

namespace {
/// [shells.<element>] tables: every field checked, errors naming the file and the field.
std::map<std::string, ShellSpec> read_shells(const TomlReader& top, const std::vector<std::string>& elements) {
  const TomlReader shells = top.required_table("shells");
  std::map<std::string, ShellSpec> out;
  for (const auto& [key, node] : shells.raw()) {
    const std::string el(key.str());
    if (std::find(elements.begin(), elements.end(), el) == elements.end())
      shells.fail(el, fmt::format("'{}' is not one of the potential's elements ({})", el, join(elements)));
    const TomlReader t = shells.required_table(el);
    t.allow_only({"core_charge_e", "shell_charge_e", "shell_mass_amu", "k2_eV_A2", "k4_eV_A4"});
    if (!t.has("shell_mass_amu"))
      t.fail("shell_mass_amu",
             "missing; a shell model needs a mass for every shell (LAMMPS requires one per atom type; e.g. "
             "2.0 amu, taken from the core's mass)");
    ShellSpec s;
    s.core_charge_e = t.number("core_charge_e");
    s.shell_charge_e = t.number("shell_charge_e");
    s.shell_mass_amu = t.number("shell_mass_amu");
    s.k2_eV_A2 = t.number("k2_eV_A2");
    s.k4_eV_A4 = t.number_or("k4_eV_A4", 0.0);
    if (!(s.shell_mass_amu > 0.0) || !(s.shell_mass_amu < atomic_mass_amu(el)))
      t.fail("shell_mass_amu", fmt::format("{} must be positive and below the atom's mass ({} amu)", s.shell_mass_amu,
                                           atomic_mass_amu(el)));
    if (!(s.k2_eV_A2 > 0.0)) t.fail("k2_eV_A2", "must be positive");
    if (!(s.k4_eV_A4 >= 0.0)) t.fail("k4_eV_A4", "must not be negative");
    out[el] = s;
  }
  if (out.empty()) top.fail("shells", "empty table");
  return out;
}

/// [rigid_ion_coulomb]: the damped-shifted-force Coulomb of a core–shell model's rigid ions.
void read_rigid_ion_coulomb(const TomlReader& top, PotentialSpec& spec) {
  if (!top.has("shells"))
    top.fail("rigid_ion_coulomb", "only a core–shell model ([shells]) has rigid ions with a separate Coulomb term");
  const TomlReader t = top.required_table("rigid_ion_coulomb");
  t.allow_only({"dsf_alpha_per_A", "cutoff_A"});
  spec.rigid_ion_dsf_alpha_per_A = t.number("dsf_alpha_per_A");
  spec.rigid_ion_dsf_cutoff_A = t.number("cutoff_A");
  if (!(spec.rigid_ion_dsf_alpha_per_A > 0.0)) t.fail("dsf_alpha_per_A", "must be positive");
  if (!(spec.rigid_ion_dsf_cutoff_A > 0.0)) t.fail("cutoff_A", "must be positive");
}
}  // namespace

PotentialSpec subset_potential(const PotentialSpec& full, const std::vector<std::string>& elements) {
  if (elements.empty() || elements == full.elements) return full;
  for (const auto& e : elements)
    if (std::find(full.elements.begin(), full.elements.end(), e) == full.elements.end())
      throw std::invalid_argument(
          fmt::format("potential '{}' has no element '{}' (elements: {})", full.id, e, join(full.elements)));
  PotentialSpec s = full;
  s.elements = elements;
  const std::size_t n = full.elements.size();
  const std::vector<std::string>& tail = full.type_labels.empty() ? full.elements : full.type_labels;
  std::vector<std::string> labels;  // the subset's pair_coeff tail
  for (const auto& e : elements)
    labels.push_back(tail[static_cast<std::size_t>(std::find(full.elements.begin(), full.elements.end(), e) -
                                                   full.elements.begin())]);
  if (!full.type_labels.empty()) s.type_labels = labels;
  auto remap = [&](std::vector<std::string>& cmds) {
    for (auto& c : cmds) {
      std::vector<std::string> w = words(c);
      const bool coeff = w.size() >= 3 && w[0] == "pair_coeff";
      const bool kim = w.size() >= 2 && w[0] == "kim" && w[1] == "interactions";
      if (!coeff && !kim) continue;
      if (coeff && (w[1] != "*" || w[2] != "*"))
        throw std::invalid_argument(
            fmt::format("potential '{}': '{}' sets pair-wise coefficients; an element subset needs a "
                        "'pair_coeff * * ... <elements>' line",
                        full.id, c));
      if (w.size() < n || std::vector<std::string>(w.end() - static_cast<long>(n), w.end()) != tail)
        throw std::invalid_argument(
            fmt::format("potential '{}': '{}' does not end with its element list ({})", full.id, c, join(tail)));
      w.resize(w.size() - n);
      w.insert(w.end(), labels.begin(), labels.end());
      // pair_style eim also lists the elements to read right after "* *": narrow that copy too.
      if (coeff && w.size() >= 3 + n + labels.size() && std::equal(tail.begin(), tail.end(), w.begin() + 3)) {
        w.erase(w.begin() + 3, w.begin() + 3 + static_cast<long>(n));
        w.insert(w.begin() + 3, labels.begin(), labels.end());
      }
      c = join(w);
    }
  };
  remap(s.commands);
  remap(s.init_commands);
  return s;
}

PotentialSpec metal_alone_model(const PotentialSpec& model) {
  require_metal(model);
  const MetalFilmSpec& m = model.metal_film;
  const auto [types, metal_type] = type_count_and_metal_type(model);
  PotentialSpec alone;
  alone.id = model.id + " metal film (" + m.element + ")";
  alone.elements = {m.element};
  alone.files = model.files;
  alone.commands = {"pair_style " + m.pair_style};
  for (const auto& line : m.pair_coeff) {
    std::vector<std::string> w = words(line);  // pair_coeff I J style args...
    auto fail = [&] {
      return std::invalid_argument(fmt::format("potential '{}': the metal film's '{}' cannot be narrowed to {} alone",
                                               model.id, line, m.element));
    };
    if (w.size() < 4) throw fail();
    w.erase(w.begin() + 3);  // the hybrid sub-style keyword
    if (w[1] == "*" && w[2] == "*") {
      if (w.size() < 3 + static_cast<std::size_t>(types)) throw fail();
      const std::string label =
          w[w.size() - static_cast<std::size_t>(types) + static_cast<std::size_t>(metal_type) - 1];
      w.resize(w.size() - static_cast<std::size_t>(types));
      w.push_back(label);
    } else {
      if (w[1] != std::to_string(metal_type) || w[2] != std::to_string(metal_type)) throw fail();
      w[1] = w[2] = "1";
    }
    alone.commands.push_back(join(w));
  }
  return alone;
}

PotentialSpec metal_film_model(const PotentialSpec& model) {
  const MetalFilmSpec& m = model.metal_film;
  if (m.applied) return model;
  require_metal(model);
  PotentialSpec film = model;
  auto& cmds = film.commands;
  const auto style = std::find_if(cmds.begin(), cmds.end(),
                                  [](const std::string& c) { return c.rfind("pair_style hybrid/overlay ", 0) == 0; });
  if (style == cmds.end())
    throw std::invalid_argument(fmt::format(
        "potential '{}': its metal film '{}' is added to a 'pair_style hybrid/overlay ...', which it has not", model.id,
        m.pair_style));
  *style += " " + m.pair_style;
  const auto last_coeff =
      std::find_if(cmds.rbegin(), cmds.rend(), [](const std::string& c) { return c.rfind("pair_coeff ", 0) == 0; });
  cmds.insert(last_coeff.base(), m.pair_coeff.begin(), m.pair_coeff.end());
  film.metal_film.applied = true;
  return film;
}

namespace {
/// pair_style, pair_coeff (one line or a list) and extra commands, with ${here} and
/// ${lammps_potentials} expanded; checked by check_potential_commands.
std::string expand_paths(const std::string& s, const std::string& dir) {
  return replace_all(replace_all(s, "${here}", dir), "${lammps_potentials}", "/usr/share/lammps/potentials");
}

std::vector<std::string> potential_commands(const TomlReader& top, const std::string& dir) {
  auto expand = [&](const std::string& s) { return expand_paths(s, dir); };
  std::vector<std::string> commands;
  commands.push_back(with_keyword(expand(top.string("pair_style")), "pair_style"));
  std::vector<std::string> coeffs;
  if (const auto* n = top.node("pair_coeff"); n && n->is_string()) coeffs.push_back(top.string("pair_coeff"));
  else coeffs = top.strings("pair_coeff");
  if (coeffs.empty()) top.fail("pair_coeff", "empty");
  for (const auto& c : coeffs) commands.push_back(with_keyword(expand(c), "pair_coeff"));
  for (const auto& c : top.strings_or_empty("commands")) commands.push_back(expand(c));
  check_potential_commands(commands, top.file());
  return commands;
}

/// Files: every word of the commands naming an existing file (an absolute path that does not
/// exist is an error), plus [metadata] files.
std::vector<std::string> potential_files(const TomlReader& top, const std::vector<std::string>& commands,
                                         const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& c : commands)
    for (const auto& w : words(c)) {
      if (fs::is_regular_file(w)) files.push_back(w);
      else if (w.front() == '/' && !fs::exists(w)) top.fail("pair_coeff", fmt::format("file '{}' does not exist", w));
    }
  if (const auto md = top.table("metadata"))
    for (const auto& f : md->strings_or_empty("files")) {
      const std::string abs = (fs::path(dir) / f).lexically_normal().string();
      if (!fs::is_regular_file(abs)) md->fail("files", fmt::format("'{}' does not exist", abs));
      if (std::find(files.begin(), files.end(), abs) == files.end()) files.push_back(abs);
    }
  return files;
}
}  // namespace

namespace {
/// [metal_film] of a core–shell model: the metal of a film of one of its rigid ions
/// (PotentialSpec::MetalFilmSpec); its files enter spec.files.
void read_metal_film(const TomlReader& top, const std::string& dir, PotentialSpec& spec) {
  if (!top.has("shells"))
    top.fail("metal_film", "only a core–shell model ([shells]) takes a metal film of a rigid ion");
  const TomlReader t = top.required_table("metal_film");
  t.allow_only({"element", "pair_style", "pair_coeff"});
  MetalFilmSpec& m = spec.metal_film;
  m.element = t.string("element");
  if (spec.shells.count(m.element) || !spec.charges_e.count(m.element))
    t.fail("element",
           fmt::format("'{}' is not a rigid ion of the model (an element with a charge and no shell)", m.element));
  m.pair_style = t.string("pair_style");
  if (words(m.pair_style).size() != 1)
    t.fail("pair_style", "one pair style added to the model's hybrid/overlay, e.g. \"eim\"");
  for (const auto& c : t.strings("pair_coeff")) {
    m.pair_coeff.push_back(with_keyword(expand_paths(c, dir), "pair_coeff"));
    if (const auto w = words(m.pair_coeff.back()); w.size() < 4 || w[3] != m.pair_style)
      t.fail("pair_coeff", fmt::format("'{}' does not set the pair style '{}'", c, m.pair_style));
    for (const auto& w : words(m.pair_coeff.back()))
      if (fs::is_regular_file(w) && std::find(spec.files.begin(), spec.files.end(), w) == spec.files.end())
        spec.files.push_back(w);
  }
  if (m.pair_coeff.empty()) t.fail("pair_coeff", "empty");
}
}  // namespace

PotentialSpec load_potential(const std::string& id_or_path, const std::vector<std::string>& dirs,
                             const std::vector<std::string>& elements) {
  const std::string path = find_potential(id_or_path, dirs);
  const PotentialMetadata m = read_potential_metadata(path);
  const toml::table doc = parse_toml_file(path);
  const TomlReader top(path, doc, "");
  PotentialSpec spec;
  spec.id = m.id;
  spec.elements = m.elements;
  if (top.has("type_labels")) {
    spec.type_labels = top.strings("type_labels");
    if (spec.type_labels.size() != spec.elements.size()) top.fail("type_labels", "needs one label per element");
  }
  spec.commands = potential_commands(top, m.dir);
  spec.files = potential_files(top, spec.commands, m.dir);
  for (const char* key : {"charges", "masses"})
    if (const auto t = top.table(key))
      for (const auto& [k, v] : t->raw())
        (std::string(key) == "charges" ? spec.charges_e : spec.masses_amu)[std::string(k.str())] =
            t->number(std::string(k.str()));
  if (top.has("shells")) spec.shells = read_shells(top, spec.elements);
  if (top.has("rigid_ion_coulomb")) read_rigid_ion_coulomb(top, spec);
  if (top.has("metal_film")) read_metal_film(top, m.dir, spec);
  try {
    if (!spec.shells.empty() && !elements.empty() && elements != spec.elements)
      throw std::invalid_argument(
          fmt::format("a core–shell model's pair_coeff lines are written in its own core/shell types; "
                      "it cannot be narrowed to the elements {}",
                      join(elements)));
    return subset_potential(spec, elements);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path + ": " + e.what());
  }
}

std::optional<PotentialSpec> load_ewald_reference(const std::string& id_or_path, const std::vector<std::string>& dirs) {
  const std::string path = find_potential(id_or_path, dirs);
  const toml::table doc = parse_toml_file(path);
  const TomlReader top(path, doc, "");
  const std::optional<TomlReader> md = top.table("metadata");
  if (!md || !md->has("ewald_reference")) return std::nullopt;
  const TomlReader ew = md->required_table("ewald_reference");
  ew.allow_only({"pair_style", "pair_coeff", "commands"});
  const PotentialSpec model = load_potential(path, dirs);
  PotentialSpec e;
  e.id = model.id + "+ewald";
  e.elements = model.elements;
  e.charges_e = model.charges_e;
  e.masses_amu = model.masses_amu;
  e.commands = potential_commands(ew, fs::absolute(path).parent_path().lexically_normal().string());
  for (const auto& c : e.commands)
    for (const auto& w : words(c))
      if (fs::is_regular_file(w) && std::find(e.files.begin(), e.files.end(), w) == e.files.end()) e.files.push_back(w);
  return e;
}

PotentialSpec potential_from_lines(const std::string& pair_style, const std::vector<std::string>& pair_coeff,
                                   const std::vector<std::string>& elements, const std::vector<std::string>& files) {
  if (elements.empty()) throw std::invalid_argument("user potential: 'elements' is empty");
  for (const auto& e : elements)
    if (!is_known_element(e))
      throw std::invalid_argument("user potential: element '" + e + "' is not a known element symbol");
  if (pair_style.find_first_not_of(" \t") == std::string::npos)
    throw std::invalid_argument("user potential: 'pair_style' is empty");
  if (pair_coeff.empty()) throw std::invalid_argument("user potential: no 'pair_coeff' line");
  PotentialSpec spec;
  spec.id = "user: " + with_keyword(pair_style, "pair_style");
  spec.elements = elements;
  spec.commands.push_back(with_keyword(pair_style, "pair_style"));
  for (const auto& c : pair_coeff) spec.commands.push_back(with_keyword(c, "pair_coeff"));
  for (const auto& f : files) {
    if (!fs::is_regular_file(f)) throw std::invalid_argument("user potential: file '" + f + "' does not exist");
    spec.files.push_back(fs::absolute(f).lexically_normal().string());
  }
  return spec;
}

}  // namespace nabridge::potentials
