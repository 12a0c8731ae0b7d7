#include "protocols/band_mirror_well.h"

namespace nabridge {

namespace {
/// Halfway between two images, by the minimum image: an atom may be wrapped across the cell.
Structure midpoint(const Structure& a, const Structure& b) {
  Structure mid = a;
  for (Eigen::Index k = 0; k < mid.positions.cols(); ++k)
    mid.positions.col(k) += 0.5 * minimum_image(a, b.positions.col(k) - a.positions.col(k));
  return mid;
}
}  // namespace

std::optional<NebResult> band_off_mirror_well(Engine& engine, const NebResult& band, const ModeAnalysis& top_modes,
                                              const NebOptions& opt) {
  const std::size_t frames = band.images.size();
  const std::size_t well = frames / 2;
  if (frames % 2 == 0 || band.saddle_image != well || top_modes.imaginary_modes != 0) return std::nullopt;
  // The half from the start to the well, with an image added between each two: its climbing image
  // goes to the saddle before the well. A whole band with an even number of images would have two
  // equally high images beside the plane, and its climbing image would switch between them.
  std::vector<Structure> half{band.images.front()};
  for (std::size_t k = 0; k < well; ++k) {
    half.push_back(midpoint(band.images[k], band.images[k + 1]));
    half.push_back(band.images[k + 1]);
  }
  NebResult out = relax_band(engine, std::move(half), opt);
  if (!out.converged) return out;
  // The other half is the mirror image of this one: the original band's images beyond the well.
  const double s_well_A = out.reaction_coordinate_A.back();
  for (std::size_t k = well + 1; k < frames; ++k) {
    out.images.push_back(band.images[k]);
    out.energy_eV.push_back(band.energy_eV[k]);
    out.reaction_coordinate_A.push_back(s_well_A + band.reaction_coordinate_A[k] - band.reaction_coordinate_A[well]);
  }
  out.dE_eV = out.energy_eV.back() - out.energy_eV.front();
  out.reverse_barrier_eV = out.energy_eV[out.saddle_image] - out.energy_eV.back();
  return out;
}

}  // namespace nabridge
