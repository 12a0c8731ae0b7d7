#include "potentials/zhou_params.h"

#include <fmt/format.h>

#include <sstream>
#include <stdexcept>

#include "nabridge/base/atomic_file.h"
#include "nabridge/base/toml_reader.h"

namespace nabridge::potentials {

const ZhouElement& ZhouParameterFile::get(const std::string& symbol) const {
  auto it = elements.find(symbol);
  if (it != elements.end()) return it->second;
  std::string known;
  for (const auto& [s, e] : elements) known += (known.empty() ? "" : " ") + s;
  throw std::invalid_argument(path + ": no parameters for element '" + symbol + "' (has: " + known + ")");
}

std::vector<FitRecord> read_fit_records(const TomlReader& top) {
  std::vector<FitRecord> out;
  for (const auto& t : top.table_array("fit")) {
    t.allow_only({"system", "property", "model", "target", "sigma", "residual", "source"});
    out.push_back({t.string("system"), t.string("property"), t.string("target"), t.string("source"), t.number("model"),
                   t.number("sigma"), t.number("residual")});
  }
  return out;
}

namespace {
void four(const TomlReader& t, const char* key, double out[4]) {
  const auto v = t.numbers(key);
  if (v.size() != 4) t.fail(key, fmt::format("needs 4 numbers, has {}", v.size()));
  for (int k = 0; k < 4; ++k) out[k] = v[k];
}

ZhouElement read_zhou_element(const TomlReader& t, const std::string& sym) {
  t.allow_only({"Z", "mass_amu", "lattice", "re", "fe", "rhoe", "rhos", "alpha", "beta", "A", "B", "kappa", "lambda",
                "Fn", "F", "F3_above", "eta", "Fe", "note"});
  ZhouElement e;
  e.symbol = sym;
  const double z = t.number("Z");
  e.atomic_number = static_cast<int>(z);
  if (e.atomic_number != z || z < 1) t.fail("Z", "not a positive integer");
  e.mass_amu = t.number("mass_amu");
  e.lattice = t.string_or("lattice", "fcc");
  e.re_A = t.number("re");
  e.fe = t.number("fe");
  e.rhoe = t.number("rhoe");
  e.rhos = t.number("rhos");
  e.alpha = t.number("alpha");
  e.beta = t.number("beta");
  e.A_eV = t.number("A");
  e.B_eV = t.number("B");
  e.kappa = t.number("kappa");
  e.lambda = t.number("lambda");
  four(t, "Fn", e.Fn_eV);
  four(t, "F", e.F_eV);
  e.F3_above_eV = t.number_or("F3_above", e.F_eV[3]);
  e.eta = t.number("eta");
  e.Fe_eV = t.number("Fe");
  return e;
}
}  // namespace

ZhouParameterFile read_zhou_parameters(const std::string& path) {
  const toml::table doc = parse_toml_file(path);
  const TomlReader top(path, doc, "");
  top.allow_only({"source", "elements", "fit"});
  ZhouParameterFile f;
  f.path = path;
  if (const auto s = top.table("source")) {
    s->allow_only({"citation", "doi", "note", "transcribed_from", "verified_by"});
    f.citation = s->string_or("citation", "");
    f.doi = s->string_or("doi", "");
    f.note = s->string_or("note", "");
  }
  f.fit = read_fit_records(top);
  const auto els = top.required_table("elements");
  if (els.raw().empty()) top.fail("elements", "[elements] is empty");
  for (const auto& [key, node] : els.raw()) {
    const std::string sym(key.str());
    ZhouElement e = read_zhou_element(els.required_table(sym), sym);
    e.validate(path);
    f.elements[sym] = e;
  }
  return f;
}

void write_zhou_parameters(const ZhouParameterFile& f, const std::string& path) {
  std::ostringstream out;
  const auto q = toml_quote;
  out << "# Zhou-Johnson-Wadley EAM parameters (form: Phys. Rev. B 69, 144113 (2004)). Written by NaBridge.\n";
  out << "[source]\n";
  if (!f.citation.empty()) out << "citation = " << q(f.citation) << "\n";
  if (!f.doi.empty()) out << "doi = " << q(f.doi) << "\n";
  if (!f.note.empty()) out << "note = " << q(f.note) << "\n";
  for (const auto& r : f.fit) {
    out << "\n[[fit]]\nsystem = " << q(r.system) << "\nproperty = " << q(r.property)
        << "\nmodel = " << fmt::format("{:.10g}", r.model) << "\ntarget = " << q(r.target)
        << "\nsigma = " << fmt::format("{:.6g}", r.sigma) << "\nresidual = " << fmt::format("{:.6g}", r.residual)
        << "\nsource = " << q(r.source) << "\n";
  }
  for (const auto& [sym, e] : f.elements) {
    auto g = [](double v) { return fmt::format("{:.17g}", v); };
    out << "\n[elements." << sym << "]\n";
    out << "Z = " << e.atomic_number << "\nmass_amu = " << g(e.mass_amu) << "\nlattice = " << q(e.lattice) << "\n";
    out << "re = " << g(e.re_A) << "\nfe = " << g(e.fe) << "\nrhoe = " << g(e.rhoe) << "\nrhos = " << g(e.rhos) << "\n";
    out << "alpha = " << g(e.alpha) << "\nbeta = " << g(e.beta) << "\nA = " << g(e.A_eV) << "\nB = " << g(e.B_eV)
        << "\n";
    out << "kappa = " << g(e.kappa) << "\nlambda = " << g(e.lambda) << "\n";
    out << "Fn = [" << g(e.Fn_eV[0]) << ", " << g(e.Fn_eV[1]) << ", " << g(e.Fn_eV[2]) << ", " << g(e.Fn_eV[3])
        << "]\n";
    out << "F = [" << g(e.F_eV[0]) << ", " << g(e.F_eV[1]) << ", " << g(e.F_eV[2]) << ", " << g(e.F_eV[3]) << "]\n";
    out << "F3_above = " << g(e.F3_above_eV) << "\neta = " << g(e.eta) << "\nFe = " << g(e.Fe_eV) << "\n";
  }
  write_file_atomically(path, out.str());
}

}  // namespace nabridge::potentials
