#include "potentials/dft_shift.h"

#include <algorithm>

#include "nabridge/base/toml_reader.h"

namespace nabridge::potentials {

std::vector<DftShift> read_dft_shifts(const TomlReader& dft, const std::vector<std::string>& systems) {
  std::vector<DftShift> out;
  for (const auto& t : dft.table_array("shift")) {
    t.allow_only({"system", "converged", "config"});
    DftShift s{t.string("system"), t.string("converged"), t.string("config")};
    if (std::find(systems.begin(), systems.end(), s.system) == systems.end())
      t.fail("system", "not one of this [[dft]]'s systems");
    if (s.converged == s.system) t.fail("converged", "the same system as `system`");
    out.push_back(s);
  }
  return out;
}

}  // namespace nabridge::potentials
