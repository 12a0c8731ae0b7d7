#pragma once
// Named properties of a pure element under one Zhou parameter set, evaluated with the analytic
// EamEngine: the quantities the element fit targets and reports. Names (units in the name):
//   a0_A, Ec_eV, B_GPa, C11_GPa, C12_GPa, C44_GPa, Cprime_GPa, G_VRH_GPa, E_VRH_GPa, Ev_eV,
//   gamma100_J_m2, gamma110_J_m2, gamma111_J_m2,
//   dE_fcc_eV / dE_bcc_eV (energy per atom of that lattice at its own optimum minus the
//   reference lattice's).
#include <map>
#include <set>
#include <string>

#include "potentials/zhou_eam.h"

namespace nabridge::potentials {

/// Every property name above; unknown names are rejected with the list.
const std::set<std::string>& element_property_names();
void require_element_property(const std::string& name, const std::string& where);

struct ElementPropertyOptions {
  bool relax = true;          // relaxed vacancy and surfaces (false: unrelaxed, smooth in parameters)
  int vacancy_reps = 4;       // cubic supercell of the conventional cell
  double cutoff_A = 0.0;      // 0: the model's default
  double surface_thickness_A = 16.0;
};

/// Computes the requested properties (others are skipped, cheap ones always come along).
std::map<std::string, double> element_properties(const ZhouElement& e, const std::set<std::string>& wanted,
                                                 const ElementPropertyOptions& opt = {});

}  // namespace nabridge::potentials
