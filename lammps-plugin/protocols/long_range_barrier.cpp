#include "protocols/long_range_barrier.h"

#include <fmt/format.h>

#include <map>
#include <stdexcept>

#include "protocols/htst.h"
#include "symmetry/point_index.h"

namespace nabridge {

namespace {

/// The minimum moved by the lattice vector L: the adatom by L, and every slab atom given the
/// relaxation displacement of the atom L behind it, so the end is an exact symmetry image of the
/// start (same energy, same atoms in the same places) and the NEB needs no atom permutation.
Structure translated_state(const Structure& slab, const Structure& minimum, const SurfaceCell& sc, const Vec2& L,
                           double tol_A) {
  const Vec3 shift(L.x(), L.y(), 0.0);
  std::map<std::string, int> type_of;
  PeriodicPointIndex atoms(sc.supercell, tol_A);
  for (std::size_t i = 0; i < slab.size(); ++i)
    atoms.insert(type_of.emplace(slab.species[i], static_cast<int>(type_of.size())).first->second,
                 slab.positions.col(static_cast<Eigen::Index>(i)));
  Structure out = minimum;
  for (std::size_t i = 0; i < slab.size(); ++i) {
    const auto col = static_cast<Eigen::Index>(i);
    const std::size_t j = atoms.find(type_of.at(slab.species[i]), slab.positions.col(col) - shift);
    if (j == PeriodicPointIndex::npos)
      throw std::logic_error("long-range barrier: the slab is not periodic under its own surface lattice vector");
    const auto src = static_cast<Eigen::Index>(j);
    out.positions.col(col) =
        slab.positions.col(col) + minimum_image(slab, minimum.positions.col(src) - slab.positions.col(src));
  }
  out.positions.col(static_cast<Eigen::Index>(slab.size())) += shift;
  return out;
}

}  // namespace

LongRangeBarrier long_range_barrier(Engine& engine, const Structure& slab, const Structure& minimum,
                                    const LongRangeBarrierOptions& opt) {
  if (minimum.size() != slab.size() + 1)
    throw std::invalid_argument("long-range barrier: the minimum must be the slab plus one adatom (its last atom)");
  const SurfaceCell sc = surface_cell(slab, opt.surface);
  LongRangeBarrier r;
  const Vec2 L = sc.primitive.reduced_A.col(0);
  if (2 * L.norm() > sc.supercell.reduced_A.col(0).norm() - 1e-6)
    throw std::invalid_argument(fmt::format(
        "long-range barrier: the supercell ({:.2f} Å along its shortest vector) must be wider than two surface lattice "
        "vectors ({:.2f} Å each), so the adatom's image one lattice vector away is unique",
        sc.supercell.reduced_A.col(0).norm(), L.norm()));
  r.lattice_vector_A = Vec3(L.x(), L.y(), 0.0);
  for (int i = -2; i <= 2; ++i)
    for (int j = -2; j <= 2; ++j)
      if ((i != 0 || j != 0) && std::abs((sc.primitive.reduced_A * Vec2(i, j)).norm() - L.norm()) < 1e-6) ++r.jumps;

  r.neb = run_neb(engine, minimum, translated_state(slab, minimum, sc, L, opt.surface.symprec_A), opt.neb);
  r.Ea_eV = r.neb.barrier_eV;
  r.message = r.neb.message;
  if (r.neb.images.empty()) return r;
  const std::size_t adatom = slab.size();
  const Structure& start = r.neb.images.front();
  const auto atoms = atoms_near(start, adatom, opt.hessian_radius_A);
  const VineyardResult v = vineyard_prefactor(engine, start, r.neb.images[r.neb.saddle_image], atoms);
  if (v.valid) {
    r.nu_Hz = v.nu_Hz;
    r.vineyard = true;
    r.prefactor = "Vineyard at the climbing image (a first-order saddle)";
  } else {
    const ModeAnalysis m = normal_modes(engine, start, atoms);
    r.nu_Hz = m.frequencies_Hz.empty() ? 0.0 : m.frequencies_Hz.front();
    r.prefactor = fmt::format("attempt frequency: the minimum's lowest normal mode (no Vineyard: {})", v.message);
  }
  r.converged = r.neb.converged && r.nu_Hz > 0;
  const double rate_Hz = hop_rate_Hz(r.nu_Hz, r.Ea_eV, opt.T_K);
  r.D_s_m2_s = lattice_diffusivity_m2_s(std::vector<double>(static_cast<std::size_t>(r.jumps), L.norm()),
                                        std::vector<double>(static_cast<std::size_t>(r.jumps), rate_Hz), 2);
  return r;
}

}  // namespace nabridge
