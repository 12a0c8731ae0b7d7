#include "protocols/adsorption.h"

#include <limits>
#include <stdexcept>

#include "protocols/common.h"
#include "symmetry/site_images.h"

namespace nabridge {

namespace {

/// Label of the site copy laterally nearest to r, or "" if r is within tol of start.
std::string landing_site(const Structure& slab, const std::vector<AdsorptionSite>& sites,
                         const std::vector<std::vector<Vec3>>& copies, const Vec3& start, const Vec3& r,
                         double tol) {
  if (lateral_distance_A(slab, start, r) <= tol) return "";
  return sites[nearest_site(slab, copies, r).index].label;
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
  for (const AdsorptionSite& site : sites) {
    AdsorptionSiteResult r;
    r.site = site;
    const Vec3 start = site.position_A + Vec3(0, 0, opt.height_A);
    slab.add_atom(opt.element, start, opt.fix_lateral ? dof::kZ : dof::kAll);
    double e_total = 0.0;
    if (opt.relax) {
      Structure work = slab;  // the relaxed geometry must not leak into the next site
      r.relax = relax_structure(engine, work, opt.optimizer);
      e_total = r.relax.energy_eV;
      r.final_position_A = work.positions.col(static_cast<Eigen::Index>(ad));
      r.structure = std::move(work);
      if (opt.break_symmetry && !opt.fix_lateral) {
        Structure off = slab;
        off.positions.col(static_cast<Eigen::Index>(ad)) += kOffSiteStart_A;
        const OptimizerResult o = relax_structure(engine, off, opt.optimizer);
        if (o.energy_eV < e_total - 1e-3) {
          r.symmetry_broken_gain_eV = e_total - o.energy_eV;
          r.relax = o;
          e_total = o.energy_eV;
          r.final_position_A = off.positions.col(static_cast<Eigen::Index>(ad));
          r.structure = std::move(off);
        }
      }
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
