#include "potentials/cross_terms.h"

#include <fmt/format.h>

#include <sstream>
#include <stdexcept>

#include "nabridge/base/atomic_file.h"
#include "nabridge/base/toml_reader.h"

namespace nabridge::potentials {

namespace {
/// [pairs."A-B"]: one cross-term correction.
CrossTerm read_cross_term(const TomlReader& t, const std::string& a, const std::string& b) {
  t.allow_only({"scale", "stretch", "density_at_" + a, "density_at_" + b, "density_stretch"});
  CrossTerm c;
  c.scale = t.number_or("scale", 1.0);
  c.stretch = t.number_or("stretch", 1.0);
  if (!(c.scale > 0) || !(c.stretch > 0)) t.fail("", "scale and stretch must be > 0");
  c.density_stretch = t.number_or("density_stretch", 1.0);
  if (!(c.density_stretch > 0)) t.fail("density_stretch", "must be > 0");
  for (const auto& receiver : {a, b})
    if (const auto factor = t.number_if("density_at_" + receiver)) {
      if (!(*factor > 0)) t.fail("density_at_" + receiver, "must be > 0");
      c.density_at[receiver] = *factor;
    }
  return c;
}
}  // namespace

CrossTermFile read_cross_terms(const std::string& path) {
  const toml::table doc = parse_toml_file(path);
  const TomlReader top(path, doc, "");
  top.allow_only({"pairs", "fit", "note"});
  CrossTermFile f;
  f.path = path;
  f.note = top.string_or("note", "");
  if (top.has("pairs")) {
    const auto pairs = top.required_table("pairs");
    for (const auto& [key, node] : pairs.raw()) {
      const std::string name(key.str());
      const auto dash = name.find('-');
      if (dash == std::string::npos || dash == 0 || dash + 1 == name.size()) pairs.fail(name, "pair names are 'A-B'");
      const std::string a = name.substr(0, dash), b = name.substr(dash + 1);
      f.pairs[{a, b}] = read_cross_term(pairs.required_table(name), a, b);
    }
  }
  f.fit = read_fit_records(top);
  return f;
}

void write_cross_terms(const CrossTermFile& f, const std::string& path) {
  std::ostringstream out;
  out << "# Cross-term corrections phi_ab(r) = scale * phi_Zhou_rule(r / stretch); density_at_X scales the partner's\n"
         "# density felt at an X atom (eam/fs). Written by NaBridge.\n";
  if (!f.note.empty()) out << "note = " << toml_quote(f.note) << "\n";
  for (const auto& [k, c] : f.pairs) {
    out << fmt::format("\n[pairs.\"{}-{}\"]\nscale = {:.17g}\nstretch = {:.17g}\n", k.first, k.second, c.scale,
                       c.stretch);
    for (const auto& [receiver, factor] : c.density_at)
      out << fmt::format("density_at_{} = {:.17g}\n", receiver, factor);
    // Only when set: a file without the range reads back as 1, byte for byte as before it existed.
    if (c.density_stretch != 1.0) out << fmt::format("density_stretch = {:.17g}\n", c.density_stretch);
  }
  for (const auto& r : f.fit)
    out << "\n[[fit]]\nsystem = " << toml_quote(r.system) << "\nproperty = " << toml_quote(r.property)
        << fmt::format("\nmodel = {:.10g}\n", r.model) << "target = " << toml_quote(r.target)
        << fmt::format("\nsigma = {:.6g}\nresidual = {:.6g}\n", r.sigma, r.residual)
        << "source = " << toml_quote(r.source) << "\n";
  write_file_atomically(path, out.str());
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
