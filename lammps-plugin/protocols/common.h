#pragma once
// Helpers shared by the protocols (not a public API of its own).
#include "optimize/optimizer.h"

namespace nabridge {

OptimizerResult relax_structure(Engine& engine, Structure& s, Optimizer* optimizer);

/// Throws std::invalid_argument("<what>: ...") unless s has atoms and is periodic along a and b.
void require_periodic_slab(const Structure& s, const char* what);

}  // namespace nabridge
