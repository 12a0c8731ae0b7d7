#include "commands/adsorb_command.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "atom.h"
#include "protocols/adsorption.h"
#include "protocols/isolated_atom.h"
#include "symmetry/sites.h"

namespace nabridge {

namespace {
/// LAMMPS variable names allow letters, digits and underscores only.
std::string variable_safe(std::string label) {
  for (char& c : label)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return label;
}

}  // namespace

void AdsorbCommand::command(int narg, char** arg) {
  if (narg < 1) fail("missing surface group (syntax: nabridge/adsorb group-ID type T [keyword value ...])");
  const std::string slab_group = arg[0];
  AdsorptionOptions opt;
  opt.break_symmetry = false;  // per-site energies by default (keyword symmetry)
  OptimizerOptions min_opt;
  std::string min_style = "fire", frozen_group, json_path;
  std::vector<std::string> elements;
  int adatom_type = 0;
  std::optional<double> mu, e_isolated;
  for (int i = 1; i < narg;) {
    const std::string key = arg[i];
    if (parse_minimizer_keyword(narg, arg, i, min_opt, min_style)) continue;
    if (key == "type") adatom_type = parse_int(narg, arg, i, 1, atom->ntypes), i += 2;
    else if (key == "height") opt.height_A = parse_double(narg, arg, i, kMinHeight_A, 10.0), i += 2;
    else if (key == "relax") opt.relax = parse_yes_no(narg, arg, i), i += 2;
    else if (key == "fix") frozen_group = parse_word(narg, arg, i), i += 2;
    else if (key == "mu") mu = parse_double(narg, arg, i), i += 2;
    else if (key == "eiso") e_isolated = parse_double(narg, arg, i), i += 2;
    else if (key == "lateral") {
      const std::string w = parse_word(narg, arg, i);
      if (w != "free" && w != "fixed") fail(fmt::format("lateral: expects free or fixed, got '{}'", w));
      opt.fix_lateral = w == "fixed";
      i += 2;
    } else if (key == "symmetry") {
      const std::string w = parse_word(narg, arg, i);
      if (w != "keep" && w != "break") fail(fmt::format("symmetry: expects keep or break, got '{}'", w));
      opt.break_symmetry = w == "break";
      i += 2;
    } else if (key == "file") json_path = parse_word(narg, arg, i), i += 2;
    else if (key == "elements") {
      while (++i < narg && is_element_word(arg[i])) elements.emplace_back(arg[i]);
    } else fail(fmt::format("unknown keyword '{}'", key));
  }
  if (!(opt.height_A > 0)) fail("height: must be > 0");
  const AdatomSlab setup = adatom_slab(adatom_type, slab_group, frozen_group, elements);
  const Structure& slab = setup.slab;
  opt.element = setup.adatom_element;
  opt.mu_eV = mu.value_or(0.0);
  AdsorptionResult r;
  run_on_host(setup.host, setup.types, [&](Engine& engine) {
    const auto sites = find_adsorption_sites(slab);
    opt.e_isolated_eV = e_isolated ? *e_isolated : isolated_atom_energy_eV(engine, opt.element);
    const auto optimizer = make_optimizer(min_style, min_opt);
    opt.optimizer = optimizer.get();
    r = adsorption_scan(engine, slab, sites, opt);
  });

  const auto& best = r.sites[r.most_stable];
  set_variable("nabridge_E_bind_eV", best.E_bind_eV);
  if (mu) set_variable("nabridge_E_ads_eV", best.E_ads_eV);
  for (const auto& s : r.sites) set_variable("nabridge_E_bind_" + variable_safe(s.site.label) + "_eV", s.E_bind_eV);
  log(fmt::format("{}: {} on {} sites, clean slab E = {:.8f} eV, E_iso({}) = {:.6f} eV\n", name_, opt.element,
                  r.sites.size(), r.slab_energy_eV, opt.element, opt.e_isolated_eV));
  for (const auto& s : r.sites)
    log(fmt::format("  {:<16} E_bind = {:9.5f} eV{}{}\n", s.site.label, s.E_bind_eV,
                    mu ? fmt::format("  E_ads = {:9.5f} eV", s.E_ads_eV) : std::string(),
                    s.moved_to.empty() ? std::string() : "  (moved to " + s.moved_to + ")"));
  if (!json_path.empty()) {
    nlohmann::json j{{"command", name_},
                     {"element", opt.element},
                     {"slab_energy_eV", r.slab_energy_eV},
                     {"E_isolated_eV", opt.e_isolated_eV},
                     {"mu_eV", mu ? nlohmann::json(*mu) : nlohmann::json()},
                     {"relaxed", opt.relax},
                     {"most_stable", best.site.label}};
    j["sites"] = nlohmann::json::array();
    for (const auto& s : r.sites)
      j["sites"].push_back({{"label", s.site.label},
                            {"x_A", s.final_position_A.x()},
                            {"y_A", s.final_position_A.y()},
                            {"z_A", s.final_position_A.z()},
                            {"E_bind_eV", s.E_bind_eV},
                            {"E_ads_eV", mu ? nlohmann::json(s.E_ads_eV) : nlohmann::json()},
                            {"moved_to", s.moved_to},
                            {"multiplicity", s.site.multiplicity},
                            {"relax_converged", s.relax.converged}});
    write_json(json_path, j);
  }
}

}  // namespace nabridge
