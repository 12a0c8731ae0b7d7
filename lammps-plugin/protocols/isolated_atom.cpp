#include "protocols/isolated_atom.h"

namespace nabridge {

double isolated_atom_energy_eV(Engine& engine, const std::string& element) {
  Structure s;
  s.cell = Mat3::Identity() * kIsolatedAtomBox_A;
  s.add_atom(element, Vec3::Constant(kIsolatedAtomBox_A / 2));
  return engine.energy(s);
}

}  // namespace nabridge
