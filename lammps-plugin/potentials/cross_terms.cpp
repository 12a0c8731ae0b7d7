#include "potentials/cross_terms.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

#include "potentials/toml_fields.h"

namespace nabridge::potentials {

CrossTermFile read_cross_terms(const std::string& path) {
  const toml::table doc = tomlf::parse(path);
  tomlf::check_keys(doc, {"pairs", "fit", "note"}, path, "");
  CrossTermFile f;
  f.path = path;
  f.note = tomlf::optional_string(doc, "note", path, "").value_or("");
  if (doc.contains("pairs")) {
    for (const auto& [key, node] : tomlf::table(doc, "pairs", path, "")) {
      const std::string name(key.str());
      const std::string where = "pairs." + name;
      const auto dash = name.find('-');
      if (dash == std::string::npos || dash == 0 || dash + 1 == name.size())
        throw std::invalid_argument(path + ": " + where + ": pair names are 'A-B'");
      const auto* t = node.as_table();
      if (!t) throw std::invalid_argument(path + ": " + where + ": not a table");
      const std::string a = name.substr(0, dash), b = name.substr(dash + 1);
      tomlf::check_keys(*t, {"scale", "stretch", "density_at_" + a, "density_at_" + b}, path, where);
      CrossTerm c;
      c.scale = tomlf::optional_number(*t, "scale", path, where).value_or(1.0);
      c.stretch = tomlf::optional_number(*t, "stretch", path, where).value_or(1.0);
      if (!(c.scale > 0) || !(c.stretch > 0)) throw std::invalid_argument(path + ": " + where + ": scale and stretch must be > 0");
      for (const auto& receiver : {a, b})
        if (const auto factor = tomlf::optional_number(*t, "density_at_" + receiver, path, where)) {
          if (!(*factor > 0)) throw std::invalid_argument(path + ": " + where + ".density_at_" + receiver + ": must be > 0");
          c.density_at[receiver] = *factor;
        }
      f.pairs[{a, b}] = c;
    }
  }
  if (const auto* fits = doc["fit"].as_array()) {
    for (std::size_t k = 0; k < fits->size(); ++k) {
      const auto* t = (*fits)[k].as_table();
      const std::string where = fmt::format("fit[{}]", k);
      if (!t) throw std::invalid_argument(path + ": " + where + ": not a table");
      tomlf::check_keys(*t, {"system", "property", "model", "target", "sigma", "residual", "source"}, path, where);
      f.fit.push_back({tomlf::string(*t, "system", path, where), tomlf::string(*t, "property", path, where),
                       tomlf::string(*t, "target", path, where), tomlf::string(*t, "source", path, where),
                       tomlf::number(*t, "model", path, where), tomlf::number(*t, "sigma", path, where),
                       tomlf::number(*t, "residual", path, where)});
    }
  }
  return f;
}

void write_cross_terms(const CrossTermFile& f, const std::string& path) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write '" + path + "'");
  out << "# Cross-term corrections phi_ab(r) = scale * phi_Zhou_rule(r / stretch); density_at_X scales the partner's\n"
         "# density felt at an X atom (eam/fs). Written by NaBridge.\n";
  if (!f.note.empty()) out << "note = " << tomlf::quote(f.note) << "\n";
  for (const auto& [k, c] : f.pairs) {
    out << fmt::format("\n[pairs.\"{}-{}\"]\nscale = {:.17g}\nstretch = {:.17g}\n", k.first, k.second, c.scale, c.stretch);
    for (const auto& [receiver, factor] : c.density_at) out << fmt::format("density_at_{} = {:.17g}\n", receiver, factor);
  }
  for (const auto& r : f.fit)
    out << "\n[[fit]]\nsystem = " << tomlf::quote(r.system) << "\nproperty = " << tomlf::quote(r.property)
        << fmt::format("\nmodel = {:.10g}\n", r.model) << "target = " << tomlf::quote(r.target)
        << fmt::format("\nsigma = {:.6g}\nresidual = {:.6g}\n", r.sigma, r.residual) << "source = " << tomlf::quote(r.source)
        << "\n";
  if (!out) throw std::runtime_error("error writing '" + path + "'");
}

void apply_cross_terms(ZhouAlloyModel& model, const CrossTermFile& f) {
  for (const auto& [k, c] : f.pairs) {
    try {
      model.set_cross(k.first, k.second, c);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(f.path + ": pairs." + k.first + "-" + k.second + ": " + e.what());
    }
  }
}

}  // namespace nabridge::potentials
