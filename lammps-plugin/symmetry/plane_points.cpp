#include "symmetry/plane_points.h"

#include <algorithm>
#include <cmath>

namespace nabridge {

namespace {
constexpr double kBin_A = 2.0;
}

PlanePoints::PlanePoints(const SurfaceCell& sc, const std::vector<SurfaceAtom>& layer, double margin_A) {
  // Images whose fractional coordinates lie within margin (perpendicular distance) of [0, 1].
  const Mat2& P = sc.primitive.basis_A;
  const double area = sc.primitive.area_A2();
  const Vec2 reach_f(margin_A / (area / P.col(1).norm()), margin_A / (area / P.col(0).norm()));
  const int ra = static_cast<int>(std::ceil(reach_f.x())) + 1, rb = static_cast<int>(std::ceil(reach_f.y())) + 1;
  for (const SurfaceAtom& atom : layer) {
    const Vec2 f0 = sc.primitive.fractional(atom.position_A.head<2>());
    for (int i = -ra; i <= ra; ++i)
      for (int j = -rb; j <= rb; ++j) {
        const Vec2 f = f0 + Vec2(i, j);
        if (f.x() < -reach_f.x() || f.x() > 1 + reach_f.x() || f.y() < -reach_f.y() || f.y() > 1 + reach_f.y())
          continue;
        const Vec2 r = sc.primitive.cartesian(f);
        points_.emplace_back(r.x(), r.y(), atom.position_A.z());
        elements_.push_back(atom.element);
      }
  }
  if (points_.empty()) return;
  Vec2 hi = points_.front().head<2>();
  origin_A = hi;
  for (const Vec3& p : points_) {
    origin_A = origin_A.cwiseMin(p.head<2>());
    hi = hi.cwiseMax(p.head<2>());
  }
  bins_x_ = static_cast<int>((hi.x() - origin_A.x()) / kBin_A) + 1;
  bins_y_ = static_cast<int>((hi.y() - origin_A.y()) / kBin_A) + 1;
  bins_.resize(static_cast<std::size_t>(bins_x_) * static_cast<std::size_t>(bins_y_));
  for (std::size_t k = 0; k < points_.size(); ++k) {
    const int ix = static_cast<int>((points_[k].x() - origin_A.x()) / kBin_A);
    const int iy = static_cast<int>((points_[k].y() - origin_A.y()) / kBin_A);
    bins_[static_cast<std::size_t>(ix) * static_cast<std::size_t>(bins_y_) + static_cast<std::size_t>(iy)].push_back(k);
  }
}

std::vector<std::size_t> PlanePoints::within(const Vec3& centre, double radius_A) const {
  std::vector<std::size_t> out;
  const int x0 = std::max(0, static_cast<int>(std::floor((centre.x() - radius_A - origin_A.x()) / kBin_A)));
  const int x1 = std::min(bins_x_ - 1, static_cast<int>(std::floor((centre.x() + radius_A - origin_A.x()) / kBin_A)));
  const int y0 = std::max(0, static_cast<int>(std::floor((centre.y() - radius_A - origin_A.y()) / kBin_A)));
  const int y1 = std::min(bins_y_ - 1, static_cast<int>(std::floor((centre.y() + radius_A - origin_A.y()) / kBin_A)));
  for (int ix = x0; ix <= x1; ++ix)
    for (int iy = y0; iy <= y1; ++iy)
      for (std::size_t k :
           bins_[static_cast<std::size_t>(ix) * static_cast<std::size_t>(bins_y_) + static_cast<std::size_t>(iy)])
        if (std::hypot(points_[k].x() - centre.x(), points_[k].y() - centre.y()) < radius_A) out.push_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace nabridge
