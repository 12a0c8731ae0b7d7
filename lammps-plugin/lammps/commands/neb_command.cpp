#include "commands/neb_command.h"

#include <fmt/format.h>

#include <limits>

#include "atom.h"
#include "domain.h"
#include "protocols/neb.h"
#include "symmetry/sites.h"

namespace nabridge {

NebCommand::Args NebCommand::parse(int narg, char** arg) {
  if (narg < 2)
    fail("syntax: nabridge/neb group-ID atom ID final x y z [keyword value ...] | "
         "nabridge/neb group-ID hop L1 L2 type T ...");
  Args a;
  a.group_id = arg[0];
  a.mode = arg[1];
  int i = 2;
  if (a.mode == "atom") {
    if (narg < 7 || std::string(arg[3]) != "final") fail("atom: expects 'atom ID final x y z'");
    a.moving_tag = parse_int(narg, arg, 1, 1, std::numeric_limits<int>::max());  // parse_* read the value after index i
    a.final_box = Vec3(parse_double(narg, arg, 3), parse_double(narg, arg, 4), parse_double(narg, arg, 5));
    i = 7;
  } else if (a.mode == "hop") {
    if (narg < 4) fail("hop: expects 'hop LABEL1 LABEL2'");
    a.label_from = arg[2], a.label_to = arg[3];
    i = 4;
  } else {
    fail(fmt::format("unknown mode '{}' (atom or hop)", a.mode));
  }
  while (i < narg) parse_keyword(narg, arg, i, a);
  if (a.opt.images < 1) fail("images: must be >= 1");
  if (!(a.opt.fmax_eV_A > 0)) fail("fmax: must be > 0");
  if (!(a.opt.max_step_A > 0)) fail("maxstep: must be > 0");
  return a;
}

void NebCommand::parse_keyword(int narg, char** arg, int& i, Args& a) {
  NebOptions& opt = a.opt;
  // min, fmax and maxsteps as in the other relaxing commands, here for the band.
  OptimizerOptions band;
  band.fmax_eV_A = opt.fmax_eV_A;
  band.max_steps = opt.max_steps;
  if (parse_minimizer_keyword(narg, arg, i, band, opt.optimizer)) {
    opt.fmax_eV_A = band.fmax_eV_A;
    opt.max_steps = band.max_steps;
    return;
  }
  const std::string key = arg[i];
  if (key == "images") opt.images = parse_int(narg, arg, i, 1, 64), i += 2;
  else if (key == "interp") {
    opt.interpolation = parse_word(narg, arg, i);
    if (opt.interpolation != "idpp" && opt.interpolation != "linear") fail("interp: expects idpp or linear");
    i += 2;
  } else if (key == "optimizer") {
    fail("optimizer: the keyword is 'min fire|lbfgs', as in the other nabridge/* commands");
  } else if (key == "maxstep") opt.max_step_A = parse_double(narg, arg, i, 1e-3, 2.0), i += 2;
  else if (key == "spring") opt.spring_eV_A2 = parse_double(narg, arg, i, 1e-3, 100.0), i += 2;
  else if (key == "climb") opt.climb = parse_yes_no(narg, arg, i), i += 2;
  else if (key == "type") a.adatom_type = parse_int(narg, arg, i, 1, atom->ntypes), i += 2;
  else if (key == "height") a.height_A = parse_double(narg, arg, i, kMinHeight_A, 10.0), i += 2;
  else if (key == "fix") a.frozen_group = parse_word(narg, arg, i), i += 2;
  else if (key == "file") a.json_path = parse_word(narg, arg, i), i += 2;
  else if (key == "elements") {
    while (++i < narg && is_element_word(arg[i])) a.elements.emplace_back(arg[i]);
  } else fail(fmt::format("unknown keyword '{}'", key));
}

std::pair<Structure, Structure> NebCommand::endpoints(const Structure& current, const std::vector<int>& tags,
                                                      const std::vector<std::string>& types, const Vec3& boxlo,
                                                      const Args& a) {
  Structure initial = current, final = current;
  if (a.mode == "atom") {
    const auto it = std::find(tags.begin(), tags.end(), a.moving_tag);
    if (it == tags.end())
      throw std::invalid_argument(fmt::format("atom: atom {} is not in group '{}'", a.moving_tag, a.group_id));
    final.positions.col(it - tags.begin()) = a.final_box - boxlo;
    return {initial, final};
  }
  const auto sites = find_adsorption_sites(current);
  auto index = [&](const std::string& label) {
    for (std::size_t k = 0; k < sites.size(); ++k)
      if (sites[k].label == label) return k;
    std::string known;
    for (const auto& s : sites) known += " " + s.label;
    throw std::invalid_argument(fmt::format("hop: no site '{}' on this surface (sites:{})", label, known));
  };
  const std::size_t from = index(a.label_from), to = index(a.label_to);
  const auto hops = find_hops(current, sites, {from, to});
  const SiteHop* hop = nullptr;
  for (const auto& h : hops)
    if ((h.from == from && h.to == to) || (h.from == to && h.to == from)) hop = &h;
  if (!hop)
    throw std::invalid_argument(
        fmt::format("hop: sites '{}' and '{}' are not nearest neighbours", a.label_from, a.label_to));
  const bool forward = hop->from == from;
  const std::string& element = types[static_cast<std::size_t>(a.adatom_type - 1)];
  initial.add_atom(element, (forward ? hop->start_A : hop->end_A) + Vec3(0, 0, a.height_A));
  final.add_atom(element, (forward ? hop->end_A : hop->start_A) + Vec3(0, 0, a.height_A));
  return {initial, final};
}

void NebCommand::report(const NebResult& r, const Args& a, const Vec3& boxlo) {
  set_variable("nabridge_barrier_eV", r.barrier_eV);
  set_variable("nabridge_reverse_barrier_eV", r.reverse_barrier_eV);
  set_variable("nabridge_dE_eV", r.dE_eV);
  set_variable("nabridge_neb_converged", r.converged ? 1.0 : 0.0);
  const Vec3 saddle = r.saddle_A + boxlo;
  log(fmt::format("{}: barrier {:.6f} eV (reverse {:.6f}, dE {:.6f}), {} images, {} iterations, {} force calls, {}{}\n",
                  name_, r.barrier_eV, r.reverse_barrier_eV, r.dE_eV, a.opt.images, r.iterations, r.force_calls,
                  r.converged ? "converged" : "NOT converged", r.message.empty() ? "" : ": " + r.message));
  if (a.json_path.empty()) return;
  nlohmann::json j{{"command", name_}, {"barrier_eV", r.barrier_eV}, {"reverse_barrier_eV", r.reverse_barrier_eV},
                   {"dE_eV", r.dE_eV}, {"converged", r.converged}, {"message", r.message},
                   {"force_calls", r.force_calls}, {"iterations", r.iterations}, {"images", a.opt.images},
                   {"saddle", {{"x", saddle.x()}, {"y", saddle.y()}, {"z", saddle.z()}}}};
  j["path"] = nlohmann::json::array();
  for (std::size_t k = 0; k < r.energy_eV.size(); ++k)
    j["path"].push_back({r.reaction_coordinate_A[k], r.energy_eV[k] - r.energy_eV.front()});
  write_json(a.json_path, j);
}

void NebCommand::command(int narg, char** arg) {
  const Args a = parse(narg, arg);
  const int group_bit_value = group_bit(a.group_id, "group");
  const int frozen_bit = a.frozen_group.empty() ? 0 : group_bit(a.frozen_group, "fix");
  const auto types = type_elements(a.elements);
  if (a.mode == "hop") {
    require_slab(group_bit_value, "group");
    if (a.adatom_type < 1 || a.adatom_type > atom->ntypes)
      fail(fmt::format("type: missing or not an atom type in 1..{}", atom->ntypes));
  }
  const HostSnapshot host = save_host();
  std::vector<int> tags;
  const Structure current = structure_of_group(group_bit_value, frozen_bit, types, &tags);
  const Vec3 boxlo(domain->boxlo[0], domain->boxlo[1], domain->boxlo[2]);
  NebResult r;
  run_on_host(host, types, [&](Engine& engine) {
    const auto [initial, final] = endpoints(current, tags, types, boxlo, a);
    r = run_neb(engine, initial, final, a.opt);
  });
  report(r, a, boxlo);
}

}  // namespace nabridge
