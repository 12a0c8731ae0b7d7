#include "potentials/zhou_params.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

#include "potentials/toml_fields.h"

namespace nabridge::potentials {

const ZhouElement& ZhouParameterFile::get(const std::string& symbol) const {
  auto it = elements.find(symbol);
  if (it != elements.end()) return it->second;
  std::string known;
  for (const auto& [s, e] : elements) known += (known.empty() ? "" : " ") + s;
  throw std::invalid_argument(path + ": no parameters for element '" + symbol + "' (has: " + known + ")");
}

namespace {
void four(const toml::table& t, const char* key, double out[4], const std::string& file, const std::string& where) {
  const auto v = tomlf::numbers(t, key, file, where);
  if (v.size() != 4) throw std::invalid_argument(fmt::format("{}: {}: needs 4 numbers, has {}", file, tomlf::path(where, key), v.size()));
  for (int k = 0; k < 4; ++k) out[k] = v[k];
}
}  // namespace

ZhouParameterFile read_zhou_parameters(const std::string& path) {
  const toml::table doc = tomlf::parse(path);
  tomlf::check_keys(doc, {"source", "elements", "fit"}, path, "");
  ZhouParameterFile f;
  f.path = path;
  if (doc.contains("source")) {
    const auto& s = tomlf::table(doc, "source", path, "");
    tomlf::check_keys(s, {"citation", "doi", "note", "transcribed_from", "verified_by"}, path, "source");
    f.citation = tomlf::optional_string(s, "citation", path, "source").value_or("");
    f.doi = tomlf::optional_string(s, "doi", path, "source").value_or("");
    f.note = tomlf::optional_string(s, "note", path, "source").value_or("");
  }
  if (const auto* fits = doc["fit"].as_array()) {
    for (std::size_t k = 0; k < fits->size(); ++k) {
      const auto* t = (*fits)[k].as_table();
      const std::string where = fmt::format("fit[{}]", k);
      if (!t) throw std::invalid_argument(path + ": " + where + ": not a table");
      tomlf::check_keys(*t, {"system", "property", "model", "target", "sigma", "residual", "source"}, path, where);
      FitRecord r;
      r.system = tomlf::string(*t, "system", path, where);
      r.property = tomlf::string(*t, "property", path, where);
      r.model = tomlf::number(*t, "model", path, where);
      r.target = tomlf::string(*t, "target", path, where);
      r.sigma = tomlf::number(*t, "sigma", path, where);
      r.residual = tomlf::number(*t, "residual", path, where);
      r.source = tomlf::string(*t, "source", path, where);
      f.fit.push_back(r);
    }
  }
  const auto& els = tomlf::table(doc, "elements", path, "");
  if (els.empty()) throw std::invalid_argument(path + ": [elements] is empty");
  for (const auto& [key, node] : els) {
    const std::string sym(key.str());
    const std::string where = "elements." + sym;
    const auto* t = node.as_table();
    if (!t) throw std::invalid_argument(path + ": " + where + ": not a table");
    tomlf::check_keys(*t, {"Z", "mass_amu", "lattice", "re", "fe", "rhoe", "rhos", "alpha", "beta", "A", "B", "kappa",
                           "lambda", "Fn", "F", "F3_above", "eta", "Fe", "note"},
                      path, where);
    ZhouElement e;
    e.symbol = sym;
    const double z = tomlf::number(*t, "Z", path, where);
    e.atomic_number = static_cast<int>(z);
    if (e.atomic_number != z || z < 1) throw std::invalid_argument(path + ": " + where + ".Z: not a positive integer");
    e.mass_amu = tomlf::number(*t, "mass_amu", path, where);
    e.lattice = tomlf::optional_string(*t, "lattice", path, where).value_or("fcc");
    e.re_A = tomlf::number(*t, "re", path, where);
    e.fe = tomlf::number(*t, "fe", path, where);
    e.rhoe = tomlf::number(*t, "rhoe", path, where);
    e.rhos = tomlf::number(*t, "rhos", path, where);
    e.alpha = tomlf::number(*t, "alpha", path, where);
    e.beta = tomlf::number(*t, "beta", path, where);
    e.A_eV = tomlf::number(*t, "A", path, where);
    e.B_eV = tomlf::number(*t, "B", path, where);
    e.kappa = tomlf::number(*t, "kappa", path, where);
    e.lambda = tomlf::number(*t, "lambda", path, where);
    four(*t, "Fn", e.Fn_eV, path, where);
    four(*t, "F", e.F_eV, path, where);
    e.F3_above_eV = tomlf::optional_number(*t, "F3_above", path, where).value_or(e.F_eV[3]);
    e.eta = tomlf::number(*t, "eta", path, where);
    e.Fe_eV = tomlf::number(*t, "Fe", path, where);
    e.validate(path);
    f.elements[sym] = e;
  }
  return f;
}

void write_zhou_parameters(const ZhouParameterFile& f, const std::string& path) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write '" + path + "'");
  const auto q = tomlf::quote;
  out << "# Zhou-Johnson-Wadley EAM parameters (form: Phys. Rev. B 69, 144113 (2004)). Written by NaBridge.\n";
  out << "[source]\n";
  if (!f.citation.empty()) out << "citation = " << q(f.citation) << "\n";
  if (!f.doi.empty()) out << "doi = " << q(f.doi) << "\n";
  if (!f.note.empty()) out << "note = " << q(f.note) << "\n";
  for (const auto& r : f.fit) {
    out << "\n[[fit]]\nsystem = " << q(r.system) << "\nproperty = " << q(r.property) << "\nmodel = "
        << fmt::format("{:.10g}", r.model) << "\ntarget = " << q(r.target) << "\nsigma = " << fmt::format("{:.6g}", r.sigma)
        << "\nresidual = " << fmt::format("{:.6g}", r.residual) << "\nsource = " << q(r.source) << "\n";
  }
  for (const auto& [sym, e] : f.elements) {
    auto g = [](double v) { return fmt::format("{:.17g}", v); };
    out << "\n[elements." << sym << "]\n";
    out << "Z = " << e.atomic_number << "\nmass_amu = " << g(e.mass_amu) << "\nlattice = " << q(e.lattice) << "\n";
    out << "re = " << g(e.re_A) << "\nfe = " << g(e.fe) << "\nrhoe = " << g(e.rhoe) << "\nrhos = " << g(e.rhos) << "\n";
    out << "alpha = " << g(e.alpha) << "\nbeta = " << g(e.beta) << "\nA = " << g(e.A_eV) << "\nB = " << g(e.B_eV) << "\n";
    out << "kappa = " << g(e.kappa) << "\nlambda = " << g(e.lambda) << "\n";
    out << "Fn = [" << g(e.Fn_eV[0]) << ", " << g(e.Fn_eV[1]) << ", " << g(e.Fn_eV[2]) << ", " << g(e.Fn_eV[3]) << "]\n";
    out << "F = [" << g(e.F_eV[0]) << ", " << g(e.F_eV[1]) << ", " << g(e.F_eV[2]) << ", " << g(e.F_eV[3]) << "]\n";
    out << "F3_above = " << g(e.F3_above_eV) << "\neta = " << g(e.eta) << "\nFe = " << g(e.Fe_eV) << "\n";
  }
  if (!out) throw std::runtime_error("error writing '" + path + "'");
}

}  // namespace nabridge::potentials
