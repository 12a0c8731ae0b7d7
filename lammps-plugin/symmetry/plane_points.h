#pragma once
// A layer's atoms in the primitive surface cell and their periodic images within a margin of
// it, with a grid for "which points lie within r of x": site candidates then cost O(atoms in
// the cell) even when the primitive cell is a whole low-symmetry supercell. Units: Å.
#include <string>
#include <vector>

#include "symmetry/surface_cell.h"

namespace nabridge {

class PlanePoints {
 public:
  PlanePoints(const SurfaceCell& sc, const std::vector<SurfaceAtom>& layer, double margin_A);

  std::size_t size() const { return points_.size(); }
  const Vec3& point(std::size_t i) const { return points_[i]; }
  const std::string& element(std::size_t i) const { return elements_[i]; }
  /// Points laterally (xy) closer than radius_A to centre.
  std::vector<std::size_t> within(const Vec3& centre, double radius_A) const;

 private:
  std::vector<Vec3> points_;
  std::vector<std::string> elements_;
  Vec2 origin_A = Vec2::Zero();
  int bins_x_ = 1, bins_y_ = 1;
  std::vector<std::vector<std::size_t>> bins_;
};

}  // namespace nabridge
