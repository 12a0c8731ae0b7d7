#include "protocols/common.h"

#include <stdexcept>
#include <string>

#include "optimize/fire.h"

namespace nabridge {

OptimizerResult relax_structure(Engine& engine, Structure& s, Optimizer* optimizer) {
  if (optimizer) return optimizer->minimize(engine, s);
  Fire fire;
  return fire.minimize(engine, s);
}

void require_periodic_slab(const Structure& s, const char* what) {
  if (s.size() == 0) throw std::invalid_argument(std::string(what) + ": the structure has no atoms");
  if (!s.pbc[0] || !s.pbc[1])
    throw std::invalid_argument(std::string(what) +
                                ": the cell must be periodic along a and b (the surface plane)");
  s.validate();
}

}  // namespace nabridge
