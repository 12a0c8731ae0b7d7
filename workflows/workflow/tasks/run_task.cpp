#include <functional>
#include <map>
#include <stdexcept>

#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

nlohmann::json run_task(const std::string& type, const TaskContext& ctx) {
  static const std::map<std::string, std::function<nlohmann::json(const TaskContext&)>> table{
      {"na_bulk", run_na_bulk_task}, {"na_vacancy", run_na_vacancy_task}, {"bulk", run_bulk_task},
      {"surface", run_surface_task}, {"adsorption", run_adsorption_task}, {"hops", run_hops_task},
      {"adhesion", run_adhesion_task}, {"polarization", run_polarization_task},
      {"polar_surface", run_polar_surface_task}, {"polar_film", run_polar_film_task}, {"table", run_table_task},
      {"mesoscale", run_mesoscale_task}};
  const auto it = table.find(type);
  if (it == table.end()) throw std::invalid_argument("unknown task type '" + type + "'");
  return it->second(ctx);
}

}  // namespace nabridge::workflow
