#include "workflow/potential_json.h"

namespace nabridge::workflow {

nlohmann::json to_json(const PotentialSpec& p) {
  nlohmann::json j{{"id", p.id}, {"elements", p.elements}, {"masses_amu", p.masses_amu},
                   {"init_commands", p.init_commands}, {"commands", p.commands}, {"files", p.files},
                   {"charges_e", p.charges_e}, {"units", p.units}};
  // Only core–shell models carry "shells", so the keys of every other potential's tasks are unchanged.
  for (const auto& [el, s] : p.shells)
    j["shells"][el] = {{"core_charge_e", s.core_charge_e}, {"shell_charge_e", s.shell_charge_e},
                       {"shell_mass_amu", s.shell_mass_amu}, {"k2_eV_A2", s.k2_eV_A2}, {"k4_eV_A4", s.k4_eV_A4}};
  if (p.rigid_ion_dsf_cutoff_A > 0.0)
    j["rigid_ion_coulomb"] = {{"dsf_alpha_per_A", p.rigid_ion_dsf_alpha_per_A}, {"cutoff_A", p.rigid_ion_dsf_cutoff_A}};
  const MetalFilmSpec& m = p.metal_film;
  if (!m.element.empty())
    j["metal_film"] = {
        {"element", m.element}, {"pair_style", m.pair_style}, {"pair_coeff", m.pair_coeff}, {"applied", m.applied}};
  return j;
}

PotentialSpec potential_from_json(const nlohmann::json& j) {
  PotentialSpec p;
  p.id = j.at("id").get<std::string>();
  p.elements = j.at("elements").get<std::vector<std::string>>();
  p.masses_amu = j.at("masses_amu").get<std::map<std::string, double>>();
  p.init_commands = j.at("init_commands").get<std::vector<std::string>>();
  p.commands = j.at("commands").get<std::vector<std::string>>();
  p.files = j.at("files").get<std::vector<std::string>>();
  p.charges_e = j.at("charges_e").get<std::map<std::string, double>>();
  p.units = j.at("units").get<std::string>();
  if (j.contains("shells"))
    for (const auto& [el, s] : j.at("shells").items())
      p.shells[el] = {s.at("core_charge_e").get<double>(), s.at("shell_charge_e").get<double>(),
                      s.at("shell_mass_amu").get<double>(), s.at("k2_eV_A2").get<double>(),
                      s.at("k4_eV_A4").get<double>()};
  if (j.contains("rigid_ion_coulomb")) {
    p.rigid_ion_dsf_alpha_per_A = j.at("rigid_ion_coulomb").at("dsf_alpha_per_A").get<double>();
    p.rigid_ion_dsf_cutoff_A = j.at("rigid_ion_coulomb").at("cutoff_A").get<double>();
  }
  if (j.contains("metal_film")) {
    const auto& m = j.at("metal_film");
    p.metal_film = {m.at("element").get<std::string>(), m.at("pair_style").get<std::string>(),
                    m.at("pair_coeff").get<std::vector<std::string>>(), m.at("applied").get<bool>()};
  }
  return p;
}

}  // namespace nabridge::workflow
