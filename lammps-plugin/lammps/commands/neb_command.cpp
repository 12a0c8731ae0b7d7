#include "commands/neb_command.h"

#include <fmt/format.h>

#include <limits>

#include "atom.h"
#include "domain.h"
#include "protocols/neb.h"
#include "symmetry/sites.h"

namespace nabridge {

void NebCommand::command(int narg, char** arg) {
  if (narg < 2)
    fail("syntax: nabridge/neb group-ID atom ID final x y z [keyword value ...] | nabridge/neb group-ID hop L1 L2 type T ...");
  const std::string group_id = arg[0];
  const std::string mode = arg[1];
  NebOptions opt;
  std::string frozen_group, json_path, label_from, label_to;
  std::vector<std::string> elements;
  int moving_tag = 0, adatom_type = 0;
  double height_A = 2.0;
  Vec3 final_box;
  int i = 2;
  if (mode == "atom") {
    if (narg < 7 || std::string(arg[3]) != "final") fail("atom: expects 'atom ID final x y z'");
    moving_tag = parse_int(narg, arg, 1, 1, std::numeric_limits<int>::max());  // parse_* read the value after index i
    final_box = Vec3(parse_double(narg, arg, 3), parse_double(narg, arg, 4), parse_double(narg, arg, 5));
    i = 7;
  } else if (mode == "hop") {
    if (narg < 4) fail("hop: expects 'hop LABEL1 LABEL2'");
    label_from = arg[2], label_to = arg[3];
    i = 4;
  } else {
    fail(fmt::format("unknown mode '{}' (atom or hop)", mode));
  }
  for (; i < narg;) {
    const std::string key = arg[i];
    if (key == "images") opt.images = parse_int(narg, arg, i, 1, 64), i += 2;
    else if (key == "interp") {
      opt.interpolation = parse_word(narg, arg, i);
      if (opt.interpolation != "idpp" && opt.interpolation != "linear") fail("interp: expects idpp or linear");
      i += 2;
    } else if (key == "min") {
      opt.optimizer = parse_word(narg, arg, i);
      if (opt.optimizer != "fire" && opt.optimizer != "lbfgs") fail(fmt::format("min: unknown minimiser '{}' (fire or lbfgs)", opt.optimizer));
      i += 2;
    } else if (key == "optimizer") {
      fail("optimizer: the keyword is 'min fire|lbfgs', as in the other nabridge/* commands");
    } else if (key == "maxstep") opt.max_step_A = parse_double(narg, arg, i, 1e-3, 2.0), i += 2;
    else if (key == "spring") opt.spring_eV_A2 = parse_double(narg, arg, i, 1e-3, 100.0), i += 2;
    else if (key == "climb") opt.climb = parse_yes_no(narg, arg, i), i += 2;
    else if (key == "fmax") opt.fmax_eV_A = parse_double(narg, arg, i, kMinFmax_eV_A, 10.0), i += 2;
    else if (key == "maxsteps") opt.max_steps = parse_int(narg, arg, i, 1, 1000000), i += 2;
    else if (key == "type") adatom_type = parse_int(narg, arg, i, 1, atom->ntypes), i += 2;
    else if (key == "height") height_A = parse_double(narg, arg, i, kMinHeight_A, 10.0), i += 2;
    else if (key == "fix") frozen_group = parse_word(narg, arg, i), i += 2;
    else if (key == "file") json_path = parse_word(narg, arg, i), i += 2;
    else if (key == "elements") {
      while (++i < narg && is_element_word(arg[i])) elements.emplace_back(arg[i]);
    } else fail(fmt::format("unknown keyword '{}'", key));
  }
  if (opt.images < 1) fail("images: must be >= 1");
  if (!(opt.fmax_eV_A > 0)) fail("fmax: must be > 0");
  if (!(opt.max_step_A > 0)) fail("maxstep: must be > 0");
  const int group_bit_value = group_bit(group_id, "group");
  const int frozen_bit = frozen_group.empty() ? 0 : group_bit(frozen_group, "fix");
  const auto types = type_elements(elements);
  if (mode == "hop") {
    require_slab(group_bit_value, "group");
    if (adatom_type < 1 || adatom_type > atom->ntypes) fail(fmt::format("type: missing or not an atom type in 1..{}", atom->ntypes));
  }

  const HostSnapshot host = save_host();
  std::vector<int> tags;
  const Structure current = structure_of_group(group_bit_value, frozen_bit, types, &tags);
  const Vec3 boxlo(domain->boxlo[0], domain->boxlo[1], domain->boxlo[2]);
  NebResult r;
  run_on_host(host, types, [&](Engine& engine) {
    Structure initial = current, final = current;
    if (mode == "atom") {
      const auto it = std::find(tags.begin(), tags.end(), moving_tag);
      if (it == tags.end()) throw std::invalid_argument(fmt::format("atom: atom {} is not in group '{}'", moving_tag, group_id));
      final.positions.col(it - tags.begin()) = final_box - boxlo;
    } else {
      const auto sites = find_adsorption_sites(current);
      auto index = [&](const std::string& label) {
        for (std::size_t k = 0; k < sites.size(); ++k)
          if (sites[k].label == label) return k;
        std::string known;
        for (const auto& s : sites) known += " " + s.label;
        throw std::invalid_argument(fmt::format("hop: no site '{}' on this surface (sites:{})", label, known));
      };
      const std::size_t a = index(label_from), b = index(label_to);
      const auto hops = find_hops(current, sites, {a, b});
      const SiteHop* hop = nullptr;
      for (const auto& h : hops)
        if ((h.from == a && h.to == b) || (h.from == b && h.to == a)) hop = &h;
      if (!hop) throw std::invalid_argument(fmt::format("hop: sites '{}' and '{}' are not nearest neighbours", label_from, label_to));
      const bool forward = hop->from == a;
      const std::string& element = types[static_cast<std::size_t>(adatom_type - 1)];
      initial.add_atom(element, (forward ? hop->start_A : hop->end_A) + Vec3(0, 0, height_A));
      final.add_atom(element, (forward ? hop->end_A : hop->start_A) + Vec3(0, 0, height_A));
    }
    r = run_neb(engine, initial, final, opt);
  });

  set_variable("nabridge_barrier_eV", r.barrier_eV);
  set_variable("nabridge_reverse_barrier_eV", r.reverse_barrier_eV);
  set_variable("nabridge_dE_eV", r.dE_eV);
  set_variable("nabridge_neb_converged", r.converged ? 1.0 : 0.0);
  const Vec3 saddle = r.saddle_A + boxlo;
  log(fmt::format("{}: barrier {:.6f} eV (reverse {:.6f}, dE {:.6f}), {} images, {} iterations, {} force calls, {}{}\n", name_,
                  r.barrier_eV, r.reverse_barrier_eV, r.dE_eV, opt.images, r.iterations, r.force_calls,
                  r.converged ? "converged" : "NOT converged", r.message.empty() ? "" : ": " + r.message));
  if (!json_path.empty()) {
    nlohmann::json j{{"command", name_},         {"barrier_eV", r.barrier_eV},   {"reverse_barrier_eV", r.reverse_barrier_eV},
                     {"dE_eV", r.dE_eV},         {"converged", r.converged},     {"message", r.message},
                     {"force_calls", r.force_calls}, {"iterations", r.iterations}, {"images", opt.images},
                     {"saddle", {{"x", saddle.x()}, {"y", saddle.y()}, {"z", saddle.z()}}}};
    j["path"] = nlohmann::json::array();
    for (std::size_t k = 0; k < r.energy_eV.size(); ++k)
      j["path"].push_back({r.reaction_coordinate_A[k], r.energy_eV[k] - r.energy_eV.front()});
    write_json(json_path, j);
  }
}

}  // namespace nabridge
