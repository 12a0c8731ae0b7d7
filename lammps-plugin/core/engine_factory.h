#pragma once
// A function that builds a fresh Engine for a potential. Code that needs engines of its own (a
// potential's validation, the workflow's tasks) is given one, so production passes the LAMMPS
// engine's and a test an analytic engine's, and the same code runs on both.
#include <functional>
#include <memory>

#include "core/engine.h"
#include "core/potential_spec.h"

namespace nabridge {

using EngineFactory = std::function<std::unique_ptr<Engine>(const PotentialSpec&)>;

}  // namespace nabridge
