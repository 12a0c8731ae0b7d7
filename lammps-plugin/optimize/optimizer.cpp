#include "optimize/optimizer.h"

#include <stdexcept>

#include "optimize/fire.h"
#include "optimize/lbfgs.h"

namespace nabridge {

void project_to_free(const Structure& s, Positions& v) {
  for (Eigen::Index i = 0; i < v.cols(); ++i) {
    const std::uint8_t m = s.free_dofs[static_cast<std::size_t>(i)];
    if (m == dof::kAll) continue;
    if (!(m & dof::kX)) v(0, i) = 0.0;
    if (!(m & dof::kY)) v(1, i) = 0.0;
    if (!(m & dof::kZ)) v(2, i) = 0.0;
  }
}

double max_atom_norm(const Positions& v) {
  return v.cols() == 0 ? 0.0 : v.colwise().norm().maxCoeff();
}

std::unique_ptr<Optimizer> make_optimizer(const std::string& name, const OptimizerOptions& opt) {
  if (name == "fire") return std::make_unique<Fire>(opt);
  if (name == "lbfgs") return std::make_unique<Lbfgs>(opt);
  throw std::invalid_argument("optimizer: unknown name '" + name + "' (known: fire, lbfgs)");
}

}  // namespace nabridge
