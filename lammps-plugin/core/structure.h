#pragma once
// A Structure is data: a periodic (or partly periodic) cell, atoms with element symbols and
// Cartesian positions, and per-atom degrees of freedom. Units: Å. No physics lives here.
#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace nabridge {

using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;
using Positions = Eigen::Matrix3Xd;  // column i = atom i, Å; contiguous x0 y0 z0 x1 ...

/// Bit mask of Cartesian directions an atom may move along (used by optimisers and NEB).
namespace dof {
inline constexpr std::uint8_t kNone = 0;
inline constexpr std::uint8_t kX = 1, kY = 2, kZ = 4;
inline constexpr std::uint8_t kAll = kX | kY | kZ;
}  // namespace dof

struct Structure {
  /// Lattice vectors as columns (Å). LAMMPS-compatible when a ∥ x and b lies in the xy plane
  /// (cell is then upper triangular); builders produce that orientation.
  Mat3 cell = Mat3::Identity();
  std::array<bool, 3> pbc{true, true, true};
  std::vector<std::string> species;  // element symbol per atom
  Positions positions;               // 3 x N, Å
  std::vector<std::uint8_t> free_dofs;  // per atom, dof::k* mask; kAll = unconstrained

  std::size_t size() const { return species.size(); }
  void add_atom(const std::string& element, const Vec3& r_A, std::uint8_t free = dof::kAll);
  void remove_atom(std::size_t index);
  /// Sorted list of distinct element symbols.
  std::vector<std::string> elements() const;
  /// Cross-sectional area |a × b| (Å²): the surface area of a slab whose normal is z.
  double area_A2() const;
  double volume_A3() const;
  /// Fractional coordinates of column r (cell⁻¹ r).
  Vec3 to_fractional(const Vec3& r_A) const;
  Vec3 to_cartesian(const Vec3& frac) const;
  /// Maps each periodic fractional coordinate into [0, 1).
  void wrap();
  /// Number of atoms with no free degree of freedom.
  std::size_t count_frozen() const;
  /// Throws std::invalid_argument naming the field if sizes disagree or the cell is singular.
  void validate() const;
};

/// Shortest image of displacement d under the periodic directions of s (exact for any cell
/// whose periodic vectors are reasonably reduced; searches ±1 neighbouring images).
Vec3 minimum_image(const Structure& s, const Vec3& d_A);
/// The same with s.cell.inverse() computed once by the caller (loops over many pairs).
Vec3 minimum_image(const Structure& s, const Mat3& cell_inverse, const Vec3& d_A);

}  // namespace nabridge
