// hops: CI-NEB for every symmetry-distinct nearest hop of Na between the facet's adsorption
// minima, Vineyard prefactors and the network's surface diffusivity at the campaign's T.
#include <cmath>
#include <fmt/format.h>

#include "protocols/surface_diffusion.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

nlohmann::json neb_path_json(const NebResult& r) {
  nlohmann::json path = nlohmann::json::array();
  for (std::size_t k = 0; k < r.energy_eV.size(); ++k)
    path.push_back({r.reaction_coordinate_A[k], r.energy_eV[k] - r.energy_eV.front()});
  return path;
}

nlohmann::json run_hops_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  auto engine = ctx.engine(p.at("potential"));
  const SurfaceSlab slab =
      make_surface_slab(*engine, p, slab_bulk(p, ctx.input("bulk")), p.at("slab").at("fixed_layers"));
  SurfaceDiffusionOptions opt;
  opt.element = metallic_na_species(p);
  opt.sites = site_options(p);
  opt.height_A = p.at("height_A");
  opt.T_K = p.at("T_K");
  opt.neb.images = p.at("neb_images");
  opt.neb.fmax_eV_A = p.at("neb_fmax_eV_A");
  opt.relax.fmax_eV_A = p.at("slab").at("fmax_eV_A");
  opt.hessian_radius_A = p.at("hessian_radius_A");
  opt.host_tear_bound_A = host_tear_bound_A(p);
  return surface_diffusion_json(*engine, ctx, surface_diffusion(*engine, slab.structure, opt));
}

namespace {

/// One band's numbers, its path and the file of its images, `file` (without extension).
nlohmann::json hop_json(Engine& engine, const TaskContext& ctx, const SurfaceHop& h, const std::string& file) {
  // The band as it ended, one frame per image with its energy (the forces are evaluated again).
  std::vector<XyzFrame> band;
  for (std::size_t k = 0; k < h.neb.images.size(); ++k)
    band.push_back({h.neb.images[k], h.neb.energy_eV.at(k), std::nullopt,
                    {{"hop", h.from + " -> " + h.to}, {"image", std::to_string(k)}}});
  return {{"from", h.from},
          {"to", h.to},
          {"length_A", h.length_A},
          {"barrier_eV", h.neb.barrier_eV},
          {"reverse_barrier_eV", h.neb.reverse_barrier_eV},
          {"dE_eV", h.neb.dE_eV},
          {"converged", h.neb.converged},
          {"message", h.neb.message},
          {"force_calls", h.neb.force_calls},
          {"iterations", h.neb.iterations},
          {"nu_Hz", h.nu_Hz},
          {"nu_valid", h.nu_valid},
          {"channels", h.channels},
          {"path", neb_path_json(h.neb)},
          {"band_structures", write_structures(engine, ctx, file, band)}};
}

}  // namespace

nlohmann::json surface_diffusion_json(Engine& engine, const TaskContext& ctx, const SurfaceDiffusionResult& r) {
  nlohmann::json hops = nlohmann::json::array(), superseded = nlohmann::json::array();
  for (const auto& h : r.hops)
    hops.push_back(hop_json(engine, ctx, h, fmt::format("neb_{}_{}_{}", h.from, h.to, hops.size())));
  for (const auto& s : r.superseded_hops) {
    const SurfaceHop& h = s.hop;
    superseded.push_back(
        hop_json(engine, ctx, h, fmt::format("neb_superseded_{}_{}_{}", h.from, h.to, superseded.size())));
    superseded.back()["why"] = s.why;
  }
  nlohmann::json host_tear;  // null: the host stayed free
  if (r.host_tear)
    host_tear = {{"moved_A", r.host_tear->moved_A},
                 {"atom", r.host_tear->atom},
                 {"band", r.host_tear->band},
                 {"free_host_message", r.host_tear->free_message},
                 {"free_host_Ea_diff_eV",
                  r.host_tear->free_Ea_eV ? nlohmann::json(*r.host_tear->free_Ea_eV) : nlohmann::json()}};
  return {{"minima", r.minima},
          {"unstable", r.unstable},
          {"hops", hops},
          {"superseded_hops", superseded},
          {"host_tear", host_tear},
          {"free_host_max_displacement_A", std::isnan(r.free_host_max_displacement_A)
                                               ? nlohmann::json()
                                               : nlohmann::json(r.free_host_max_displacement_A)},
          {"T_K", r.T_K},           {"complete", r.complete},   {"message", r.message},
          {"Ea_diff_eV", r.Ea_diff_eV}, {"nu0_Hz", r.nu0_Hz},   {"D_s_m2_s", r.D_s_m2_s},
          {"D_min_m2_s", r.D_min_m2_s}, {"D_max_m2_s", r.D_max_m2_s}};
}

}  // namespace nabridge::workflow
