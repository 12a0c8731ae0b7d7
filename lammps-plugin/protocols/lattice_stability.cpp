#include "protocols/lattice_stability.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

#include "nabridge/base/constants.h"
#include "optimize/lbfgs.h"
#include "protocols/cell_relax.h"
#include "structure/slab.h"

namespace nabridge {

double CubicElasticConstants::G_VRH_GPa() const {
  const double cp2 = C11_GPa - C12_GPa;
  const double gv = (cp2 + 3 * C44_GPa) / 5;
  const double gr = 5 * cp2 * C44_GPa / (4 * C44_GPa + 3 * cp2);
  return 0.5 * (gv + gr);
}

namespace {

void require_periodic(const Structure& s, const char* what) {
  if (s.size() == 0) throw std::invalid_argument(std::string(what) + ": the structure has no atoms");
  if (!(s.pbc[0] && s.pbc[1] && s.pbc[2]))
    throw std::invalid_argument(std::string(what) + ": the crystal must be periodic along a, b and c");
  s.validate();
}

/// L-BFGS to |f| < 1e-5 eV/Å: the energy error of a relaxed cell is then ~|f|²/k ≈ 1e-10 eV, far
/// below an elastic energy of ~1e-4 eV at strain 1e-3.
Lbfgs tight_lbfgs() { return Lbfgs(OptimizerOptions{1e-5, 5000, 0.1}); }

Structure strained(const Structure& s, const Mat3& eps) {
  Structure t = s;
  const Mat3 f = Mat3::Identity() + eps;
  t.cell = f * s.cell;
  t.positions = f * s.positions;
  return t;
}

/// Uniform in (0, 1) from the raw 32-bit output of mt19937 (whose sequence the standard fixes; the
/// std distributions are implementation-defined).
double uniform01(std::mt19937& rng) { return (static_cast<double>(rng()) + 0.5) / 4294967296.0; }

/// A uniformly random unit vector (rejection from the cube).
Vec3 random_direction(std::mt19937& rng) {
  while (true) {
    const Vec3 v(2 * uniform01(rng) - 1, 2 * uniform01(rng) - 1, 2 * uniform01(rng) - 1);
    const double n = v.norm();
    if (n > 1e-3 && n <= 1.0) return v / n;
  }
}
}  // namespace

CubicElasticConstants cubic_elastic(Engine& engine, const Structure& s, const ElasticOptions& opt) {
  require_periodic(s, "cubic elastic constants");
  const double e = opt.strain;
  if (!(e > 0)) throw std::invalid_argument("cubic elastic constants: 'strain' must be > 0");
  Lbfgs fallback = tight_lbfgs();
  Optimizer* optimizer = opt.optimizer ? opt.optimizer : &fallback;
  auto energy = [&](const Structure& cell) {
    if (!opt.relax_ions) return engine.energy(cell);
    Structure r = cell;
    return optimizer->minimize(engine, r).energy_eV;
  };
  const double e0 = energy(s);
  // (E(+e) + E(−e) − 2E0) / V0 for the strain pattern.
  auto curvature = [&](const Mat3& pattern) {
    return (energy(strained(s, e * pattern)) + energy(strained(s, -e * pattern)) - 2 * e0) / s.volume_A3();
  };
  Mat3 xx = Mat3::Zero(), xxyy = Mat3::Zero(), xy = Mat3::Zero();
  xx(0, 0) = 1;
  xxyy(0, 0) = xxyy(1, 1) = 1;
  xy(0, 1) = xy(1, 0) = 1;
  CubicElasticConstants c;
  c.relaxed_ions = opt.relax_ions;
  c.C11_GPa = curvature(xx) / (e * e) * kEvPerA3_to_GPa;
  c.C12_GPa = curvature(xxyy) / (2 * e * e) * kEvPerA3_to_GPa - c.C11_GPa;
  c.C44_GPa = curvature(xy) / (4 * e * e) * kEvPerA3_to_GPa;
  return c;
}

std::vector<BornCriterion> born_criteria(const CubicElasticConstants& c) {
  const double a = c.C11_GPa - c.C12_GPa, b = c.C44_GPa, d = c.C11_GPa + 2 * c.C12_GPa;
  return {{"C11 - C12 > 0", a, a > 0}, {"C44 > 0", b, b > 0}, {"C11 + 2 C12 > 0", d, d > 0}};
}

RandomDisplacementResult random_displacement_test(Engine& engine, const Structure& cell,
                                                  const RandomDisplacementOptions& opt) {
  require_periodic(cell, "random-displacement test");
  if (!(opt.amplitude_A > 0)) throw std::invalid_argument("random-displacement test: 'amplitude_A' must be > 0");
  if (!(opt.strain_amplitude >= 0))
    throw std::invalid_argument("random-displacement test: 'strain_amplitude' must be >= 0");
  if (!(opt.threshold_meV > 0)) throw std::invalid_argument("random-displacement test: 'threshold_meV' must be > 0");
  Lbfgs fallback = tight_lbfgs();
  Optimizer* optimizer = opt.optimizer ? opt.optimizer : &fallback;

  RandomDisplacementResult r;
  r.amplitude_A = opt.amplitude_A;
  r.threshold_meV = opt.threshold_meV;
  r.reps = 2;
  while (cell.size() * static_cast<std::size_t>(r.reps * r.reps * r.reps) < static_cast<std::size_t>(opt.min_atoms))
    r.reps += 2;
  const Structure ideal = repeat(cell, r.reps, r.reps, r.reps);
  r.natoms = ideal.size();
  const double n = static_cast<double>(r.natoms);
  const Evaluation e_ideal = engine.evaluate(ideal, opt.relax_cell);
  r.e_ideal_eV_per_atom = e_ideal.energy_eV / n;

  std::mt19937 rng(opt.seed);
  Structure s = ideal;
  for (Eigen::Index i = 0; i < s.positions.cols(); ++i) s.positions.col(i) += opt.amplitude_A * random_direction(rng);
  const OptimizerResult pr = optimizer->minimize(engine, s);
  r.converged = pr.converged;
  r.dE_positions_meV = 1e3 * (pr.energy_eV - e_ideal.energy_eV) / n;

  if (opt.relax_cell && e_ideal.virial_eV) {
    Mat3 eps = Mat3::Zero();
    for (int i = 0; i < 3; ++i)
      for (int j = i; j < 3; ++j) eps(i, j) = eps(j, i) = opt.strain_amplitude * (2 * uniform01(rng) - 1);
    CellShapeOptions co;
    co.optimizer = optimizer;
    const CellRelaxResult cr = relax_cell_shape(engine, strained(s, eps), co);
    r.converged = r.converged && cr.converged;
    r.dE_cell_meV = 1e3 * (cr.energy_eV - e_ideal.energy_eV) / n;
    s = cr.structure;
  }

  // Distance from the ideal crystal: Green–Lagrange strain of the cell (rotation-free) and the
  // atoms' fractional displacements expressed in the ideal cell, net translation removed.
  const Mat3 f = s.cell * ideal.cell.inverse();
  r.max_strain = (0.5 * (f.transpose() * f - Mat3::Identity())).cwiseAbs().maxCoeff();
  Positions d = s.cell.inverse() * s.positions - ideal.cell.inverse() * ideal.positions;
  d = d.array() - d.array().round();  // periodic images of the same site
  d = d.colwise() - d.rowwise().mean();
  r.rms_shift_A = std::sqrt((ideal.cell * d).colwise().squaredNorm().mean());
  r.unstable = r.dE_min_meV() < -opt.threshold_meV;
  return r;
}

std::vector<std::string> LatticeStability::failures() const {
  std::vector<std::string> out;
  for (const auto& b : born)
    if (!b.met)
      out.push_back(fmt::format("Born criterion {} violated ({} = {:.3g} GPa)", b.name,
                                b.name.substr(0, b.name.find(" >")), b.value_GPa));
  if (random && random->unstable)
    out.push_back(
        fmt::format("random displacements ({} atoms) relax {:.3g} "
                    "meV/atom below the ideal crystal",
                    random->natoms, -random->dE_min_meV()));
  return out;
}

LatticeStability lattice_stability(Engine& engine, const Structure& cell, const StabilityOptions& opt) {
  LatticeStability r;
  r.elastic = cubic_elastic(engine, cell, opt.elastic);
  r.born = born_criteria(r.elastic);
  if (opt.random_test) r.random = random_displacement_test(engine, cell, opt.random);
  return r;
}

}  // namespace nabridge
