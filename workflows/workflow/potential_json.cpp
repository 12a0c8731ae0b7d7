#include "workflow/potential_json.h"

namespace nabridge::workflow {

nlohmann::json to_json(const PotentialSpec& p) {
  return {{"id", p.id},       {"elements", p.elements},   {"masses_amu", p.masses_amu}, {"init_commands", p.init_commands},
          {"commands", p.commands}, {"files", p.files}, {"charges_e", p.charges_e},   {"units", p.units}};
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
  return p;
}

}  // namespace nabridge::workflow
