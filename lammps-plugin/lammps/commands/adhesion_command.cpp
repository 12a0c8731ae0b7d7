#include "commands/adhesion_command.h"

#include <fmt/format.h>

#include <limits>

#include "atom.h"
#include "protocols/adhesion.h"

namespace nabridge {

void AdhesionCommand::command(int narg, char** arg) {
  if (narg < 2) fail("missing groups (syntax: nabridge/adhesion group-A group-B [keyword value ...])");
  const std::string group_a = arg[0], group_b = arg[1];
  AdhesionOptions opt;
  OptimizerOptions min_opt;
  std::string min_style = "fire", frozen_group, json_path;
  std::vector<std::string> elements;
  for (int i = 2; i < narg;) {
    const std::string key = arg[i];
    if (parse_minimizer_keyword(narg, arg, i, min_opt, min_style)) continue;
    if (key == "relax") opt.relax = parse_yes_no(narg, arg, i), i += 2;
    else if (key == "fix") frozen_group = parse_word(narg, arg, i), i += 2;
    else if (key == "file") json_path = parse_word(narg, arg, i), i += 2;
    else if (key == "uber") {
      if (parse_word(narg, arg, i) == "no") {
        opt.scan = false;
        i += 2;
        continue;
      }
      if (i + 3 >= narg) fail("uber: expects dmin dmax n (or 'no')");
      opt.scan_min_A = parse_double(narg, arg, i);
      opt.scan_max_A = parse_double(narg, arg, i + 1);
      // Separations from the contact distance: a few Å closer (repulsive wall) to well past the cutoff.
      if (opt.scan_min_A < -3 || opt.scan_max_A > 30)
        fail(fmt::format("uber: dmin {} and dmax {} must lie in [-3, 30] Å", opt.scan_min_A, opt.scan_max_A));
      opt.scan_points = parse_int(narg, arg, i + 2, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
      if (opt.scan_points < 4 || opt.scan_points > 1000)
        fail(fmt::format("uber: n = {} is outside [4, 1000]", opt.scan_points));
      if (opt.scan_max_A <= opt.scan_min_A) fail("uber: dmax must exceed dmin");
      i += 4;
    } else if (key == "gamma") {
      if (i + 2 >= narg) fail("gamma: expects gamma_A gamma_B (J/m^2)");
      opt.gamma_A_J_m2 = parse_double(narg, arg, i);
      opt.gamma_B_J_m2 = parse_double(narg, arg, i + 1);
      i += 3;
    } else if (key == "elements") {
      while (++i < narg && is_element_word(arg[i])) elements.emplace_back(arg[i]);
    } else fail(fmt::format("unknown keyword '{}'", key));
  }
  const int bit_a = group_bit(group_a, "group-A");
  const int bit_b = group_bit(group_b, "group-B");
  const int frozen_bit = frozen_group.empty() ? 0 : group_bit(frozen_group, "fix");
  for (int i = 0; i < atom->nlocal; ++i)
    if ((atom->mask[i] & bit_a) && (atom->mask[i] & bit_b))
      fail(fmt::format("group-B: atom {} is in both '{}' and '{}'", atom->tag[i], group_a, group_b));
  require_slab(bit_a | bit_b, "group-A");
  const auto types = type_elements(elements);

  const HostSnapshot host = save_host();
  std::vector<int> tags;
  const Structure s = structure_of_group(bit_a | bit_b, frozen_bit, types, &tags);
  std::vector<bool> in_b(s.size());
  for (int i = 0; i < atom->nlocal; ++i)
    if (atom->mask[i] & bit_b) {
      const auto it = std::lower_bound(tags.begin(), tags.end(), static_cast<int>(atom->tag[i]));
      in_b[static_cast<std::size_t>(it - tags.begin())] = true;
    }
  AdhesionResult r;
  run_on_host(host, types, [&](Engine& engine) {
    const auto optimizer = make_optimizer(min_style, min_opt);
    opt.optimizer = optimizer.get();
    r = work_of_separation(engine, s, in_b, opt);
  });

  set_variable("nabridge_W_sep_J_m2", r.W_sep_J_m2);
  set_variable("nabridge_W_sep_unrelaxed_J_m2", r.W_sep_unrelaxed_J_m2);
  set_variable("nabridge_area_A2", r.area_A2);
  if (r.gamma_int_J_m2) set_variable("nabridge_gamma_int_J_m2", *r.gamma_int_J_m2);
  if (opt.scan) {
    set_variable("nabridge_uber_W_J_m2", r.uber.W_J_m2);
    set_variable("nabridge_uber_l_A", r.uber.l_A);
    set_variable("nabridge_sigma_max_GPa", r.uber.sigma_max_GPa);
  }
  log(fmt::format(
      "{}: W_sep = {:.6f} J/m^2 (unrelaxed {:.6f}), area {:.4f} A^2{}\n", name_, r.W_sep_J_m2, r.W_sep_unrelaxed_J_m2,
      r.area_A2,
      opt.scan ? fmt::format("; UBER W = {:.6f} J/m^2, l = {:.4f} A, sigma_max = {:.4f} GPa, rmse = {:.3f} mJ/m^2{}",
                             r.uber.W_J_m2, r.uber.l_A, r.uber.sigma_max_GPa, r.uber.rmse_mJ_m2,
                             r.uber.converged ? "" : " (fit NOT converged)")
               : std::string()));
  if (!json_path.empty()) {
    nlohmann::json j{{"command", name_},
                     {"W_sep_J_m2", r.W_sep_J_m2},
                     {"W_sep_unrelaxed_J_m2", r.W_sep_unrelaxed_J_m2},
                     {"area_A2", r.area_A2},
                     {"contact_separation_A", r.contact_separation_A},
                     {"energy_AB_eV", r.energy_AB_eV},
                     {"energy_A_eV", r.energy_A_eV},
                     {"energy_B_eV", r.energy_B_eV},
                     {"relaxed", opt.relax}};
    if (r.gamma_int_J_m2) j["gamma_int_J_m2"] = *r.gamma_int_J_m2;
    if (opt.scan) {
      j["uber"] = {{"W_J_m2", r.uber.W_J_m2},         {"l_A", r.uber.l_A},
                   {"d0_A", r.uber.d0_A},             {"sigma_max_GPa", r.uber.sigma_max_GPa},
                   {"rmse_mJ_m2", r.uber.rmse_mJ_m2}, {"converged", r.uber.converged}};
      j["curve"] = nlohmann::json::array();
      for (const auto& [d, e] : r.curve) j["curve"].push_back({d, e});
    }
    write_json(json_path, j);
  }
}

}  // namespace nabridge
