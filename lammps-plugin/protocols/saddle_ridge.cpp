#include "protocols/saddle_ridge.h"

#include <cmath>
#include <stdexcept>

#include "nabridge/base/constants.h"

namespace nabridge {

namespace {

/// The unit tangent of the band at image k (central difference of the neighbouring images).
Eigen::Matrix3Xd band_tangent(const std::vector<Structure>& images, std::size_t k) {
  const Eigen::Matrix3Xd t = images[k + 1].positions - images[k - 1].positions;
  return t / t.norm();
}

}  // namespace

std::optional<NebResult> band_off_ridge(Engine& engine, const NebResult& band, const ModeAnalysis& top_modes,
                                        const NebOptions& opt) {
  const std::size_t top = band.saddle_image;
  if (top == 0 || top + 1 >= band.images.size() || top_modes.imaginary_modes < 2) return std::nullopt;
  const Eigen::Matrix3Xd tangent = band_tangent(band.images, top);
  const Eigen::Matrix3Xd* across = &top_modes.unstable_directions.front();
  for (const auto& d : top_modes.unstable_directions)
    if (std::abs((d.array() * tangent.array()).sum()) / d.norm() <
        std::abs((across->array() * tangent.array()).sum()) / across->norm())
      across = &d;
  std::vector<Structure> images = band.images;
  const double length_A = band.reaction_coordinate_A.back();
  for (std::size_t k = 1; k + 1 < images.size(); ++k)
    images[k].positions += kRidgeDisplacement_A * std::sin(kPi * band.reaction_coordinate_A[k] / length_A) * *across;
  return relax_band(engine, std::move(images), opt);
}

}  // namespace nabridge
