#include "potentials/recipe.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "potentials/cross_terms.h"
#include "potentials/setfl.h"
#include "potentials/toml_fields.h"
#include "potentials/zhou_params.h"

namespace nabridge::potentials {

namespace fs = std::filesystem;

namespace {
std::string resolve(const std::string& dir, const std::string& rel) { return (fs::path(dir) / rel).lexically_normal().string(); }

RecipeFit read_fit(const toml::table& t, const std::string& file, const std::string& where, const std::string& dir) {
  tomlf::check_keys(t, {"spec", "out"}, file, where);
  return {resolve(dir, tomlf::string(t, "spec", file, where)), resolve(dir, tomlf::string(t, "out", file, where))};
}
}  // namespace

Recipe read_recipe(const std::string& path) {
  const toml::table doc = tomlf::parse(path);
  tomlf::check_keys(doc, {"id", "title", "elements", "setfl", "metadata_file", "cutoff_A", "nr", "nrho", "rho_max",
                          "parameters", "cross_terms", "element_fits", "cross_fit", "metadata"},
                    path, "");
  Recipe r;
  r.file = fs::absolute(path).lexically_normal().string();
  r.dir = fs::path(r.file).parent_path().string();
  r.id = tomlf::string(doc, "id", path, "");
  r.title = tomlf::optional_string(doc, "title", path, "").value_or(r.id);
  r.elements = tomlf::strings(doc, "elements", path, "");
  if (r.elements.empty()) throw std::invalid_argument(path + ": elements: empty");
  r.setfl = tomlf::string(doc, "setfl", path, "");
  r.metadata = tomlf::optional_string(doc, "metadata_file", path, "").value_or("potential.toml");
  r.cutoff_A = tomlf::number(doc, "cutoff_A", path, "");
  r.nr = static_cast<int>(tomlf::optional_number(doc, "nr", path, "").value_or(3000));
  r.nrho = static_cast<int>(tomlf::optional_number(doc, "nrho", path, "").value_or(3000));
  r.rho_max = tomlf::optional_number(doc, "rho_max", path, "").value_or(100.0);
  const auto* params = doc["parameters"].as_array();
  if (!params || params->empty()) throw std::invalid_argument(path + ": parameters: missing or empty");
  std::set<std::string> covered;
  for (std::size_t k = 0; k < params->size(); ++k) {
    const std::string where = fmt::format("parameters[{}]", k);
    const auto* t = (*params)[k].as_table();
    if (!t) throw std::invalid_argument(path + ": " + where + ": not a table");
    tomlf::check_keys(*t, {"file", "elements"}, path, where);
    RecipeParameters p{resolve(r.dir, tomlf::string(*t, "file", path, where)), tomlf::strings(*t, "elements", path, where)};
    for (const auto& e : p.elements)
      if (!covered.insert(e).second) throw std::invalid_argument(path + ": " + where + ": element '" + e + "' given twice");
    r.parameters.push_back(p);
  }
  for (const auto& e : r.elements)
    if (!covered.count(e)) throw std::invalid_argument(path + ": parameters: no parameter file gives element '" + e + "'");
  if (auto c = tomlf::optional_string(doc, "cross_terms", path, "")) r.cross_terms = resolve(r.dir, *c);
  if (const auto* fits = doc["element_fits"].as_array())
    for (std::size_t k = 0; k < fits->size(); ++k) {
      const auto* t = (*fits)[k].as_table();
      if (!t) throw std::invalid_argument(fmt::format("{}: element_fits[{}]: not a table", path, k));
      r.element_fits.push_back(read_fit(*t, path, fmt::format("element_fits[{}]", k), r.dir));
    }
  if (doc.contains("cross_fit")) {
    const auto& t = tomlf::table(doc, "cross_fit", path, "");
    r.cross_fit = read_fit(t, path, "cross_fit", r.dir);
    r.cross_fit_spec_relative = tomlf::string(t, "spec", path, "cross_fit");
  }
  r.metadata_static = std::make_shared<toml::table>();
  if (doc.contains("metadata")) *r.metadata_static = tomlf::table(doc, "metadata", path, "");
  return r;
}

std::vector<ZhouElement> recipe_elements(const Recipe& r) {
  std::vector<ZhouElement> out;
  for (const auto& e : r.elements)
    for (const auto& p : r.parameters)
      for (const auto& pe : p.elements)
        if (pe == e) out.push_back(read_zhou_parameters(p.file).get(e));
  return out;
}

ZhouAlloyModel recipe_model(const Recipe& r, bool with_cross_terms) {
  ZhouAlloyModel m(recipe_elements(r), r.cutoff_A);
  if (with_cross_terms && !r.cross_terms.empty() && fs::exists(r.cross_terms)) apply_cross_terms(m, read_cross_terms(r.cross_terms));
  return m;
}

namespace {
toml::table record_table(const FitRecord& f) {
  return toml::table{{"system", f.system}, {"property", f.property}, {"model", f.model},   {"target", f.target},
                     {"sigma", f.sigma},   {"residual", f.residual}, {"source", f.source}};
}
}  // namespace

std::string generate_potential(const Recipe& r, const std::string& out_dir_arg, const std::string& version) {
  const std::string out_dir = fs::absolute(out_dir_arg.empty() ? r.dir : out_dir_arg).lexically_normal().string();
  fs::create_directories(out_dir);
  const ZhouAlloyModel model = recipe_model(r, true);
  std::string names;
  for (const auto& e : r.elements) names += (names.empty() ? "" : " ") + e;
  std::string param_files;
  for (const auto& p : r.parameters)
    param_files += (param_files.empty() ? "" : ", ") + fs::path(p.file).lexically_relative(r.dir).string();
  const std::array<std::string, 3> header = {
      fmt::format("{}: {} EAM, Zhou-Johnson-Wadley form (X. W. Zhou, R. A. Johnson, H. N. G. Wadley, PRB 69, 144113 (2004), "
                  "doi:10.1103/PhysRevB.69.144113)",
                  r.id, names),
      fmt::format("parameters: {}; cross terms: {}", param_files,
                  r.cross_terms.empty() ? "Zhou alloy rule" : fs::path(r.cross_terms).lexically_relative(r.dir).string()),
      fmt::format("generated by nabridge {} `nabridge potential generate {}`; see {}", version,
                  fs::path(r.file).filename().string(), r.metadata)};
  const SetflGrid grid = default_grid(model, r.nr, r.nrho, r.rho_max);
  const std::string setfl = (fs::path(out_dir) / r.setfl).string();
  const Setfl table = tabulate(model, grid, header);
  write_setfl(table, setfl);
  const std::string pair_style = pair_style_of(table.form);

  // Metadata in the shipped-potential format the campaigns read (docs/campaign.md): the LAMMPS
  // lines at top level (${here} = this file's folder), everything else under [metadata].
  toml::table md;
  toml::array els;
  for (const auto& e : r.elements) els.push_back(e);
  md.insert("elements", els);
  md.insert("pair_style", pair_style);
  md.insert("pair_coeff", toml::array{"* * ${here}/" + r.setfl + " " + names});
  md.insert("source", r.title + " (NaBridge recipe " + fs::path(r.file).filename().string() + ")");
  toml::table meta_t;
  meta_t.insert("id", r.id);
  meta_t.insert("title", r.title);
  meta_t.insert("form", pair_style + " setfl tabulating the Zhou-Johnson-Wadley analytic EAM form (PRB 69, 144113 (2004))" +
                            (table.form == SetflForm::kFinnisSinclair ? " with cross-term density factors" : ""));
  toml::array files{r.setfl, fs::path(r.file).filename().string()};
  for (const auto& p : r.parameters) files.push_back(fs::path(p.file).lexically_relative(out_dir).string());
  if (!r.cross_terms.empty()) files.push_back(fs::path(r.cross_terms).lexically_relative(out_dir).string());
  meta_t.insert("files", files);
  meta_t.insert("cutoff_A", model.cutoff_A());
  meta_t.insert("generated_by", fmt::format("nabridge {} potential generate {}", version, fs::path(r.file).filename().string()));
  if (r.cross_fit) meta_t.insert("cross_fit_spec", fs::path(r.cross_fit->spec).lexically_relative(out_dir).string());
  for (const auto& [k, v] : *r.metadata_static) meta_t.insert(k, v);
  toml::array records;
  for (const auto& p : r.parameters)
    for (const auto& f : read_zhou_parameters(p.file).fit) records.push_back(record_table(f));
  if (!r.cross_terms.empty() && fs::exists(r.cross_terms)) {
    const CrossTermFile c = read_cross_terms(r.cross_terms);
    toml::table pairs;
    for (const auto& [k, t] : c.pairs) {
      toml::table pair{{"scale", t.scale}, {"stretch", t.stretch}};
      for (const auto& [receiver, factor] : t.density_at) pair.insert("density_at_" + receiver, factor);
      pairs.insert(k.first + "-" + k.second, pair);
    }
    meta_t.insert("cross_terms", pairs);
    for (const auto& f : c.fit) records.push_back(record_table(f));
  }
  meta_t.insert("fitted_targets", records);
  md.insert("metadata", meta_t);
  const std::string meta = (fs::path(out_dir) / r.metadata).string();
  std::ofstream out(meta);
  if (!out) throw std::runtime_error("cannot write '" + meta + "'");
  out << "# Potential metadata, generated by `nabridge potential generate " << fs::path(r.file).filename().string()
      << "`: edit the recipe, not this file.\n"
      << "# ${here} in pair_coeff is this file's folder. Campaigns: [potentials.X] id = \"" << r.id << "\"; C++: load_potential.\n"
      << toml::toml_formatter{md} << "\n";
  if (!out) throw std::runtime_error("error writing '" + meta + "'");
  return setfl;
}

}  // namespace nabridge::potentials
