#include "protocols/cubic_lattice.h"

#include <fmt/format.h>

#include <limits>
#include <stdexcept>

#include "protocols/golden_section.h"
#include "structure/prototypes.h"

namespace nabridge {

CubicLattice cubic_equilibrium(Engine& engine, const std::string& prototype, const std::vector<std::string>& elements,
                               double a_guess_A, double tol_A) {
  return cubic_equilibrium(engine, [&](double a) { return bulk_prototype(prototype, elements, a); }, a_guess_A, tol_A);
}

CubicLattice cubic_equilibrium(Engine& engine, const CubicBuilder& build, double a_guess_A, double tol_A) {
  if (!(a_guess_A > 0))
    throw std::invalid_argument(fmt::format("cubic_equilibrium: a_guess_A = {} must be > 0", a_guess_A));
  if (!(tol_A > 0)) throw std::invalid_argument(fmt::format("cubic_equilibrium: tol_A = {} must be > 0", tol_A));
  CubicLattice r;
  // P(a) in GPa; positive P pushes the cell outwards (LAMMPS sign convention of the virial).
  auto pressure = [&](double a, double* e_per_atom = nullptr) {
    const Structure s = build(a);
    const Evaluation ev = engine.evaluate(s, true);
    ++r.evaluations;
    if (!ev.virial_eV)
      throw std::runtime_error("cubic_equilibrium: engine '" + engine.describe() + "' gives no virial");
    if (e_per_atom) *e_per_atom = ev.energy_eV / static_cast<double>(s.size());
    return ev.virial_eV->trace() / (3.0 * s.volume_A3()) * kEvPerA3_to_GPa;
  };
  double lo = a_guess_A, hi = a_guess_A;
  double p_lo = pressure(lo), p_hi = p_lo;
  // Compressed (P > 0): the root is at larger a; stretched (P < 0): at smaller a.
  for (int k = 0; k < 10 && (p_lo > 0) == (p_hi > 0); ++k) {
    if (p_lo > 0) {
      lo = hi;
      p_lo = p_hi;
      hi *= 1.02;
      p_hi = pressure(hi);
    } else {
      hi = lo;
      p_hi = p_lo;
      lo /= 1.02;
      p_lo = pressure(lo);
    }
  }
  if ((p_lo > 0) == (p_hi > 0) && p_lo != 0)
    throw std::runtime_error(fmt::format("cubic_equilibrium: no zero of the pressure within 22 % of a = {} A "
                                         "(P = {:.4g} GPa at {} A)", a_guess_A, p_lo, lo));
  while (hi - lo > tol_A) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;  // adjacent doubles
    const double p = pressure(mid);
    ((p > 0) == (p_lo > 0) ? lo : hi) = mid;
  }
  r.a_A = 0.5 * (lo + hi);
  r.pressure_GPa = pressure(r.a_A, &r.energy_eV_per_atom);
  return r;
}

CubicLattice cubic_energy_minimum(Engine& engine, const CubicBuilder& build, double a_guess_A, double tol_A) {
  if (!(a_guess_A > 0))
    throw std::invalid_argument(fmt::format("cubic_energy_minimum: a_guess_A = {} must be > 0", a_guess_A));
  if (!(tol_A > 0)) throw std::invalid_argument(fmt::format("cubic_energy_minimum: tol_A = {} must be > 0", tol_A));
  CubicLattice r;
  auto e_atom_eV = [&](double a) {
    const Structure s = build(a);
    ++r.evaluations;
    return engine.energy(s) / static_cast<double>(s.size());
  };
  double lo = a_guess_A / 1.02, mid = a_guess_A, hi = a_guess_A * 1.02;
  double e_lo = e_atom_eV(lo), e_mid = e_atom_eV(mid), e_hi = e_atom_eV(hi);
  // Walk downhill until the middle point is the lowest of three.
  for (int k = 0; k < 10 && !(e_mid <= e_lo && e_mid <= e_hi); ++k) {
    if (e_lo < e_hi) {
      hi = mid, e_hi = e_mid, mid = lo, e_mid = e_lo;
      lo /= 1.02;
      e_lo = e_atom_eV(lo);
    } else {
      lo = mid, e_lo = e_mid, mid = hi, e_mid = e_hi;
      hi *= 1.02;
      e_hi = e_atom_eV(hi);
    }
  }
  if (!(e_mid <= e_lo && e_mid <= e_hi))
    throw std::runtime_error(
        fmt::format("cubic_energy_minimum: no minimum of the energy within 22 % of a = {} A "
                    "(lowest {:.6g} eV/atom at {:.4f} A, an end of the range)",
                    a_guess_A, std::min(e_lo, e_hi), e_lo < e_hi ? lo : hi));
  // The estimate is the better interior sample of the final bracket (no extra evaluation).
  const GoldenSection g = golden_section_minimum(e_atom_eV, lo, hi, tol_A, GoldenTie::kKeepLower);
  r.a_A = g.f1 <= g.f2 ? g.x1 : g.x2;
  r.energy_eV_per_atom = std::min(g.f1, g.f2);
  r.pressure_GPa = std::numeric_limits<double>::quiet_NaN();
  return r;
}

double scaling_bulk_modulus_GPa(Engine& engine, const CubicBuilder& build, double a_A, double rel_step) {
  if (!(a_A > 0.0) || !(rel_step > 0.0 && rel_step < 0.5))
    throw std::invalid_argument("scaling_bulk_modulus_GPa: needs a_A > 0 and 0 < rel_step < 0.5");
  auto e_atom_eV = [&](double a) {
    const Structure s = build(a);
    return engine.energy(s) / static_cast<double>(s.size());
  };
  const Structure s0 = build(a_A);
  const double v = s0.volume_A3() / (static_cast<double>(s0.size()) * a_A * a_A * a_A);
  const double h_A = rel_step * a_A;
  const double e2_eV_A2 = (e_atom_eV(a_A - h_A) - 2 * e_atom_eV(a_A) + e_atom_eV(a_A + h_A)) / (h_A * h_A);
  return e2_eV_A2 / (9 * a_A * v) * kEvPerA3_to_GPa;
}

}  // namespace nabridge
