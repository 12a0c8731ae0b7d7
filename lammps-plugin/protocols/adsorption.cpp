#include "protocols/adsorption.h"

#include <limits>
#include <stdexcept>

#include "protocols/common.h"
#include "protocols/host_tear.h"
#include "symmetry/site_images.h"

namespace nabridge {

std::string landing_site(const Structure& slab, const std::vector<AdsorptionSite>& sites,
                         const std::vector<std::vector<Vec3>>& copies, const Vec3& start, const Vec3& r,
                         double tol) {
  if (lateral_distance_A(slab, start, r) <= tol) return "";
  return sites[nearest_site(slab, copies, r).index].label;
}

namespace {

/// The adatom (atom `ad` of `start`) relaxed from on its site and, with break_symmetry, from 0.13 Å
/// off it: the lower of the two.
struct SiteRelaxation {
  OptimizerResult relax;
  Structure structure;
  double symmetry_broken_gain_eV = 0.0;
};

SiteRelaxation relax_adatom(Engine& engine, const Structure& start, std::size_t ad, const AdsorptionOptions& opt) {
  SiteRelaxation out{{}, start, 0.0};  // the relaxed geometry must not leak into the next site
  out.relax = relax_structure(engine, out.structure, opt.optimizer);
  if (opt.break_symmetry && !opt.fix_lateral) {
    Structure off = start;
    off.positions.col(static_cast<Eigen::Index>(ad)) += kOffSiteStart_A;
    const OptimizerResult o = relax_structure(engine, off, opt.optimizer);
    if (o.energy_eV < out.relax.energy_eV - 1e-3) {
      out.symmetry_broken_gain_eV = out.relax.energy_eV - o.energy_eV;
      out.relax = o;
      out.structure = std::move(off);
    }
  }
  return out;
}

}  // namespace

AdsorptionResult adsorption_scan(Engine& engine, Structure slab, const std::vector<AdsorptionSite>& sites,
                                 const AdsorptionOptions& opt) {
  require_periodic_slab(slab, "adsorption");
  if (sites.empty()) throw std::invalid_argument("adsorption: the site list is empty");
  if (opt.element.empty()) throw std::invalid_argument("adsorption: 'element' is empty");
  // Symmetry of the slab as given (builders produce exact positions; relaxation keeps them).
  const auto copies = equivalent_site_positions(slab, sites, opt.sites);

  AdsorptionResult res;
  if (opt.relax) {
    res.slab_relax = relax_structure(engine, slab, opt.optimizer);
    res.slab_energy_eV = res.slab_relax.energy_eV;
  } else {
    res.slab_energy_eV = engine.energy(slab);
  }

  res.slab = slab;
  const std::size_t ad = slab.size();  // index of the adatom
  std::vector<bool> guest(ad + 1, false);
  guest.back() = true;
  for (const AdsorptionSite& site : sites) {
    AdsorptionSiteResult r;
    r.site = site;
    const Vec3 start = site.position_A + Vec3(0, 0, opt.height_A);
    slab.add_atom(opt.element, start, opt.fix_lateral ? dof::kZ : dof::kAll);
    double e_total = 0.0;
    if (opt.relax) {
      SiteRelaxation s = relax_adatom(engine, opt.hold_host ? with_host_held(slab, guest, res.slab) : slab, ad, opt);
      r.host_move = largest_host_displacement(s.structure, guest, res.slab);
      if (!opt.hold_host && r.host_move.moved_A > opt.host_tear_bound_A) {
        r.torn_host = TornHost{s.relax.energy_eV - res.slab_energy_eV - opt.e_isolated_eV};
        s = relax_adatom(engine, with_host_held(slab, guest, res.slab), ad, opt);
      }
      e_total = s.relax.energy_eV;
      r.relax = s.relax;
      r.symmetry_broken_gain_eV = s.symmetry_broken_gain_eV;
      r.final_position_A = s.structure.positions.col(static_cast<Eigen::Index>(ad));
      r.structure = std::move(s.structure);
    } else {
      e_total = engine.energy(slab);
      r.final_position_A = start;
      r.structure = slab;
    }
    slab.remove_atom(ad);
    r.E_bind_eV = e_total - res.slab_energy_eV - opt.e_isolated_eV;
    r.E_ads_eV = e_total - res.slab_energy_eV - opt.mu_eV;
    r.moved_to = landing_site(slab, sites, copies, start, r.final_position_A, opt.moved_tol_A);
    res.sites.push_back(std::move(r));
  }
  for (std::size_t k = 1; k < res.sites.size(); ++k) {
    if (res.sites[k].E_bind_eV < res.sites[res.most_stable].E_bind_eV) res.most_stable = k;
    if (res.sites[k].on_site_E_bind_eV() < res.sites[res.most_stable_on_site].on_site_E_bind_eV())
      res.most_stable_on_site = k;
  }
  return res;
}

}  // namespace nabridge
