#include "protocols/adhesion.h"

#include <stdexcept>
#include <string>
#include <utility>

#include "protocols/common.h"
#include "protocols/host_tear.h"
#include "protocols/surface_energy.h"

namespace nabridge {

namespace {

/// The atoms i with in_B[i] == want, in the same cell with the same constraints.
Structure part(const Structure& s, const std::vector<bool>& in_B, bool want) {
  Structure p;
  p.cell = s.cell;
  p.pbc = s.pbc;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (in_B[i] == want) p.add_atom(s.species[i], s.positions.col(static_cast<Eigen::Index>(i)), s.free_dofs[i]);
  return p;
}

void check_options(const AdhesionOptions& opt) {
  if (!opt.scan) return;
  if (opt.scan_points < 4)
    throw std::invalid_argument("adhesion: 'scan_points' must be >= 4 to fit UBER (got " +
                                std::to_string(opt.scan_points) + ")");
  if (!(opt.scan_max_A > opt.scan_min_A))
    throw std::invalid_argument("adhesion: 'scan_max_A' must exceed 'scan_min_A'");
}

}  // namespace

AdhesionResult work_of_separation(Engine& engine, const Structure& s, const std::vector<bool>& in_B,
                                  const AdhesionOptions& opt) {
  require_periodic_slab(s, "adhesion");
  check_options(opt);
  if (in_B.size() != s.size())
    throw std::invalid_argument("adhesion: 'in_B' has " + std::to_string(in_B.size()) +
                                " entries but the structure has " + std::to_string(s.size()) + " atoms");
  Structure A = part(s, in_B, false), B = part(s, in_B, true);
  if (A.size() == 0) throw std::invalid_argument("adhesion: part A (atoms not in B) is empty");
  if (B.size() == 0) throw std::invalid_argument("adhesion: part B is empty");
  const double top_A = A.positions.row(2).maxCoeff(), bottom_B = B.positions.row(2).minCoeff();
  if (!(bottom_B > top_A))
    throw std::invalid_argument(
        "adhesion: part B must lie above part A along z (lowest B atom at z = " + std::to_string(bottom_B) +
        " A, highest A atom at z = " + std::to_string(top_A) + " A)");

  AdhesionResult res;
  res.area_A2 = s.area_A2();
  res.contact_separation_A = bottom_B - top_A;
  const double eV_to_J_m2 = kEvPerA2_to_J_per_m2 / res.area_A2;

  const double E_AB0 = engine.energy(s), E_A0 = engine.energy(A), E_B0 = engine.energy(B);
  res.W_sep_unrelaxed_J_m2 = (E_A0 + E_B0 - E_AB0) * eV_to_J_m2;
  res.energy_AB_eV = E_AB0;
  res.energy_A_eV = E_A0;
  res.energy_B_eV = E_B0;
  res.structure_AB = s;
  if (opt.relax) {
    res.relax_AB = relax_structure(engine, res.structure_AB, opt.optimizer);
    res.relax_A = relax_structure(engine, A, opt.optimizer);
    res.relax_B = relax_structure(engine, B, opt.optimizer);
    res.energy_AB_eV = res.relax_AB.energy_eV;
    res.energy_A_eV = res.relax_A.energy_eV;
    res.energy_B_eV = res.relax_B.energy_eV;
    const HostDisplacement moved = largest_host_displacement(res.structure_AB, in_B, A);
    res.max_A_displacement_A = moved.moved_A;
    res.max_A_displacement_atom = moved.atom;
    if (res.max_A_displacement_A > opt.max_A_displacement_A) {
      res.W_sep_A_free_J_m2 = (res.energy_A_eV + res.energy_B_eV - res.energy_AB_eV) * eV_to_J_m2;
      res.structure_AB = with_host_held(s, in_B, A);
      res.relax_AB = relax_structure(engine, res.structure_AB, opt.optimizer);
      res.energy_AB_eV = res.relax_AB.energy_eV;
    }
  }
  res.W_sep_J_m2 = (res.energy_A_eV + res.energy_B_eV - res.energy_AB_eV) * eV_to_J_m2;
  if (opt.gamma_A_J_m2 && opt.gamma_B_J_m2) res.gamma_int_J_m2 = *opt.gamma_A_J_m2 + *opt.gamma_B_J_m2 - res.W_sep_J_m2;

  if (opt.scan) {
    std::vector<double> d, E;
    Structure moved = s;
    for (int k = 0; k < opt.scan_points; ++k) {
      const double shift = opt.scan_min_A + (opt.scan_max_A - opt.scan_min_A) * k / (opt.scan_points - 1);
      for (std::size_t i = 0; i < s.size(); ++i)
        if (in_B[i])
          moved.positions(2, static_cast<Eigen::Index>(i)) = s.positions(2, static_cast<Eigen::Index>(i)) + shift;
      d.push_back(res.contact_separation_A + shift);
      E.push_back((engine.energy(moved) - E_A0 - E_B0) * eV_to_J_m2);
      res.curve.emplace_back(d.back(), E.back());
    }
    res.uber = fit_uber(d, E);
  }
  return res;
}

}  // namespace nabridge
