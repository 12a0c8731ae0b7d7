#include "potentials/potential_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/elements.h"
#include "core/potential_commands.h"
#include "potentials/toml_fields.h"

#ifndef NABRIDGE_DEFAULT_POTENTIALS_DIR
#define NABRIDGE_DEFAULT_POTENTIALS_DIR ""
#endif

namespace nabridge::potentials {

namespace fs = std::filesystem;

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
      if (entry.is_directory() && fs::exists(entry.path() / "potential.toml")) out.push_back(entry.path() / "potential.toml");
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
    if (!fs::is_regular_file(id_or_path)) throw std::invalid_argument("potential: metadata file '" + id_or_path + "' does not exist");
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
                                          searched.empty() ? "no directories" : searched, known.empty() ? "none" : known));
}

PotentialMetadata read_potential_metadata(const std::string& path) {
  const toml::table doc = tomlf::parse(path);
  tomlf::check_keys(doc, {"elements", "type_labels", "pair_style", "pair_coeff", "commands", "charges", "masses", "shells", "rigid_ion_coulomb", "source", "metadata"}, path, "");
  PotentialMetadata m;
  m.path = path;
  m.dir = fs::absolute(path).parent_path().lexically_normal().string();
  m.elements = tomlf::strings(doc, "elements", path, "");
  if (m.elements.empty()) throw std::invalid_argument(path + ": elements: empty");
  for (const auto& e : m.elements)
    if (!is_known_element(e)) throw std::invalid_argument(path + ": elements: '" + e + "' is not a known element symbol");
  static const toml::table empty;
  const toml::table& md = doc.contains("metadata") ? tomlf::table(doc, "metadata", path, "") : empty;
  m.id = tomlf::optional_string(md, "id", path, "metadata").value_or(fs::path(m.dir).filename().string());
  m.title = tomlf::optional_string(md, "title", path, "metadata").value_or(m.id);
  const toml::table* validity = md["validity"].as_table();
  m.fidelity = tomlf::optional_string(validity ? *validity : md, "fidelity", path, "metadata").value_or("");
  if (auto v = md["validity"].value<std::string>()) m.validity = *v;
  if (auto r = tomlf::optional_string(md, "reference_data", path, "metadata")) m.reference_data = (fs::path(m.dir) / *r).lexically_normal().string();
  if (auto c = tomlf::optional_string(md, "cross_fit_spec", path, "metadata")) m.cross_fit_spec = (fs::path(m.dir) / *c).lexically_normal().string();
  const toml::table& limits_at = validity ? *validity : md;
  if (limits_at.contains("known_limits")) m.known_limits = tomlf::strings(limits_at, "known_limits", path, validity ? "metadata.validity" : "metadata");
  auto source = [&](const toml::table& t, const std::string& where) {
    return PotentialMetadata::Source{tomlf::optional_string(t, "what", path, where).value_or(""), tomlf::string(t, "citation", path, where),
                                     tomlf::optional_string(t, "doi", path, where).value_or("")};
  };
  if (const auto* src = md["sources"].as_array())
    for (std::size_t k = 0; k < src->size(); ++k) {
      const auto* t = (*src)[k].as_table();
      const std::string where = fmt::format("metadata.sources[{}]", k);
      if (!t) throw std::invalid_argument(path + ": " + where + ": not a table");
      m.sources.push_back(source(*t, where));
    }
  if (const auto* t = md["source"].as_table()) m.sources.push_back(source(*t, "metadata.source"));
  if (m.sources.empty())
    if (auto s = tomlf::optional_string(doc, "source", path, "")) m.sources.push_back({"", *s, ""});
  return m;
}

namespace {
std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

std::string with_keyword(const std::string& line, const std::string& keyword) {
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string::npos) return keyword;
  const std::string trimmed = line.substr(first);
  if (trimmed.rfind(keyword + " ", 0) == 0 || trimmed == keyword) return trimmed;
  return keyword + " " + trimmed;
}

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
}  // namespace

namespace {
/// [shells.<element>] tables: every field checked, errors naming the file and the field.
std::map<std::string, ShellSpec> read_shells(const toml::table& doc, const std::vector<std::string>& elements, const std::string& path) {
  const toml::table& shells = tomlf::table(doc, "shells", path, "");
  std::map<std::string, ShellSpec> out;
  for (const auto& [key, node] : shells) {
    const std::string el(key.str());
    const std::string where = "shells." + el;
    if (std::find(elements.begin(), elements.end(), el) == elements.end())
      throw std::invalid_argument(fmt::format("{}: {}: '{}' is not one of the potential's elements ({})", path, where, el, join(elements)));
    const toml::table& t = tomlf::table(shells, el, path, "shells");
    tomlf::check_keys(t, {"core_charge_e", "shell_charge_e", "shell_mass_amu", "k2_eV_A2", "k4_eV_A4"}, path, where);
    if (!t.contains("shell_mass_amu"))
      throw std::invalid_argument(fmt::format("{}: {}.shell_mass_amu: missing; a shell model needs a mass for every shell "
                                              "(LAMMPS requires one per atom type; e.g. 2.0 amu, taken from the core's mass)", path, where));
    ShellSpec s;
    s.core_charge_e = tomlf::number(t, "core_charge_e", path, where);
    s.shell_charge_e = tomlf::number(t, "shell_charge_e", path, where);
    s.shell_mass_amu = tomlf::number(t, "shell_mass_amu", path, where);
    s.k2_eV_A2 = tomlf::number(t, "k2_eV_A2", path, where);
    s.k4_eV_A4 = tomlf::optional_number(t, "k4_eV_A4", path, where).value_or(0.0);
    if (!(s.shell_mass_amu > 0.0) || !(s.shell_mass_amu < atomic_mass_amu(el)))
      throw std::invalid_argument(fmt::format("{}: {}.shell_mass_amu: {} must be positive and below the atom's mass ({} amu)", path, where,
                                              s.shell_mass_amu, atomic_mass_amu(el)));
    if (!(s.k2_eV_A2 > 0.0)) throw std::invalid_argument(fmt::format("{}: {}.k2_eV_A2: must be positive", path, where));
    if (!(s.k4_eV_A4 >= 0.0)) throw std::invalid_argument(fmt::format("{}: {}.k4_eV_A4: must not be negative", path, where));
    out[el] = s;
  }
  if (out.empty()) throw std::invalid_argument(path + ": shells: empty table");
  return out;
}

/// [rigid_ion_coulomb]: the damped-shifted-force Coulomb of a core–shell model's rigid ions.
void read_rigid_ion_coulomb(const toml::table& doc, PotentialSpec& spec, const std::string& path) {
  const std::string where = "rigid_ion_coulomb";
  if (!doc.contains("shells"))
    throw std::invalid_argument(path + ": " + where + ": only a core–shell model ([shells]) has rigid ions with a separate Coulomb term");
  const toml::table& t = tomlf::table(doc, where, path, "");
  tomlf::check_keys(t, {"dsf_alpha_per_A", "cutoff_A"}, path, where);
  spec.rigid_ion_dsf_alpha_per_A = tomlf::number(t, "dsf_alpha_per_A", path, where);
  spec.rigid_ion_dsf_cutoff_A = tomlf::number(t, "cutoff_A", path, where);
  if (!(spec.rigid_ion_dsf_alpha_per_A > 0.0)) throw std::invalid_argument(path + ": " + where + ".dsf_alpha_per_A: must be positive");
  if (!(spec.rigid_ion_dsf_cutoff_A > 0.0)) throw std::invalid_argument(path + ": " + where + ".cutoff_A: must be positive");
}
}  // namespace

PotentialSpec subset_potential(const PotentialSpec& full, const std::vector<std::string>& elements) {
  if (elements.empty() || elements == full.elements) return full;
  for (const auto& e : elements)
    if (std::find(full.elements.begin(), full.elements.end(), e) == full.elements.end())
      throw std::invalid_argument(fmt::format("potential '{}' has no element '{}' (elements: {})", full.id, e, join(full.elements)));
  PotentialSpec s = full;
  s.elements = elements;
  const std::size_t n = full.elements.size();
  const std::vector<std::string>& tail = full.type_labels.empty() ? full.elements : full.type_labels;
  std::vector<std::string> labels;  // the subset's pair_coeff tail
  for (const auto& e : elements)
    labels.push_back(tail[static_cast<std::size_t>(std::find(full.elements.begin(), full.elements.end(), e) - full.elements.begin())]);
  if (!full.type_labels.empty()) s.type_labels = labels;
  auto remap = [&](std::vector<std::string>& cmds) {
    for (auto& c : cmds) {
      std::vector<std::string> w = words(c);
      const bool coeff = w.size() >= 3 && w[0] == "pair_coeff";
      const bool kim = w.size() >= 2 && w[0] == "kim" && w[1] == "interactions";
      if (!coeff && !kim) continue;
      if (coeff && (w[1] != "*" || w[2] != "*"))
        throw std::invalid_argument(fmt::format("potential '{}': '{}' sets pair-wise coefficients; an element subset needs a "
                                                "'pair_coeff * * ... <elements>' line", full.id, c));
      if (w.size() < n || std::vector<std::string>(w.end() - static_cast<long>(n), w.end()) != tail)
        throw std::invalid_argument(fmt::format("potential '{}': '{}' does not end with its element list ({})", full.id, c,
                                                join(tail)));
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

PotentialSpec load_potential(const std::string& id_or_path, const std::vector<std::string>& dirs,
                             const std::vector<std::string>& elements) {
  const std::string path = find_potential(id_or_path, dirs);
  const PotentialMetadata m = read_potential_metadata(path);
  const toml::table doc = tomlf::parse(path);
  PotentialSpec spec;
  spec.id = m.id;
  spec.elements = m.elements;
  if (doc.contains("type_labels")) {
    spec.type_labels = tomlf::strings(doc, "type_labels", path, "");
    if (spec.type_labels.size() != spec.elements.size())
      throw std::invalid_argument(path + ": type_labels: needs one label per element");
  }
  auto expand = [&](const std::string& s) {
    return replace_all(replace_all(s, "${here}", m.dir), "${lammps_potentials}", "/usr/share/lammps/potentials");
  };
  spec.commands.push_back(with_keyword(expand(tomlf::string(doc, "pair_style", path, "")), "pair_style"));
  std::vector<std::string> coeffs;
  if (doc["pair_coeff"].is_string()) coeffs.push_back(tomlf::string(doc, "pair_coeff", path, ""));
  else coeffs = tomlf::strings(doc, "pair_coeff", path, "");
  if (coeffs.empty()) throw std::invalid_argument(path + ": pair_coeff: empty");
  for (const auto& c : coeffs) spec.commands.push_back(with_keyword(expand(c), "pair_coeff"));
  if (doc.contains("commands"))
    for (const auto& c : tomlf::strings(doc, "commands", path, "")) spec.commands.push_back(expand(c));
  check_potential_commands(spec.commands, path);
  // Files: every word of the commands naming an existing file (an absolute path that does not
  // exist is an error), plus [metadata] files.
  for (const auto& c : spec.commands)
    for (const auto& w : words(c)) {
      if (fs::is_regular_file(w)) spec.files.push_back(w);
      else if (w.front() == '/' && !fs::exists(w)) throw std::invalid_argument(fmt::format("{}: pair_coeff: file '{}' does not exist", path, w));
    }
  if (const auto* md = doc["metadata"].as_table(); md && md->contains("files"))
    for (const auto& f : tomlf::strings(*md, "files", path, "metadata")) {
      const std::string abs = (fs::path(m.dir) / f).lexically_normal().string();
      if (!fs::is_regular_file(abs)) throw std::invalid_argument(fmt::format("{}: metadata.files: '{}' does not exist", path, abs));
      if (std::find(spec.files.begin(), spec.files.end(), abs) == spec.files.end()) spec.files.push_back(abs);
    }
  for (const char* key : {"charges", "masses"})
    if (const auto* t = doc[key].as_table())
      for (const auto& [k, v] : *t) {
        const auto c = v.value<double>();
        if (!c) throw std::invalid_argument(path + ": " + key + "." + std::string(k.str()) + ": not a number");
        (std::string(key) == "charges" ? spec.charges_e : spec.masses_amu)[std::string(k.str())] = *c;
      }
  if (doc.contains("shells")) spec.shells = read_shells(doc, spec.elements, path);
  if (doc.contains("rigid_ion_coulomb")) read_rigid_ion_coulomb(doc, spec, path);
  try {
    if (!spec.shells.empty() && !elements.empty() && elements != spec.elements)
      throw std::invalid_argument(fmt::format("a core–shell model's pair_coeff lines are written in its own core/shell types; "
                                              "it cannot be narrowed to the elements {}", join(elements)));
    return subset_potential(spec, elements);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path + ": " + e.what());
  }
}

PotentialSpec potential_from_lines(const std::string& pair_style, const std::vector<std::string>& pair_coeff,
                                   const std::vector<std::string>& elements, const std::vector<std::string>& files) {
  if (elements.empty()) throw std::invalid_argument("user potential: 'elements' is empty");
  for (const auto& e : elements)
    if (!is_known_element(e)) throw std::invalid_argument("user potential: element '" + e + "' is not a known element symbol");
  if (pair_style.find_first_not_of(" \t") == std::string::npos) throw std::invalid_argument("user potential: 'pair_style' is empty");
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
