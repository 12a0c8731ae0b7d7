// `nabridge sites`: symmetry-unique adsorption sites (and hops) of a prototype surface, or of a
// slab read from an extended XYZ file (any supercell, e.g. one built by ASE).
//   nabridge sites --prototype fcc --elements Al --a 4.05 --facet 111 [--json] [--hops]
//   nabridge sites --file slab.extxyz [--json] [--hops]
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli/commands.h"
#include "structure/io.h"
#include "structure/prototypes.h"
#include "structure/slab.h"
#include "symmetry/sites.h"

namespace nabridge::cli {

namespace {
struct SitesArgs {
  std::string file, prototype, facet = "111", termination;
  std::vector<std::string> elements;
  double a_A = 0, c_A = 0;
  int layers = 6;
  bool json = false, hops = false;
};

Eigen::Vector3i parse_facet(const std::string& facet) {
  // "111", "1-10" or "1,1,0": three Miller indices, each optionally negative.
  std::vector<int> idx;
  for (std::size_t i = 0; i < facet.size(); ++i) {
    if (facet[i] == ',' || facet[i] == ' ') continue;
    int sign = 1;
    if (facet[i] == '-') {
      sign = -1;
      if (++i >= facet.size()) break;
    }
    if (!std::isdigit(static_cast<unsigned char>(facet[i])))
      throw std::invalid_argument("sites: --facet '" + facet + "' is not three Miller indices like 111 or 1-10");
    idx.push_back(sign * (facet[i] - '0'));
  }
  if (idx.size() != 3)
    throw std::invalid_argument("sites: --facet '" + facet + "' is not three Miller indices like 111 or 1-10");
  return {idx[0], idx[1], idx[2]};
}

/// The slab the sites are asked of: the file as given, or a prototype cut along the facet.
struct SiteSlab {
  Structure structure;
  std::vector<std::string> terminations;  // offered by the facet (prototype slabs only)
  std::string title;
};

SiteSlab site_slab(const SitesArgs& args) {
  if (!args.file.empty()) return {read_extxyz(args.file), {}, args.file};
  if (args.prototype.empty() || args.elements.empty() || !(args.a_A > 0))
    throw std::invalid_argument("sites: give --file, or --prototype, --elements and --a");
  const Structure bulk = bulk_prototype(args.prototype, args.elements, args.a_A, args.c_A);
  SlabSpec spec;
  spec.miller = parse_facet(args.facet);
  spec.layers = args.layers;
  spec.termination = args.termination;
  const Slab slab = make_slab(bulk, spec);
  return {slab.structure, slab.terminations,
          fmt::format("{} {} ({}) a = {} A", args.prototype, fmt::join(args.elements, "-"), args.facet, args.a_A)};
}

void run_sites(const SitesArgs& args) {
  const SiteSlab slab = site_slab(args);
  const auto sites = find_adsorption_sites(slab.structure);
  std::vector<std::size_t> all(sites.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const auto hops = args.hops ? find_hops(slab.structure, sites, all) : std::vector<SiteHop>{};

  if (args.json) {
    nlohmann::json j{{"atoms", slab.structure.size()}, {"area_A2", slab.structure.area_A2()}};
    if (!args.file.empty()) j["file"] = args.file;
    else
      j.update({{"prototype", args.prototype}, {"elements", args.elements}, {"a_A", args.a_A}, {"facet", args.facet},
                {"termination", args.termination}, {"terminations_available", slab.terminations}});
    j["sites"] = nlohmann::json::array();
    for (const auto& s : sites)
      j["sites"].push_back({{"label", s.label}, {"x_A", s.position_A.x()}, {"y_A", s.position_A.y()},
                            {"z_A", s.position_A.z()}, {"multiplicity", s.multiplicity},
                            {"coordination", s.coordination}});
    if (args.hops) {
      j["hops"] = nlohmann::json::array();
      for (const auto& h : hops)
        j["hops"].push_back({{"from", sites[h.from].label}, {"to", sites[h.to].label}, {"length_A", h.length_A},
                             {"start_A", {h.start_A.x(), h.start_A.y(), h.start_A.z()}},
                             {"end_A", {h.end_A.x(), h.end_A.y(), h.end_A.z()}}});
    }
    std::cout << j.dump(2) << '\n';
    return;
  }
  fmt::print("{}: {} atoms, surface cell {:.4f} A^2{}\n", slab.title, slab.structure.size(), slab.structure.area_A2(),
             slab.terminations.empty() ? "" : fmt::format(", terminations: {}", fmt::join(slab.terminations, ", ")));
  fmt::print("{:<16} {:>10} {:>10} {:>10} {:>13}\n", "site", "x_A", "y_A", "z_A", "multiplicity");
  for (const auto& s : sites)
    fmt::print("{:<16} {:>10.4f} {:>10.4f} {:>10.4f} {:>13}\n", s.label, s.position_A.x(), s.position_A.y(),
               s.position_A.z(), s.multiplicity);
  if (args.hops) {
    fmt::print("\nnearest hops (between any sites; pass minima to the NEB protocol)\n");
    for (const auto& h : hops)
      fmt::print("{:<16} -> {:<16} {:8.4f} A\n", sites[h.from].label, sites[h.to].label, h.length_A);
  }
}
}  // namespace

void add_sites_command(CLI::App& app) {
  auto args = std::make_shared<SitesArgs>();
  auto* cmd =
      app.add_subcommand("sites", "Print the symmetry-unique adsorption sites of a prototype surface or a slab file");
  auto* file = cmd->add_option("--file", args->file, "slab as extended XYZ (surface normal along z, vacuum above)");
  cmd->add_option("--prototype", args->prototype, "fcc, bcc, perovskite or rocksalt")->excludes(file);
  cmd->add_option("--elements", args->elements, "element(s): X (fcc/bcc), A B O (perovskite), cation anion (rocksalt)")
      ->excludes(file);
  cmd->add_option("--a", args->a_A, "lattice constant a (A)")->excludes(file);
  cmd->add_option("--c", args->c_A, "lattice constant c (A, tetragonal perovskite; default a)");
  cmd->add_option("--facet", args->facet, "Miller indices, e.g. 111, 110, 1-10")->capture_default_str();
  cmd->add_option("--termination", args->termination, "top-layer composition, e.g. TiO2 or BaO");
  cmd->add_option("--layers", args->layers, "atomic layers of the slab")->capture_default_str();
  cmd->add_flag("--json", args->json, "print JSON instead of a table");
  cmd->add_flag("--hops", args->hops, "also list the symmetry-distinct nearest hops");
  cmd->callback([args] { run_sites(*args); });
}

}  // namespace nabridge::cli
