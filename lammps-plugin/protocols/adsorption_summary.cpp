#include "protocols/adsorption_summary.h"

#include <algorithm>
#include <cmath>

#include "optimize/fire.h"
#include "protocols/adsorption.h"
#include "protocols/isolated_atom.h"
#include "symmetry/sites.h"

namespace nabridge {

AdsorptionSummary adsorption_summary(Engine& engine, const Slab& slab, const std::string& element, double mu_eV) {
  const auto sites = find_adsorption_sites(slab.structure);
  OptimizerOptions fo;
  fo.fmax_eV_A = 1e-3;
  fo.max_steps = 5000;
  Fire fire(fo);
  AdsorptionOptions opt;
  opt.element = element;
  opt.height_A = 2.5;
  opt.mu_eV = std::isfinite(mu_eV) ? mu_eV : 0.0;
  opt.e_isolated_eV = isolated_atom_energy_eV(engine, element);
  opt.optimizer = &fire;
  const AdsorptionResult ar = adsorption_scan(engine, slab.structure, sites, opt);
  AdsorptionSummary r;
  r.sites = ar.sites.size();
  for (const auto& s : ar.sites) r.all_sites.emplace_back(s.site.label, s.E_bind_eV);
  // The lowest state of all starts (each site relaxed from on it and from off it).
  const auto& best = ar.sites.at(ar.most_stable);
  r.below_symmetric_eV = ar.sites.at(ar.most_stable_on_site).on_site_E_bind_eV() - best.E_bind_eV;
  r.site = best.landed_label();
  r.E_bind_eV = best.E_bind_eV;
  r.E_ads_eV = std::isfinite(mu_eV) ? best.E_ads_eV : AdsorptionSummary::kNaN;
  r.stayed = best.moved_to.empty();
  r.converged = best.relax.converged;
  const int top = *std::max_element(slab.layer_of_atom.begin(), slab.layer_of_atom.end());
  double z_top = 0.0;
  int n_top = 0;
  for (std::size_t i = 0; i < slab.structure.size(); ++i)
    if (slab.layer_of_atom[i] == top) z_top += slab.structure.positions(2, static_cast<Eigen::Index>(i)), ++n_top;
  r.height_A = best.final_position_A.z() - z_top / n_top;
  Vec3 d = best.final_position_A - best.site.position_A;
  d.z() = 0;
  r.lateral_shift_A = minimum_image(slab.structure, d).norm();  // from the start site
  r.adatom_on_slab = slab.structure;
  r.adatom_on_slab.add_atom(element, best.final_position_A);
  return r;
}

double nearest_distance_A(const Structure& s, const std::string& element) {
  const Eigen::Index last = static_cast<Eigen::Index>(s.size()) - 1;
  double d = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < last; ++i)
    if (s.species[static_cast<std::size_t>(i)] == element)
      d = std::min(d, minimum_image(s, s.positions.col(i) - s.positions.col(last)).norm());
  return d;
}

}  // namespace nabridge
