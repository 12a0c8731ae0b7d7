#include "potentials/material_properties.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "protocols/common.h"
#include "protocols/surface_energy.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

namespace nabridge::potentials {

CubicBuilder element_lattice(const std::string& element, const std::string& lattice) {
  if (lattice == "fcc") return [element](double a) { return bulk_fcc(element, a); };
  if (lattice == "bcc") return [element](double a) { return bulk_bcc(element, a); };
  throw std::invalid_argument("element lattice: '" + lattice + "' for " + element + " is not fcc or bcc");
}

LatticeMinimum relax_cubic(Engine& engine, const CubicBuilder& build, double a_guess, double range, double tol) {
  const double n = static_cast<double>(build(a_guess).size());
  auto e = [&](double a) { return engine.energy(build(a)) / n; };
  // Brent's method (golden section + parabolic interpolation) on [lo, hi].
  double lo = a_guess * (1 - range), hi = a_guess * (1 + range);
  const double cgold = 0.3819660112501051;
  double x = lo + cgold * (hi - lo), w = x, v = x;
  double fx = e(x), fw = fx, fv = fx;
  double d = 0.0, step = 0.0;
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    const double tol1 = tol * 0.5 + 1e-12 * std::abs(x), tol2 = 2 * tol1;
    if (std::abs(x - mid) <= tol2 - 0.5 * (hi - lo)) break;
    bool golden = true;
    if (std::abs(step) > tol1) {
      double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw), p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = std::abs(q);
      const double old = step;
      if (std::abs(p) < std::abs(0.5 * q * old) && p > q * (lo - x) && p < q * (hi - x)) {
        step = d;
        d = p / q;
        const double u = x + d;
        if (u - lo < tol2 || hi - u < tol2) d = (mid >= x) ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      step = (x >= mid) ? lo - x : hi - x;
      d = cgold * step;
    }
    const double u = std::abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const double fu = e(u);
    if (fu <= fx) {
      (u >= x ? lo : hi) = x;
      v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
    } else {
      (u < x ? lo : hi) = u;
      if (fu <= fw || w == x) { v = w; fv = fw; w = u; fw = fu; }
      else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
    }
  }
  const double edge = a_guess * range * 1e-3;
  if (x - a_guess * (1 - range) < edge || a_guess * (1 + range) - x < edge)
    throw std::runtime_error(fmt::format("lattice relaxation: minimum at the edge of [{:.4f}, {:.4f}] A (a = {:.4f} A); "
                                         "the structure is unstable or the guess is far off",
                                         a_guess * (1 - range), a_guess * (1 + range), x));
  return {x, fx};
}

double isolated_atom_energy(Engine& engine, const std::string& element) {
  // Periodic 40 Å box (no self-interaction for cutoffs below 20 Å): LammpsEngine keeps one box
  // per instance and cannot switch it to shrink-wrapped boundaries.
  Structure s;
  s.cell = Mat3::Identity() * 40.0;
  s.add_atom(element, Vec3(20.0, 20.0, 20.0));
  return engine.energy(s);
}

double CubicElastic::G_VRH_GPa() const {
  const double cp2 = C11_GPa - C12_GPa;
  const double gv = (cp2 + 3 * C44_GPa) / 5;
  const double gr = 5 * cp2 * C44_GPa / (4 * C44_GPa + 3 * cp2);
  return 0.5 * (gv + gr);
}

namespace {
Structure strained(const Structure& s, const Mat3& eps) {
  Structure t = s;
  const Mat3 f = Mat3::Identity() + eps;
  t.cell = f * s.cell;
  t.positions = f * s.positions;
  return t;
}

/// (E(+e) + E(−e) − 2E0) / V0 for the strain pattern.
double curvature(Engine& engine, const Structure& s, const Mat3& pattern, double e, double e0) {
  return (engine.energy(strained(s, e * pattern)) + engine.energy(strained(s, -e * pattern)) - 2 * e0) / s.volume_A3();
}
}  // namespace

CubicElastic cubic_elastic_constants(Engine& engine, const Structure& s, double e) {
  const double e0 = engine.energy(s);
  Mat3 xx = Mat3::Zero(), xxyy = Mat3::Zero(), xy = Mat3::Zero();
  xx(0, 0) = 1;
  xxyy(0, 0) = xxyy(1, 1) = 1;
  xy(0, 1) = xy(1, 0) = 1;
  CubicElastic c;
  c.C11_GPa = curvature(engine, s, xx, e, e0) / (e * e) * kEvPerA3_to_GPa;
  c.C12_GPa = curvature(engine, s, xxyy, e, e0) / (2 * e * e) * kEvPerA3_to_GPa - c.C11_GPa;
  c.C44_GPa = curvature(engine, s, xy, e, e0) / (4 * e * e) * kEvPerA3_to_GPa;
  return c;
}

double vacancy_formation_energy(Engine& engine, const Structure& cell, int reps, double ebulk, bool relax, Optimizer* opt) {
  if (reps < 2) throw std::invalid_argument("vacancy formation energy: 'reps' must be >= 2");
  Structure s = repeat(cell, reps, reps, reps);
  s.remove_atom(0);
  double e = engine.energy(s);
  if (relax) e = relax_structure(engine, s, opt).energy_eV;
  return e - static_cast<double>(s.size()) * ebulk;
}

std::string miller_label(const Eigen::Vector3i& m) {
  std::string s = "(";
  for (int k = 0; k < 3; ++k) s += m[k] < 0 ? fmt::format("-{}", -m[k]) : fmt::format("{}", m[k]);
  return s + ")";
}

SurfaceResult surface_energy_hkl(Engine& engine, const Structure& cell, const Eigen::Vector3i& miller, double ebulk,
                                 const SurfaceSpecOptions& opt, Optimizer* optimizer) {
  SlabSpec spec;
  spec.miller = miller;
  spec.layers = 2;
  spec.vacuum_A = opt.vacuum_A;
  const double d = make_slab(cell, spec).interlayer_spacing_A;
  if (!(d > 0)) throw std::runtime_error("surface energy " + miller_label(miller) + ": zero interlayer spacing");
  spec.layers = std::max(4, static_cast<int>(std::ceil(opt.min_thickness_A / d)) + 1);
  const Slab slab = make_slab(cell, spec);
  SurfaceEnergyOptions so;
  so.ebulk_eV_per_atom = ebulk;
  so.relax = opt.relax;
  so.optimizer = optimizer;
  const auto r = surface_energy(engine, slab.structure, so);
  return {r.gamma_J_m2, r.gamma_unrelaxed_J_m2, spec.layers, r.natoms};
}

}  // namespace nabridge::potentials
