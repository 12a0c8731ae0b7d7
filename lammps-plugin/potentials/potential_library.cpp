#include "potentials/potential_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "core/elements.h"
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
std::optional<std::string> metadata_id(const fs::path& p) {
  try {
    const toml::table t = toml::parse_file(p.string());
    return t["id"].value<std::string>();
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
  PotentialMetadata m;
  m.path = path;
  m.dir = fs::absolute(path).parent_path().lexically_normal().string();
  m.id = tomlf::string(doc, "id", path, "");
  m.title = tomlf::optional_string(doc, "title", path, "").value_or(m.id);
  m.elements = tomlf::strings(doc, "elements", path, "");
  if (m.elements.empty()) throw std::invalid_argument(path + ": elements: empty");
  for (const auto& e : m.elements)
    if (!is_known_element(e)) throw std::invalid_argument(path + ": elements: '" + e + "' is not a known element symbol");
  m.fidelity = tomlf::optional_string(doc, "fidelity", path, "").value_or("");
  m.validity = tomlf::optional_string(doc, "validity", path, "").value_or("");
  if (auto r = tomlf::optional_string(doc, "reference_data", path, "")) m.reference_data = (fs::path(m.dir) / *r).lexically_normal().string();
  if (auto c = tomlf::optional_string(doc, "cross_fit_spec", path, "")) m.cross_fit_spec = (fs::path(m.dir) / *c).lexically_normal().string();
  if (doc.contains("known_limits")) m.known_limits = tomlf::strings(doc, "known_limits", path, "");
  if (const auto* src = doc["sources"].as_array())
    for (std::size_t k = 0; k < src->size(); ++k) {
      const auto* t = (*src)[k].as_table();
      const std::string where = fmt::format("sources[{}]", k);
      if (!t) throw std::invalid_argument(path + ": " + where + ": not a table");
      m.sources.push_back({tomlf::optional_string(*t, "what", path, where).value_or(""),
                           tomlf::string(*t, "citation", path, where),
                           tomlf::optional_string(*t, "doi", path, where).value_or("")});
    }
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

void check_elements(const std::vector<std::string>& elements, const std::string& what) {
  if (elements.empty()) throw std::invalid_argument(what + ": 'elements' is empty");
  for (const auto& e : elements)
    if (!is_known_element(e)) throw std::invalid_argument(what + ": element '" + e + "' is not a known element symbol");
}
}  // namespace

PotentialSpec load_potential(const std::string& id_or_path, const std::vector<std::string>& dirs,
                             const std::vector<std::string>& elements) {
  const std::string path = find_potential(id_or_path, dirs);
  const PotentialMetadata m = read_potential_metadata(path);
  const toml::table doc = tomlf::parse(path);
  PotentialSpec spec;
  spec.id = m.id;
  spec.elements = elements.empty() ? m.elements : elements;
  for (const auto& e : spec.elements)
    if (std::find(m.elements.begin(), m.elements.end(), e) == m.elements.end()) {
      std::string have;
      for (const auto& h : m.elements) have += (have.empty() ? "" : " ") + h;
      throw std::invalid_argument(fmt::format("{}: potential '{}' has no element '{}' (elements: {})", path, m.id, e, have));
    }
  std::string names;
  for (const auto& e : spec.elements) names += (names.empty() ? "" : " ") + e;
  auto expand = [&](const std::string& s) { return replace_all(replace_all(s, "{dir}", m.dir), "{elements}", names); };
  spec.commands.push_back(with_keyword(expand(tomlf::string(doc, "pair_style", path, "")), "pair_style"));
  std::vector<std::string> coeffs;
  if (doc["pair_coeff"].is_string()) coeffs.push_back(tomlf::string(doc, "pair_coeff", path, ""));
  else coeffs = tomlf::strings(doc, "pair_coeff", path, "");
  if (coeffs.empty()) throw std::invalid_argument(path + ": pair_coeff: empty");
  for (const auto& c : coeffs) spec.commands.push_back(with_keyword(expand(c), "pair_coeff"));
  if (doc.contains("extra_commands"))
    for (const auto& c : tomlf::strings(doc, "extra_commands", path, "")) spec.commands.push_back(expand(c));
  if (doc.contains("files"))
    for (const auto& f : tomlf::strings(doc, "files", path, "")) {
      const std::string abs = (fs::path(m.dir) / f).lexically_normal().string();
      if (!fs::is_regular_file(abs)) throw std::invalid_argument(fmt::format("{}: files: '{}' does not exist", path, abs));
      spec.files.push_back(abs);
    }
  if (const auto* q = doc["charges_e"].as_table())
    for (const auto& [k, v] : *q) {
      const auto c = v.value<double>();
      if (!c) throw std::invalid_argument(path + ": charges_e." + std::string(k.str()) + ": not a number");
      spec.charges_e[std::string(k.str())] = *c;
    }
  if (const auto* ms = doc["masses_amu"].as_table())
    for (const auto& [k, v] : *ms) {
      const auto c = v.value<double>();
      if (!c) throw std::invalid_argument(path + ": masses_amu." + std::string(k.str()) + ": not a number");
      spec.masses_amu[std::string(k.str())] = *c;
    }
  spec.units = tomlf::optional_string(doc, "units", path, "").value_or("metal");
  return spec;
}

PotentialSpec potential_from_lines(const std::string& pair_style, const std::vector<std::string>& pair_coeff,
                                   const std::vector<std::string>& elements, const std::vector<std::string>& files) {
  check_elements(elements, "user potential");
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

PotentialSpec potential_from_kim(const std::string& model, const std::vector<std::string>& elements) {
  check_elements(elements, "KIM potential");
  if (model.empty() || model.find_first_of(" \t\n") != std::string::npos)
    throw std::invalid_argument("KIM potential: model id '" + model + "' is empty or contains spaces");
  PotentialSpec spec;
  spec.id = "kim:" + model;
  spec.elements = elements;
  std::string names;
  for (const auto& e : elements) names += " " + e;
  spec.commands = {"pair_style kim " + model, "pair_coeff * *" + names};
  return spec;
}

PotentialSpec potential_from_table(const toml::table& t, const std::string& file, const std::string& where,
                                   const std::vector<std::string>& search_dirs) {
  tomlf::check_keys(t, {"id", "search", "kim", "pair_style", "pair_coeff", "files", "elements"}, file, where);
  const int given = int(t.contains("id")) + int(t.contains("kim")) + int(t.contains("pair_style"));
  if (given != 1)
    throw std::invalid_argument(fmt::format("{}: {}: give exactly one of 'id', 'kim' or 'pair_style' (+ 'pair_coeff')", file, where));
  std::vector<std::string> elements;
  if (t.contains("elements")) elements = tomlf::strings(t, "elements", file, where);
  try {
    if (t.contains("id")) {
      std::vector<std::string> dirs;
      if (t.contains("search"))
        for (const auto& d : tomlf::strings(t, "search", file, where))
          dirs.push_back((fs::path(file).parent_path() / d).lexically_normal().string());
      dirs.insert(dirs.end(), search_dirs.begin(), search_dirs.end());
      return load_potential(tomlf::string(t, "id", file, where), dirs, elements);
    }
    if (t.contains("kim")) return potential_from_kim(tomlf::string(t, "kim", file, where), elements);
    std::vector<std::string> coeffs;
    if (t["pair_coeff"].is_string()) coeffs.push_back(tomlf::string(t, "pair_coeff", file, where));
    else coeffs = tomlf::strings(t, "pair_coeff", file, where);
    std::vector<std::string> files;
    if (t.contains("files"))
      for (const auto& f : tomlf::strings(t, "files", file, where))
        files.push_back((fs::path(file).parent_path() / f).lexically_normal().string());
    return potential_from_lines(tomlf::string(t, "pair_style", file, where), coeffs, elements, files);
  } catch (const std::invalid_argument& e) {
    const std::string msg = e.what();
    if (msg.rfind(file, 0) == 0) throw;
    throw std::invalid_argument(fmt::format("{}: {}: {}", file, where, msg));
  }
}

}  // namespace nabridge::potentials
