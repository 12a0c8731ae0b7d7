#pragma once
// LammpsEngine: an Engine backed by a LAMMPS instance, either embedded (its own instance built
// from a PotentialSpec) or attached to the instance a nabridge/* command runs in. Repeated
// evaluation avoids `run 0`: positions are copied in, the neighbour list is rebuilt only once an
// atom moved more than half the skin, then pair->compute and reverse communication.
#include <memory>

#include "core/engine.h"
#include "core/potential_spec.h"

namespace LAMMPS_NS {
class LAMMPS;
}

namespace nabridge {

/// Embedded instance (MPI_COMM_SELF; MPI initialised on first use). LAMMPS errors exit the
/// process (Debian's LAMMPS has no exceptions): run untrusted setups in a worker process.
std::unique_ptr<Engine> make_lammps_engine(const PotentialSpec& potential);

}  // namespace nabridge
