#pragma once
// A convergence correction of DFT fit targets, shared by the fits that take adsorption points
// (`fit-cross`, potentials/cross_fit.h; `fit-ionic`, potentials/ionic_fit.h):
//   [[dft.shift]] system = "Al111", converged = "Al111-k331", config = "fcc_z2.70"
// in a [[dft]] table adds E_bind(converged, config) − E_bind(system, config) to every point of
// `system`.
#include <string>
#include <vector>

namespace nabridge {
class TomlReader;
}

namespace nabridge::potentials {

/// Measured at one configuration that both systems computed (e.g. the same fcc point with a finer
/// k mesh, or on a thicker slab). Several shifts of one system add (k-points and thickness are
/// assumed separable: docs/dft.md).
struct DftShift {
  std::string system, converged, config;
};

/// The [[dft.shift]] tables of one [[dft]] table whose systems are `systems`; one error naming the
/// file and key for an unknown key, a system not among `systems`, or converged = system.
std::vector<DftShift> read_dft_shifts(const TomlReader& dft, const std::vector<std::string>& systems);

}  // namespace nabridge::potentials
